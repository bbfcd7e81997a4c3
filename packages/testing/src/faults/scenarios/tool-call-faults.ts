import { defineTool, isToolStreamPart, jsonSchema, StreamInterruptedError } from "@promptstream/core";
import { expect } from "vitest";
import type { FaultFamily } from "../suite/fault-suite.js";
import { PIECES, TEMPLATE, TEXT } from "../suite/scenario-script.js";

const CALLS = [
  { id: "call_1", name: "get_weather", argsText: '{"city":"Paris"}' },
  { id: "call_2", name: "get_weather", argsText: '{"city":"Rome and around"}' },
];

const getWeather = defineTool({
  name: "get_weather",
  parameters: jsonSchema<{ city: string }>({
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  }),
});

/**
 * The tool-call scenarios, for an adapter that supports tools: a stream cut in the middle of a
 * call's arguments keeps the text, the calls completed before, and the cut one as incomplete (with
 * `wholeToolCalls`, a cut in the last call's event loses that call).
 */
export const toolCallFaults: FaultFamily = (suite) => {
  if (suite.harness.supportsTools !== true) return;
  suite.scenario("connection reset in the middle of a tool call's arguments (not retried)", async ({ serve }) => {
    const server = await serve(() => ({ kind: "tool-calls-cut", pieces: PIECES, calls: CALLS }));
    const Agent = suite.harness.Prompt({
      template: TEMPLATE,
      client: suite.harness.wire.client(server.url),
      tools: [getWeather],
      retryDelayMs: 1,
    });
    const stream = new Agent({ ingredient: "apples" }).stream();
    const completed: string[] = [];
    let text = "";
    let failure: unknown;
    try {
      for await (const chunk of stream) {
        if (isToolStreamPart(chunk)) {
          if (chunk.kind === "tool-call") completed.push(chunk.toolCall.id);
        } else text += chunk.content;
      }
    } catch (error) {
      failure = error;
    }
    expect(text).toBe(TEXT);
    expect(completed).toEqual(["call_1"]);
    expect(failure).toBeInstanceOf(StreamInterruptedError);
    const { partialText, partialToolCalls, retryable } = failure as StreamInterruptedError;
    expect({ partialText, retryable }).toEqual({ partialText: TEXT, retryable: false });
    const kept = partialToolCalls.map(({ id, name, complete }) => ({ id, name, complete }));
    if (suite.harness.wholeToolCalls === true) {
      // The cut falls inside the event that carries the whole second call: nothing of it arrived.
      expect(kept).toEqual([{ id: "call_1", name: "get_weather", complete: true }]);
    } else {
      expect(kept).toEqual([
        { id: "call_1", name: "get_weather", complete: true },
        { id: "call_2", name: "get_weather", complete: false },
      ]);
      const cut = partialToolCalls[1]?.argsText ?? "";
      expect(cut.length).toBeLessThan(CALLS[1]?.argsText.length ?? 0);
      expect(CALLS[1]?.argsText.startsWith(cut)).toBe(true);
    }
    expect(await stream.response().catch((error: unknown) => error)).toBe(failure);
    expect(server.requests).toHaveLength(1);
    expect(stream.attempts).toBe(1);
  });
};
