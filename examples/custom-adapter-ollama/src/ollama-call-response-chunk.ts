import type { FinishReason, ResponseChunk, Usage } from "@promptstream/core";
import type { OllamaChatLine } from "./ollama-wire.js";

/**
 * One line of an Ollama stream: the neutral {@link ResponseChunk} fields, read from the parsed
 * line on demand, plus the line itself. `content` is only ever answer text: thinking is on `thinking`.
 *
 * @example
 * for await (const chunk of stream) {
 *   chunk.content;  // line.message.content, or ""
 *   chunk.thinking; // line.message.thinking, or ""
 *   chunk.line;     // the parsed line, as Ollama sent it
 * }
 */
export class OllamaCallResponseChunk implements ResponseChunk {
  readonly line: OllamaChatLine;
  /** Token counts, on the final line. */
  readonly usage: Usage | undefined;

  constructor(line: OllamaChatLine) {
    this.line = line;
    this.usage = line.done === true ? mapOllamaUsage(line) : undefined;
  }

  get content(): string {
    return this.line.message?.content ?? "";
  }

  /** The thinking this line adds (with `think: true`); `""` when none. Never part of `content`. */
  get thinking(): string {
    return this.line.message?.thinking ?? "";
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
