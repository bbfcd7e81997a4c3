import type { FinishReason, RawToolCall, ResponseChunk, ToolCallDelta, Usage } from "@promptstream/core";
import type { OllamaChatLine, OllamaToolCall } from "./ollama-wire.js";

/**
 * One line of an Ollama stream: the neutral {@link ResponseChunk} fields, read from the parsed
 * line on demand, plus the line itself. `content` is only ever answer text: thinking is on `thinking`.
 *
 * @example
 * for await (const chunk of stream) {
 *   chunk.content;  // line.message.content, or ""
 *   chunk.thinking; // line.message.thinking, or ""
 *   chunk.toolCalls; // line.message.tool_calls, or undefined
 *   chunk.line;     // the parsed line, as Ollama sent it
 * }
 */
export class OllamaCallResponseChunk implements ResponseChunk {
  readonly line: OllamaChatLine;
  /** Token counts, on the final line. */
  readonly usage: Usage | undefined;
  /** The place, among the reply's calls, of this line's first call (the stream counts them). */
  readonly #firstCallIndex: number;
  #toolCallDeltas: readonly ToolCallDelta[] | undefined;

  /**
   * @param line - the parsed line.
   * @param firstCallIndex - how many calls the lines before this one made: the adapter's stream
   * counts them, as a line cannot know it. Default 0.
   */
  constructor(line: OllamaChatLine, firstCallIndex = 0) {
    this.line = line;
    this.usage = line.done === true ? mapOllamaUsage(line) : undefined;
    this.#firstCallIndex = firstCallIndex;
  }

  get content(): string {
    return this.line.message?.content ?? "";
  }

  /** The thinking this line adds (with `think: true`); `""` when none. Never part of `content`. */
  get thinking(): string {
    return this.line.message?.thinking ?? "";
  }

  /** The tool calls this line makes, as Ollama sent them (each whole); `undefined` when it makes none. */
  get toolCalls(): readonly OllamaToolCall[] | undefined {
    return this.line.message?.tool_calls;
  }

  /**
   * This line's calls as neutral deltas: one per call, whole (`done: true`), its arguments as
   * JSON text; `undefined` when the line makes none.
   */
  get toolCallDeltas(): readonly ToolCallDelta[] | undefined {
    // Read by core on every chunk: a line without calls costs no allocation here.
    const calls = this.line.message?.tool_calls;
    if (calls === undefined || calls.length === 0) return undefined;
    this.#toolCallDeltas ??= calls.map((call, at) => {
      const index = this.#firstCallIndex + at;
      const { id, name, argsText } = toRawToolCall(call, index);
      // Ollama sends each call whole, in one line: its only fragment completes it.
      return { index, id, name, argsTextDelta: argsText, done: true };
    });
    return this.#toolCallDeltas;
  }

  /** Whether this is the final line. */
  get done(): boolean {
    return this.line.done === true;
  }

  get finishReason(): FinishReason | undefined {
    return mapOllamaFinishReason(this.rawFinishReason);
  }

  /** Ollama's `done_reason`, on the final line. */
  get rawFinishReason(): string | undefined {
    return this.line.done === true ? this.line.done_reason : undefined;
  }
}

/**
 * An Ollama call as core's {@link RawToolCall}: its arguments object as JSON text, and an id made
 * from its place (`call_<index>`) when Ollama gave it none.
 */
export function toRawToolCall(call: OllamaToolCall, index: number): RawToolCall {
  // `|| {}`: a call without arguments is written `{}`, the JSON of none, not `undefined`.
  return {
    id: call.id || `call_${index}`,
    name: call.function.name,
    argsText: JSON.stringify(call.function.arguments || {}),
  };
}

/** Ollama's `done_reason` as a neutral finish reason: `stop`, `length`, anything else `other`. */
export function mapOllamaFinishReason(reason: string | undefined): FinishReason | undefined {
  if (reason === undefined) return undefined;
  return reason === "stop" || reason === "length" ? reason : "other";
}

/** Ollama's counts as neutral {@link Usage}; it reports neither cached nor thinking tokens apart. */
export function mapOllamaUsage(line: OllamaChatLine): Usage {
  const { prompt_eval_count: inputTokens, eval_count: outputTokens } = line;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens === undefined || outputTokens === undefined ? undefined : inputTokens + outputTokens,
    cachedInputTokens: undefined,
    reasoningTokens: undefined,
  };
}
