import {
  type AdapterV1,
  type AdapterV1Request,
  type CallParams,
  type CallResponse,
  definePrompt,
  type FinishReason,
  type PromptFactory,
  type RawToolCall,
  type ResponseChunk,
  type ToolCallDelta,
  type Usage,
} from "@promptstream/core";

/** A tool call the mock adapter answers with, after its text. */
export interface MockToolCall {
  /** Default `call_<n>`, n counting from 0 within the answer. */
  readonly id?: string | undefined;
  readonly name: string;
  /** The arguments, sent as JSON text; or give `argsText` to send exactly that (e.g. malformed JSON). */
  readonly args?: unknown;
  readonly argsText?: string | undefined;
}

/** How the mock adapter answers one call. */
export interface MockScript {
  /** The text pieces, streamed one chunk each (or joined, for `call()`). */
  readonly chunks: readonly string[];
  /**
   * Tool calls after the text: streamed as fragments (the id and name, then the arguments in two
   * pieces), or returned as `rawToolCalls` by `call()`. The mock adapter supports tools.
   */
  readonly toolCalls?: readonly MockToolCall[] | undefined;
  /** The finish reason on the last chunk. Default `"tool_calls"` with tool calls, else `"stop"`. */
  readonly finishReason?: FinishReason | undefined;
  /** The usage on the last chunk. Default: none reported. */
  readonly usage?: Usage | undefined;
  /** Thrown after the chunks (or instead of the answer, for `call()`), e.g. a `ProviderError`. */
  readonly error?: unknown;
  /** A pause before each chunk, in milliseconds: lets tests abort or break mid-stream. */
  readonly delayMs?: number | undefined;
}

/** One call the mock adapter received: what core handed it, and whether it streamed. */
export interface MockCall<TParams> {
  readonly kind: "stream" | "call";
  readonly request: AdapterV1Request<TParams, MockClient>;
}

/** The mock adapter's client option: a label, so tests can see which level's client won. */
export interface MockClient {
  readonly name: string;
}

/** A chunk of the mock adapter: the neutral fields only. */
export interface MockChunk extends ResponseChunk {
  /** Index of this chunk in the script. */
  readonly index: number;
}

/** The mock adapter, its prompt factory and what it recorded. */
export interface MockAdapter<TParams extends CallParams = CallParams>
  extends AdapterV1<TParams, MockChunk, CallResponse, MockClient> {
  /** A prompt factory on this adapter, used like `OpenAIPrompt`. */
  readonly Prompt: PromptFactory<TParams, MockChunk, CallResponse, MockClient>;
  /** Every call received, in order. */
  readonly calls: ReadonlyArray<MockCall<TParams>>;
  /** How many streams were opened and then closed before their end (early break or abort). */
  readonly closedEarly: number;
  /** Sets how the following calls are answered: one script for each, or a function choosing per call. */
  script(next: MockScript | ((request: AdapterV1Request<TParams, MockClient>) => MockScript)): void;
}

/**
 * An adapter that answers from scripts, with no HTTP, for unit-testing application code that
 * takes a prompt factory: core's templates, validation, stream helpers and abort all run for
 * real, and every request core built is recorded.
 *
 * @example
 * const mock = createMockAdapter();
 * mock.script({ chunks: ["Apple", " pie."], usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7, cachedInputTokens: undefined, reasoningTokens: undefined } });
 * class Recipe extends mock.Prompt({ template: "Recipe with {ingredient}" }) {}
 * expect(await new Recipe({ ingredient: "apples" }).stream().text()).toBe("Apple pie.");
 * expect(mock.calls[0]?.request.messages).toEqual([{ role: "user", content: "Recipe with apples" }]);
 */
export function createMockAdapter<TParams extends CallParams = CallParams>(provider = "mock"): MockAdapter<TParams> {
  const calls: Array<MockCall<TParams>> = [];
  let choose: (request: AdapterV1Request<TParams, MockClient>) => MockScript = () => ({ chunks: [] });
  let closedEarly = 0;

  const adapter: AdapterV1<TParams, MockChunk, CallResponse, MockClient> = {
    specificationVersion: "v1",
    provider,
    supportsTools: true,
    async doCall(request) {
      calls.push({ kind: "call", request });
      const script = choose(request);
      await pause(script.delayMs, request.signal);
      if (script.error !== undefined) throw script.error;
      const content = script.chunks.join("");
      const finishReason = finishReasonOf(script);
      const rawToolCalls = rawCallsOf(script);
      const summary = { content, finishReason, rawFinishReason: finishReason, usage: script.usage };
      return { ...response(summary, provider), ...(rawToolCalls.length === 0 ? {} : { rawToolCalls }) };
    },
    async doStream(request) {
      calls.push({ kind: "stream", request });
      const script = choose(request);
      return {
        chunks: streamChunks(script, request.signal, () => {
          closedEarly += 1;
        }),
        createResponse: (summary) => response(summary, provider),
      };
    },
  };
  return {
    ...adapter,
    Prompt: definePrompt(adapter),
    calls,
    get closedEarly() {
      return closedEarly;
    },
    script(next) {
      choose = typeof next === "function" ? next : () => next;
    },
  };
}

async function* streamChunks(
  script: MockScript,
  signal: AbortSignal,
  onClosedEarly: () => void,
): AsyncGenerator<MockChunk> {
  let reachedEnd = false;
  try {
    const pieces = [
      ...script.chunks.map((content) => ({ content, toolCallDeltas: undefined })),
      ...toolCallFragments(rawCallsOf(script)).map((delta) => ({ content: "", toolCallDeltas: [delta] })),
    ];
    const last = pieces.length - 1;
    for (const [index, piece] of pieces.entries()) {
      await pause(script.delayMs, signal);
      const finishReason = index === last && script.error === undefined ? finishReasonOf(script) : undefined;
      yield {
        index,
        ...piece,
        finishReason,
        rawFinishReason: finishReason,
        usage: finishReason === undefined ? undefined : script.usage,
      };
    }
    reachedEnd = true;
    if (script.error !== undefined) throw script.error;
  } finally {
    if (!reachedEnd) onClosedEarly();
  }
}

function finishReasonOf(script: MockScript): FinishReason {
  return script.finishReason ?? ((script.toolCalls?.length ?? 0) > 0 ? "tool_calls" : "stop");
}

function rawCallsOf(script: MockScript): RawToolCall[] {
  return (script.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_${index}`,
    name: call.name,
    argsText: call.argsText ?? (call.args === undefined ? "" : JSON.stringify(call.args)),
  }));
}

/** Each call as two fragments: its id, name and the first half of its arguments, then the rest. */
function toolCallFragments(calls: readonly RawToolCall[]): ToolCallDelta[] {
  return calls.flatMap(({ id, name, argsText }, index) => {
    const half = Math.ceil(argsText.length / 2);
    return [
      { index, id, name, argsTextDelta: argsText.slice(0, half) },
      { index, argsTextDelta: argsText.slice(half) },
    ];
  });
}

function response(summary: Omit<CallResponse, "model" | "id" | "message">, provider: string): CallResponse {
  return {
    ...summary,
    model: `${provider}-model`,
    id: `${provider}-response`,
    message: { role: "assistant", content: summary.content },
  };
}

/** Waits, and rejects at once when the signal aborts, as a network read would. */
function pause(ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (ms === undefined || ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
