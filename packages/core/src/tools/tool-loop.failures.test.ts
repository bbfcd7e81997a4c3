/**
 * The tool loop when something goes wrong: a tool that throws, calls the model got wrong, a step
 * that fails before or during its stream, an abort while a tool runs, a consumer that leaves.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type AnyTool,
  definePrompt,
  defineTool,
  InvalidRequestError,
  ProviderError,
  ServerError,
  StreamAbortedError,
  StreamInterruptedError,
  TimeoutError,
  ToolExecutionError,
} from "../index.js";
import { rejectionOf } from "../test-support.js";
import {
  answerStep,
  callDeltas,
  callingStep,
  createToolAdapter,
  type StreamScript,
} from "./tool-adapter.test-support.js";

const paris = { id: "w1", name: "get_weather", args: '{"city":"Paris"}' };
const rome = { id: "w2", name: "get_weather", args: '{"city":"Rome"}' };

/** A weather tool that fails for Rome, and the signals its runs were given. */
function weatherTool(signals: AbortSignal[] = []) {
  return defineTool({
    name: "get_weather",
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }, { signal }) => {
      signals.push(signal);
      if (city === "Rome") throw new Error("weather service down");
      return `${city}: 21 degrees`;
    },
  });
}

function loopOver(streams: StreamScript[], tools: readonly AnyTool[] = [weatherTool()], toolErrors?: "send" | "throw") {
  const adapter = createToolAdapter({ streams });
  class Planner extends definePrompt(adapter)({
    template: "Plan a day in {city}",
    tools,
    maxSteps: 4,
    retryDelayMs: 0,
    toolErrors,
  }) {}
  return { adapter, planner: new Planner({ city: "Paris" }) };
}

/** Waits, a macrotask at a time, until `done()` (at most 100 macrotasks). */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100 && !done(); turn += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe("tool loop failures", () => {
  it("sends a tool's error to the model as an error result by default, and goes on", async () => {
    const { adapter, planner } = loopOver([callingStep([paris, rome]), answerStep("Rome is unknown.")]);
    const response = await planner.stream().response();
    expect(adapter.requests[1]?.messages.slice(2)).toStrictEqual([
      { role: "tool", toolCallId: "w1", toolName: "get_weather", content: "Paris: 21 degrees" },
      { role: "tool", toolCallId: "w2", toolName: "get_weather", content: "weather service down", isError: true },
    ]);
    expect(response.steps[0]?.toolResults.map(({ isError, result }) => [isError, result])).toEqual([
      [false, "Paris: 21 degrees"],
      [true, "weather service down"],
    ]);
    expect(response.content).toBe("Rome is unknown.");
  });

  it("with toolErrors: 'throw', fails with a ToolExecutionError holding every step's text, and aborts the other tools", async () => {
    const signals: AbortSignal[] = [];
    const waiting = defineTool({
      name: "wait",
      parameters: z.object({}),
      execute: (_args, { signal }) => {
        signals.push(signal);
        return new Promise((resolve) => signal.addEventListener("abort", resolve));
      },
    });
    const { planner } = loopOver(
      [
        callingStep([paris], { text: "First. " }),
        callingStep([rome, { id: "t1", name: "wait", args: "{}" }], { text: "Second." }),
      ],
      [weatherTool(), waiting],
      "throw",
    );
    const error = await rejectionOf(planner.stream().text());
    expect(error).toBeInstanceOf(ToolExecutionError);
    expect(error).toMatchObject({
      code: "tool_failed",
      toolName: "get_weather",
      toolCallId: "w2",
      partialText: "First. Second.",
      message: 'The tool "get_weather" failed: weather service down',
    });
    expect((error as ToolExecutionError).cause).toEqual(new Error("weather service down"));
    expect(signals.at(-1)?.aborted).toBe(true);
  });

  it("sends an error result for a tool whose result JSON cannot hold", async () => {
    const count = defineTool({ name: "count", parameters: z.object({}), execute: () => ({ total: 10n }) });
    const { adapter, planner } = loopOver(
      [callingStep([{ id: "c1", name: "count", args: "{}" }]), answerStep("Ok.")],
      [count],
    );
    const response = await planner.stream().response();
    const [answer] = adapter.requests[1]?.messages.slice(2) ?? [];
    expect(answer).toMatchObject({ role: "tool", toolCallId: "c1", isError: true });
    expect(answer?.content).toContain('The tool "count" returned a value that JSON cannot hold');
    expect(response.steps[0]?.toolResults[0]).toMatchObject({ isError: true, toolName: "count" });
  });

  it("answers invalid calls with an error result, so that the model can correct them", async () => {
    const { adapter, planner } = loopOver([
      callingStep([
        { id: "x1", name: "get_weather", args: '{"town":"Paris"}' },
        { id: "x2", name: "fly", args: "{}" },
      ]),
      callingStep([paris]),
      answerStep("21 degrees."),
    ]);
    const stream = planner.stream();
    const response = await stream.response();
    const [wrong, unknown] = adapter.requests[1]?.messages.slice(2) ?? [];
    expect(wrong).toMatchObject({ role: "tool", toolCallId: "x1", toolName: "get_weather", isError: true });
    expect(wrong?.content).toContain('The arguments of "get_weather" do not fit its schema: city:');
    expect(unknown).toMatchObject({ role: "tool", toolCallId: "x2", toolName: "fly", isError: true });
    expect(unknown?.content).toContain('The model called "fly"');
    expect(response.steps.map(({ invalidToolCalls }) => invalidToolCalls.length)).toEqual([2, 0, 0]);
    expect(response.steps[0]?.toolResults.map(({ isError }) => isError)).toEqual([true, true]);
  });

  it("retries a step whose request fails before its first chunk, as the prompt's retries say", async () => {
    const overloaded = new ServerError("busy", { provider: "memory", status: 503 });
    const { adapter, planner } = loopOver([
      callingStep([paris]),
      { refuse: overloaded },
      { refuse: overloaded },
      answerStep("21 degrees."),
    ]);
    const stream = planner.stream();
    expect(await stream.text()).toBe("21 degrees.");
    expect(adapter.requests).toHaveLength(4);
    expect(adapter.requests[3]?.messages).toStrictEqual(adapter.requests[1]?.messages);
  });

  it("fails with a step's error that is not retryable, without sending it again", async () => {
    const refused = new InvalidRequestError("bad tool schema", { provider: "memory", status: 400 });
    const { adapter, planner } = loopOver([callingStep([paris], { text: "One." }), { refuse: refused }]);
    const error = await rejectionOf(planner.stream().text());
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ message: "bad tool schema", partialText: "One.", retryable: false });
    expect(adapter.requests).toHaveLength(2);
  });

  it("fails mid-step with every step's text and the calls of the step that broke off", async () => {
    const cut = ProviderError.create("reset", { code: "stream_interrupted", provider: "memory" });
    const { planner } = loopOver([
      callingStep([paris], { text: "One. " }),
      [
        { content: "Two." },
        { toolCallDeltas: callDeltas(0, rome, 1, true) },
        { toolCallDeltas: [{ index: 1, id: "w3", name: "get_weather", argsTextDelta: '{"ci' }] },
        { fail: cut },
      ],
    ]);
    const error = await rejectionOf(planner.stream().text());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ partialText: "One. Two.", retryable: false });
    expect((error as ProviderError).partialToolCalls).toEqual([
      { id: "w2", name: "get_weather", argsText: rome.args, complete: true, partialArgs: JSON.parse(rome.args) },
      // A key not complete yet is not shown: the object so far is empty.
      { id: "w3", name: "get_weather", argsText: '{"ci', complete: false, partialArgs: {} },
    ]);
  });
});

describe("stopping the tool loop", () => {
  function hangingTool(signals: AbortSignal[]) {
    return defineTool({
      name: "get_weather",
      parameters: z.object({ city: z.string() }),
      execute: (_args, { signal }) => {
        signals.push(signal);
        return new Promise<string>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      },
    });
  }

  it("aborts the running tool's signal on abort() and rejects with StreamAbortedError", async () => {
    const signals: AbortSignal[] = [];
    const { adapter, planner } = loopOver([callingStep([paris], { text: "Checking." })], [hangingTool(signals)]);
    const stream = planner.stream();
    const reading = rejectionOf(stream.text());
    await until(() => adapter.events.includes("stream 0: closed") && signals.length > 0);
    stream.abort("user pressed stop");
    const error = await reading;
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ partialText: "Checking.", reason: "user pressed stop" });
    expect(signals[0]?.aborted).toBe(true);
    expect(adapter.requests).toHaveLength(1);
  });

  it("ends the loop with a TimeoutError at the whole call's timeout, aborting the running tool", async () => {
    const signals: AbortSignal[] = [];
    const adapter = createToolAdapter({ streams: [callingStep([paris], { text: "Checking." })] });
    class Planner extends definePrompt(adapter)({
      template: "Plan",
      tools: [hangingTool(signals)],
      maxSteps: 3,
      timeout: 50,
    }) {}
    const error = await rejectionOf(new Planner().stream().text());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ partialText: "Checking.", retryable: false });
    expect(signals[0]?.aborted).toBe(true);
  });

  it("stops the loop and its running tools when the consumer leaves during the first step", async () => {
    const signals: AbortSignal[] = [];
    const { adapter, planner } = loopOver(
      [[{ toolCallDeltas: callDeltas(0, paris, 1, true) }, { content: "Working" }, { hang: true }]],
      [hangingTool(signals)],
    );
    const stream = planner.stream();
    for await (const chunk of stream) if (chunk.content === "Working") break;
    expect(signals[0]?.aborted).toBe(true);
    expect(adapter.events.at(-1)).toBe("stream 0: closed");
    const error = await rejectionOf(stream.response());
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ partialText: "Working" });
  });

  it("stops the loop when the consumer leaves a later step, keeping the steps that ended", async () => {
    const { adapter, planner } = loopOver([
      callingStep([paris], { text: "One." }),
      [{ content: "Two" }, { hang: true }],
    ]);
    const stream = planner.stream();
    for await (const chunk of stream) if (chunk.content === "Two") break;
    expect(adapter.requests[1]?.signal.aborted).toBe(true);
    const response = await stream.response();
    expect(response.steps.map(({ content }) => content)).toEqual(["One."]);
    expect(response.content).toBe("One.");
  });
});
