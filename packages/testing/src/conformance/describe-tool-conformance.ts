import {
  defineTool,
  isToolStreamPart,
  jsonSchema,
  type ResponseChunk,
  StreamAbortedError,
  StreamInterruptedError,
  type ToolCall,
} from "@promptstream/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConformanceHarness, ConformanceServer, ConformanceToolCall } from "./conformance-harness.js";

const PARIS: ConformanceToolCall = { id: "call_paris", name: "get_weather", argsText: '{"city":"Paris","unit":"c"}' };
const ROME: ConformanceToolCall = { id: "call_rome", name: "get_weather", argsText: '{"city":"Rome","unit":"f"}' };
const CLOCK: ConformanceToolCall = { id: "call_clock", name: "get_time", argsText: "" };
const USAGE = { input: 20, output: 12 };

/** A tool's arguments, as the suite's JSON Schema describes them. */
interface WeatherArgs {
  readonly city: string;
  readonly unit: "c" | "f";
}

const weatherSchema = jsonSchema<WeatherArgs>({
  type: "object",
  properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
  required: ["city", "unit"],
});

/**
 * The tool cases of the conformance suite, for an adapter that supports tools: each runs on the
 * neutral surface only, through the adapter's real wire format.
 */
export function describeToolConformance<TClient>(harness: ConformanceHarness<TClient>): void {
  describe(`${harness.name} adapter conformance: tools`, () => {
    let server: ConformanceServer<TClient>;
    beforeEach(async () => {
      server = await harness.startServer();
    });
    afterEach(() => server.close());

    const getTime = defineTool({ name: "get_time", parameters: jsonSchema<Record<string, never>>({ type: "object" }) });
    function agent(execute?: (args: WeatherArgs, signal: AbortSignal) => Promise<unknown>, maxSteps = 1) {
      const getWeather = defineTool({
        name: "get_weather",
        description: "Current weather for a city",
        parameters: weatherSchema,
        ...(execute === undefined ? {} : { execute: (args: WeatherArgs, { signal }) => execute(args, signal) }),
      });
      const Agent = harness.Prompt({
        template: "USER: {question}",
        client: server.client,
        tools: [getWeather, getTime],
        maxSteps,
        maxRetries: 0,
      });
      return new Agent({ question: "Weather in Paris and Rome, and the time?" });
    }

    it("streams fragments, yields each call as soon as it is complete, and keeps the text in order", async () => {
      server.script({ kind: "tool-calls", parts: ["Let me look.", PARIS, ROME], usage: USAGE });
      const seen: string[] = [];
      /** Fragments of the second call seen so far, and when the first call's part came. */
      let secondCallFragments = 0;
      let secondCallFragmentsAtFirstCall = -1;
      const stream = agent().stream();
      for await (const chunk of stream) {
        if (isToolStreamPart(chunk)) {
          if (chunk.kind !== "tool-call") continue;
          seen.push(`call:${chunk.toolCall.id}`);
          if (chunk.toolCall.id === PARIS.id) secondCallFragmentsAtFirstCall = secondCallFragments;
          continue;
        }
        if (chunk.content !== "" && seen.at(-1) !== "text") seen.push("text");
        secondCallFragments += chunk.toolCallDeltas?.filter((delta) => delta.index === 1).length ?? 0;
      }
      expect(seen).toEqual(["text", "call:call_paris", "call:call_rome"]);
      if (harness.wholeToolCalls === true) {
        // Each call arrives whole: the first was yielded before anything of the second.
        expect([secondCallFragmentsAtFirstCall, secondCallFragments]).toEqual([0, 1]);
      } else {
        // The first call came before the second was written (at most its opening fragment had arrived).
        expect(secondCallFragmentsAtFirstCall).toBeGreaterThanOrEqual(0);
        expect(secondCallFragmentsAtFirstCall).toBeLessThanOrEqual(1);
        expect(secondCallFragments).toBeGreaterThan(secondCallFragmentsAtFirstCall + 1);
      }
      const response = await stream.response();
      expect(response.content).toBe("Let me look.");
      expect(response.finishReason).toBe("tool_calls");
      expect(response.toolCalls.map(callOf)).toEqual([callOf(PARIS), callOf(ROME)]);
      expect(response.toolCalls[1]?.args).toEqual({ city: "Rome", unit: "f" });
      expect(response.message.toolCalls?.map((call) => call.id)).toEqual(["call_paris", "call_rome"]);
    });

    it("gives a call without arguments the arguments {}", async () => {
      server.script({ kind: "tool-calls", parts: [CLOCK], usage: USAGE });
      const { toolCalls, invalidToolCalls } = await agent().stream().response();
      expect(invalidToolCalls).toEqual([]);
      expect(toolCalls).toEqual([{ id: "call_clock", name: "get_time", args: {}, argsText: expect.any(String) }]);
    });

    it("answers call() with the same typed calls", async () => {
      server.script({ kind: "tool-calls", parts: ["Let me look.", PARIS, ROME], usage: USAGE });
      const response = await agent().call();
      expect(response.toolCalls.map(callOf)).toEqual([callOf(PARIS), callOf(ROME)]);
      expect(response.finishReason).toBe("tool_calls");
    });

    it("runs the tool loop: calls run, results sent back with the calls, the answer streamed after", async () => {
      server.script((request) =>
        server.requests.indexOf(request) === 0
          ? { kind: "tool-calls", parts: [PARIS, ROME], usage: USAGE }
          : { kind: "text", pieces: ["Warmer", " in Rome."], finishReason: "stop", usage: USAGE },
      );
      const ran: string[] = [];
      const stream = agent(async ({ city, unit }) => {
        ran.push(city);
        return { city, temperature: unit === "c" ? 18 : 77 };
      }, 3).stream();
      const kinds: string[] = [];
      for await (const chunk of stream) if (isToolStreamPart(chunk)) kinds.push(chunk.kind);
      const response = await stream.response();
      expect(ran.sort()).toEqual(["Paris", "Rome"]);
      expect(response.content).toBe("Warmer in Rome.");
      expect(response.steps.map((step) => step.toolCalls.length)).toEqual([2, 0]);
      expect(response.usage?.inputTokens).toBe(USAGE.input * 2);
      expect(kinds).toEqual([
        "step-start",
        "tool-call",
        "tool-call",
        "tool-result",
        "tool-result",
        "step-finish",
        "step-start",
        "step-finish",
      ]);
      // The second request carries the calls and their results, in the provider's own shape.
      const sent = JSON.stringify(server.requests[1]?.body);
      for (const text of ["call_paris", "call_rome", "Paris", "77"]) expect(sent).toContain(text);
    });

    it("aborts a running tool's signal and rejects with StreamAbortedError on abort()", async () => {
      server.script({ kind: "tool-calls", parts: [PARIS], usage: USAGE });
      let toolSignal: AbortSignal | undefined;
      const stream = agent(
        (_args, signal) =>
          new Promise((_, reject) => {
            toolSignal = signal;
            signal.addEventListener("abort", () => reject(signal.reason), { once: true });
          }),
        3,
      ).stream();
      const reading = (async () => {
        for await (const chunk of stream) {
          if (isToolStreamPart(chunk) && chunk.kind === "tool-call") setTimeout(() => stream.abort(), 10);
        }
      })();
      await expect(reading).rejects.toBeInstanceOf(StreamAbortedError);
      expect(toolSignal?.aborted).toBe(true);
      expect(server.requests).toHaveLength(1);
    });

    it("keeps the calls completed before a cut in a call's arguments, and the cut one as incomplete", async () => {
      server.script({ kind: "tool-calls", parts: ["Checking.", PARIS, ROME], usage: USAGE, cutInLastCall: true });
      const calls: ToolCall[] = [];
      let failure: unknown;
      try {
        for await (const chunk of agent().stream()) if (isCallPart(chunk)) calls.push(chunk.toolCall);
      } catch (error) {
        failure = error;
      }
      expect(calls.map((call) => call.id)).toEqual(["call_paris"]);
      expect(failure).toBeInstanceOf(StreamInterruptedError);
      const { partialText, partialToolCalls, retryable } = failure as StreamInterruptedError;
      expect({ partialText, retryable }).toEqual({ partialText: "Checking.", retryable: false });
      const kept = partialToolCalls.map(({ id, complete }) => ({ id, complete }));
      if (harness.wholeToolCalls === true) {
        // The cut falls inside the event that carries the whole second call: nothing of it arrived.
        expect(kept).toEqual([{ id: "call_paris", complete: true }]);
      } else {
        expect(kept).toEqual([
          { id: "call_paris", complete: true },
          { id: "call_rome", complete: false },
        ]);
        expect(ROME.argsText.startsWith(partialToolCalls[1]?.argsText ?? "?")).toBe(true);
      }
    });
  });
}

function callOf(call: Pick<ConformanceToolCall, "id" | "name">) {
  return { id: call.id, name: call.name };
}

function isCallPart(chunk: ResponseChunk): chunk is ResponseChunk & { kind: "tool-call"; toolCall: ToolCall } {
  return isToolStreamPart(chunk) && chunk.kind === "tool-call";
}
