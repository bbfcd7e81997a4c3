/**
 * The tool loop: what each step sends, when tools run, the parts between steps, and the response
 * over all steps; and when the loop stops (no call, maxSteps, a tool without execute).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type AnyTool, definePrompt, defineTool, type ToolContext, type ToolLoopOptions } from "../index.js";
import {
  answerStep,
  callDeltas,
  callingStep,
  createToolAdapter,
  labelsOf,
  type StreamScript,
  type ToolAdapter,
  usage,
} from "./tool-adapter.test-support.js";

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A weather tool that writes when each run starts and ends to `events`, and keeps each run's context. */
function weatherTool(events: string[], contexts: ToolContext[] = []) {
  return defineTool({
    name: "get_weather",
    parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
    execute: async ({ city, unit }, context) => {
      contexts.push(context);
      events.push(`start ${context.toolCallId}`);
      await macrotask();
      events.push(`end ${context.toolCallId}`);
      return { city, unit, temp: city === "Paris" ? 21 : 15 };
    },
  });
}

const note = defineTool({
  name: "note",
  parameters: z.object({ text: z.string() }),
  execute: ({ text }) => (text === "nothing" ? undefined : `noted: ${text}`),
});

function promptWith<const TTools extends readonly AnyTool[]>(
  adapter: ToolAdapter,
  tools: TTools,
  options: ToolLoopOptions = { maxSteps: 5 },
) {
  return class Planner extends definePrompt(adapter)({ template: "Plan a day in {city}", tools, ...options }) {};
}

function adapterFor(streams: StreamScript[]) {
  return createToolAdapter({ streams });
}

const paris = { id: "w1", name: "get_weather", args: '{"city":"Paris"}' };
const london = { id: "w2", name: "get_weather", args: '{"city":"London","unit":"f"}' };
const user = { role: "user", content: "Plan a day in Paris" };

describe("the tool loop", () => {
  it("runs two steps: sends the calls and their results, in call order, and yields every part in order", async () => {
    const adapter = adapterFor([
      callingStep([paris, london], { text: "Checking.", usage: usage(10, 5) }),
      answerStep("Paris 21, London 15.", usage(30, 8)),
    ]);
    const Planner = promptWith(adapter, [weatherTool(adapter.events)]);
    const stream = new Planner({ city: "Paris" }).stream();
    expect(await labelsOf(stream)).toEqual([
      "step-start:0",
      "text:Checking.",
      "chunk",
      "chunk",
      "chunk",
      "tool-call:w1",
      "chunk",
      "chunk",
      "tool-call:w2",
      "tool-result:w1",
      "tool-result:w2",
      "step-finish:0",
      "step-start:1",
      "text:Paris 21, London 15.",
      "chunk",
      "step-finish:1",
    ]);
    expect(adapter.requests.map(({ messages }) => messages)).toStrictEqual([
      [user],
      [
        user,
        {
          role: "assistant",
          content: "Checking.",
          toolCalls: [
            { id: "w1", name: "get_weather", args: { city: "Paris" }, argsText: paris.args },
            { id: "w2", name: "get_weather", args: { city: "London", unit: "f" }, argsText: london.args },
          ],
        },
        { role: "tool", toolCallId: "w1", toolName: "get_weather", content: { city: "Paris", unit: "c", temp: 21 } },
        { role: "tool", toolCallId: "w2", toolName: "get_weather", content: { city: "London", unit: "f", temp: 15 } },
      ],
    ]);
    const response = await stream.response();
    expect(response.content).toBe("Paris 21, London 15.");
    expect(response.finishReason).toBe("stop");
    expect(response.toolCalls).toEqual([]);
    expect(response.usage).toEqual(usage(40, 13));
    expect(response.steps.map(({ step, content, usage: stepUsage }) => ({ step, content, stepUsage }))).toEqual([
      { step: 0, content: "Checking.", stepUsage: usage(10, 5) },
      { step: 1, content: "Paris 21, London 15.", stepUsage: usage(30, 8) },
    ]);
    expect(
      response.steps[0]?.toolResults.map(({ toolName, toolCall, isError, result }) => [
        toolName,
        toolCall.id,
        isError,
        result,
      ]),
    ).toEqual([
      ["get_weather", "w1", false, { city: "Paris", unit: "c", temp: 21 }],
      ["get_weather", "w2", false, { city: "London", unit: "f", temp: 15 }],
    ]);
    expect(response.steps[1]?.toolResults).toEqual([]);
    expect(response.message).toEqual({ role: "assistant", content: "Paris 21, London 15." });
  });

  it("runs three steps, each sending the whole history so far; text results as they are, none as null", async () => {
    const adapter = adapterFor([
      callingStep([{ id: "n1", name: "note", args: '{"text":"museum"}' }]),
      callingStep([{ id: "n2", name: "note", args: '{"text":"nothing"}' }], { text: "Also:" }),
      answerStep("Planned."),
    ]);
    const Planner = promptWith(adapter, [note]);
    expect(await new Planner({ city: "Paris" }).stream().text()).toBe("Planned.");
    const first = { role: "assistant", content: "", toolCalls: [{ id: "n1", name: "note", args: { text: "museum" } }] };
    const second = {
      role: "assistant",
      content: "Also:",
      toolCalls: [{ id: "n2", name: "note", args: { text: "nothing" } }],
    };
    const answers = [
      { role: "tool", toolCallId: "n1", toolName: "note", content: "noted: museum" },
      { role: "tool", toolCallId: "n2", toolName: "note", content: null },
    ];
    const sent = adapter.requests.map(({ messages }) =>
      messages.map((message) => (message.role === "assistant" ? stripArgsText(message) : message)),
    );
    expect(sent).toStrictEqual([[user], [user, first, answers[0]], [user, first, answers[0], second, answers[1]]]);
  });

  it("runs tools in parallel, each as soon as its call completed, while the step still streams", async () => {
    const contexts: ToolContext[] = [];
    const adapter = adapterFor([
      [
        { toolCallDeltas: [...callDeltas(0, paris, 1, true), ...callDeltas(1, london, 1, true)] },
        { content: "Looking " },
        { content: "it up." },
        { finishReason: "tool_calls" },
      ],
      answerStep("Done."),
    ]);
    const Planner = promptWith(adapter, [weatherTool(adapter.events, contexts)]);
    await new Planner({ city: "Paris" }).stream().text();
    expect(adapter.events.slice(0, 7)).toEqual([
      "stream 0: chunk 0",
      "start w1",
      "start w2",
      "end w1",
      "end w2",
      "stream 0: chunk 1",
      "stream 0: chunk 2",
    ]);
    expect(adapter.events.indexOf("start w1")).toBeLessThan(adapter.events.indexOf("stream 0: end"));
    expect(contexts.map(({ toolCallId }) => toolCallId)).toEqual(["w1", "w2"]);
    // The loop's signal, one for every tool of the stream, not aborted by a loop that completed.
    expect(contexts[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(contexts[1]?.signal).toBe(contexts[0]?.signal);
    expect(contexts[0]?.signal.aborted).toBe(false);
  });

  it("starts a tool whose call completes early before the later chunks of its step are read", async () => {
    const adapter = adapterFor([
      [
        { toolCallDeltas: callDeltas(0, paris, 2, true) },
        { content: "While " },
        { content: "it runs." },
        { toolCallDeltas: callDeltas(1, london, 2) },
        { finishReason: "tool_calls" },
      ],
      answerStep("Done."),
    ]);
    const Planner = promptWith(adapter, [weatherTool(adapter.events)]);
    await new Planner({ city: "Paris" }).stream().text();
    const at = (event: string) => adapter.events.indexOf(event);
    expect(at("start w1")).toBe(at("stream 0: chunk 0") + 1);
    expect(at("start w1")).toBeLessThan(at("stream 0: chunk 1"));
    // w2 has no done mark: it completes, and starts, when its step's stream ends.
    expect(at("start w2")).toBeGreaterThan(at("stream 0: end"));
    expect(at("start w2")).toBeLessThan(at("stream 1: chunk 0"));
  });

  it("stops at maxSteps, leaving the last step's calls unexecuted in toolCalls", async () => {
    const adapter = adapterFor([callingStep([paris]), callingStep([london], { text: "More." })]);
    const Planner = promptWith(adapter, [weatherTool(adapter.events)], { maxSteps: 2 });
    const response = await new Planner({ city: "Paris" }).stream().response();
    expect(adapter.requests).toHaveLength(2);
    expect(adapter.events.filter((event) => event.startsWith("start"))).toEqual(["start w1"]);
    expect(response.content).toBe("More.");
    expect(response.finishReason).toBe("tool_calls");
    expect(response.toolCalls).toEqual([
      { id: "w2", name: "get_weather", args: { city: "London", unit: "f" }, argsText: london.args },
    ]);
    expect(response.steps.map(({ toolResults }) => toolResults.length)).toEqual([1, 0]);
  });

  it("stops when a call's tool has no execute, still reporting the results of tools started eagerly", async () => {
    const book = defineTool({ name: "book", parameters: z.object({ what: z.string() }) });
    const adapter = adapterFor([callingStep([paris, { id: "b1", name: "book", args: '{"what":"table"}' }])]);
    const Planner = promptWith(adapter, [weatherTool(adapter.events), book]);
    const stream = new Planner({ city: "Paris" }).stream();
    const labels = await labelsOf(stream);
    expect(labels.slice(-3)).toEqual(["tool-call:b1", "tool-result:w1", "step-finish:0"]);
    const response = await stream.response();
    expect(adapter.requests).toHaveLength(1);
    expect(response.toolCalls.map(({ id }) => id)).toEqual(["w1", "b1"]);
    expect(response.steps).toHaveLength(1);
    expect(response.steps[0]?.toolResults).toEqual([
      expect.objectContaining({
        kind: "tool-result",
        step: 0,
        isError: false,
        result: { city: "Paris", unit: "c", temp: 21 },
      }),
    ]);
  });

  it("sums usage over the steps, a count no step reported staying undefined", async () => {
    const adapter = adapterFor([
      callingStep([paris], { usage: { ...usage(10, 5), reasoningTokens: 2 } }),
      callingStep([london]),
      answerStep("Done.", usage(20, undefined)),
    ]);
    const Planner = promptWith(adapter, [weatherTool(adapter.events)]);
    const response = await new Planner({ city: "Paris" }).stream().response();
    expect(response.usage).toEqual({
      inputTokens: 30,
      outputTokens: 5,
      totalTokens: 15,
      cachedInputTokens: undefined,
      reasoningTokens: 2,
    });
    expect(response.steps.map(({ usage: stepUsage }) => stepUsage?.inputTokens)).toEqual([10, undefined, 20]);
    const unreported = adapterFor([callingStep([paris]), answerStep("Done.")]);
    const Silent = promptWith(unreported, [weatherTool(unreported.events)]);
    expect((await new Silent({ city: "Paris" }).stream().response()).usage).toBeUndefined();
  });

  it("runs the loop for call() with maxSteps, streaming each step", async () => {
    const adapter = adapterFor([callingStep([paris]), answerStep("Sunny in Paris.")]);
    const Planner = promptWith(adapter, [weatherTool(adapter.events)], {});
    const response = await new Planner({ city: "Paris" }).call(undefined, { maxSteps: 3 });
    expect(adapter.requests.map(({ kind }) => kind)).toEqual(["stream", "stream"]);
    expect(response.content).toBe("Sunny in Paris.");
    expect(response.steps).toHaveLength(2);
  });

  it("takes maxSteps from the call over the instance over the definition; 1 runs no tool", async () => {
    const script = () => [callingStep([paris]), answerStep("Done.")];
    const adapter = createToolAdapter({ streams: [...script(), ...script(), script()[0] ?? []] });
    const Planner = promptWith(adapter, [weatherTool(adapter.events)], { maxSteps: 1 });
    expect((await new Planner({ city: "Paris" }, { maxSteps: 2 }).stream().response()).steps).toHaveLength(2);
    const planner = new Planner({ city: "Paris" }, { maxSteps: 1 });
    expect((await planner.stream(undefined, { maxSteps: 4 }).response()).steps).toHaveLength(2);
    const single = await new Planner({ city: "Paris" }).stream().response();
    expect(single.steps).toHaveLength(1);
    expect(single.toolCalls.map(({ id }) => id)).toEqual(["w1"]);
    expect(adapter.events.filter((event) => event.startsWith("start"))).toHaveLength(2);
  });
});

function stripArgsText<T extends { readonly toolCalls?: ReadonlyArray<{ readonly argsText?: string }> }>(
  message: T,
): T {
  return { ...message, toolCalls: message.toolCalls?.map(({ argsText: _text, ...call }) => call) };
}
