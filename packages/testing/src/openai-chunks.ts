import { splitWords } from "./split-words.js";
/** Options of {@link createOpenAITextChunks}. */
export interface OpenAITextChunksOptions {
  readonly model?: string;
  readonly id?: string;
  /** How the text is cut into chunks: by default, one chunk per word with its leading space. */
  readonly split?: (text: string) => string[];
  readonly finishReason?: string;
  /**
   * Token counts for the final usage-only chunk; `false` to send none. `cached_tokens` and
   * `reasoning_tokens` are sent in `prompt_tokens_details` and `completion_tokens_details`.
   */
  readonly usage?: OpenAIScriptedUsage | false;
  /**
   * Reasoning text streamed before the answer as `delta.reasoning_content`, as OpenAI-compatible
   * servers (xAI, DeepSeek, vLLM) send it; cut as `split` cuts the text (for tool calls, by word).
   */
  readonly reasoning?: string;
  /** The delta field the reasoning is sent in: `"reasoning_content"` (default) or `"reasoning"` (OpenRouter, Ollama). */
  readonly reasoningField?: "reasoning_content" | "reasoning";
}

/** The token counts of a scripted usage chunk. */
export interface OpenAIScriptedUsage {
  /** The input tokens. */
  readonly prompt_tokens: number;
  /** The output tokens (reasoning included, as OpenAI counts them); `total_tokens` is their sum with the input. */
  readonly completion_tokens: number;
  /** Sent as `prompt_tokens_details.cached_tokens`. */
  readonly cached_tokens?: number;
  /** Sent as `completion_tokens_details.reasoning_tokens`. */
  readonly reasoning_tokens?: number;
}

/**
 * Chat Completions chunks that stream `text` the way OpenAI does: a first chunk with the
 * role, content deltas, a chunk with the finish reason, then a usage chunk with no choices.
 * With `reasoning`, its deltas come after the role chunk, before the content, as
 * OpenAI-compatible servers stream them (`delta.reasoning_content`).
 *
 * @example
 * createOpenAITextChunks("42.", { reasoning: "The user wants the answer.", usage: { prompt_tokens: 9, completion_tokens: 7, reasoning_tokens: 5 } })
 */
export function createOpenAITextChunks(text: string, options: OpenAITextChunksOptions = {}): object[] {
  const base = {
    id: options.id ?? "chatcmpl-loopback",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: options.model ?? "gpt-4o-mini",
  };
  const split = options.split ?? splitWords;
  const pieces = split(text);
  const chunks: object[] = [
    {
      ...base,
      choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }],
    },
    ...reasoningChunks(base, options, split),
    ...pieces.map((content) => ({
      ...base,
      choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    })),
    { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: options.finishReason ?? "stop" }] },
  ];
  if (options.usage !== false) {
    chunks.push(usageChunk(base, options.usage ?? { prompt_tokens: 12, completion_tokens: pieces.length }));
  }
  return chunks;
}

/** The reasoning deltas of `options.reasoning`, each a chunk of its own. */
function reasoningChunks(base: object, options: OpenAITextChunksOptions, split: (text: string) => string[]): object[] {
  if (options.reasoning === undefined) return [];
  const field = options.reasoningField ?? "reasoning_content";
  return split(options.reasoning).map((piece) => ({
    ...base,
    choices: [{ index: 0, delta: { content: null, [field]: piece }, logprobs: null, finish_reason: null }],
  }));
}

/** The usage-only chunk that ends a stream when `stream_options.include_usage` is asked for. */
function usageChunk(base: object, usage: OpenAIScriptedUsage): object {
  const { cached_tokens, reasoning_tokens, ...counts } = usage;
  return {
    ...base,
    choices: [],
    usage: {
      ...counts,
      total_tokens: counts.prompt_tokens + counts.completion_tokens,
      ...(cached_tokens === undefined ? {} : { prompt_tokens_details: { cached_tokens } }),
      ...(reasoning_tokens === undefined ? {} : { completion_tokens_details: { reasoning_tokens } }),
    },
  };
}

/** A tool call for {@link createOpenAIToolCallChunks}. */
export interface OpenAIScriptedToolCall {
  /** The call's id, e.g. `"call_1"`. */
  readonly id: string;
  /** The name of the tool called. */
  readonly name: string;
  /** The arguments' JSON text; left out, the call's fragments carry no `arguments` at all. */
  readonly arguments?: string;
  /** Send the arguments whole in the call's first fragment, beside its id and name (as xAI does). */
  readonly whole?: boolean;
}

/** Options of {@link createOpenAIToolCallChunks}: how the fragments are numbered and cut. */
export interface OpenAIToolCallChunksOptions extends Omit<OpenAITextChunksOptions, "split"> {
  /** How arguments are cut into fragments after the call's first one: by default, 8 characters each. */
  readonly splitArguments?: (argumentsText: string) => string[];
  /**
   * Which fragments carry `index`: `"every-fragment"` (OpenAI, the default), `"first-fragment"`, or
   * `"never"` (OpenAI-compatible servers that leave it out).
   */
  readonly index?: "every-fragment" | "first-fragment" | "never";
  /** Repeat the call's id and name on every fragment, as some OpenAI-compatible servers do. */
  readonly repeatId?: boolean;
}

/**
 * Chat Completions chunks of an answer with tool calls, the way OpenAI streams them: a first
 * chunk with the role, then for each part in order either text (one chunk per word) or a call
 * (one chunk with its id, name and `arguments: ""`, then one per piece of its arguments), a chunk
 * with the finish reason (`"tool_calls"` by default), and a usage chunk with no choices. With
 * `reasoning`, its deltas come after the role chunk, before the parts.
 *
 * @example
 * createOpenAIToolCallChunks(["Let me look.", { id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }])
 */
export function createOpenAIToolCallChunks(
  parts: ReadonlyArray<string | OpenAIScriptedToolCall>,
  options: OpenAIToolCallChunksOptions = {},
): object[] {
  const base = {
    id: options.id ?? "chatcmpl-loopback",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: options.model ?? "gpt-4o-mini",
  };
  const chunkOf = (delta: object, finishReason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const chunks: object[] = [
    chunkOf({ role: "assistant", content: null }),
    ...reasoningChunks(base, options, splitWords),
  ];
  let calls = 0;
  let pieces = 0;
  for (const part of parts) {
    if (typeof part === "string") {
      const words = splitWords(part);
      for (const content of words) chunks.push(chunkOf({ content }));
      pieces += words.length;
      continue;
    }
    for (const fragment of toolCallFragments(part, calls, options)) chunks.push(chunkOf({ tool_calls: [fragment] }));
    calls += 1;
    pieces += 1;
  }
  chunks.push(chunkOf({}, options.finishReason ?? (calls > 0 ? "tool_calls" : "stop")));
  if (options.usage !== false)
    chunks.push(usageChunk(base, options.usage ?? { prompt_tokens: 12, completion_tokens: pieces }));
  return chunks;
}

function toolCallFragments(
  call: OpenAIScriptedToolCall,
  index: number,
  options: OpenAIToolCallChunksOptions,
): object[] {
  const indexing = options.index ?? "every-fragment";
  const pieces =
    call.arguments === undefined || call.whole === true
      ? []
      : (options.splitArguments ?? splitEvery8)(call.arguments).filter((piece) => piece !== "");
  const firstArguments = call.arguments === undefined ? {} : { arguments: call.whole === true ? call.arguments : "" };
  const first = {
    ...(indexing === "never" ? {} : { index }),
    id: call.id,
    type: "function",
    function: { name: call.name, ...firstArguments },
  };
  const rest = pieces.map((piece) => ({
    ...(indexing === "every-fragment" ? { index } : {}),
    ...(options.repeatId === true ? { id: call.id, type: "function" } : {}),
    function: { ...(options.repeatId === true ? { name: call.name } : {}), arguments: piece },
  }));
  return [first, ...rest];
}

function splitEvery8(text: string): string[] {
  return text.match(/[\s\S]{1,8}/g) ?? [];
}

/** The `index` of the tool call a Chat Completions chunk carries a fragment of; `undefined` for any other chunk. */
export function toolCallIndexOf(chunk: object): number | undefined {
  const calls = (chunk as { choices?: Array<{ delta?: { tool_calls?: Array<{ index?: number }> } }> }).choices?.[0]
    ?.delta?.tool_calls;
  return calls?.[0]?.index;
}
