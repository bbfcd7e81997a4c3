import { splitWords } from "./split-words.js";
/** Options of {@link createOpenAITextChunks}. */
export interface OpenAITextChunksOptions {
  readonly model?: string;
  readonly id?: string;
  /** How the text is cut into chunks: by default, one chunk per word with its leading space. */
  readonly split?: (text: string) => string[];
  readonly finishReason?: string;
  /** Token counts for the final usage-only chunk; `false` to send none. */
  readonly usage?: { readonly prompt_tokens: number; readonly completion_tokens: number } | false;
}

/**
 * Chat Completions chunks that stream `text` the way OpenAI does: a first chunk with the
 * role, content deltas, a chunk with the finish reason, then a usage chunk with no choices.
 */
export function createOpenAITextChunks(text: string, options: OpenAITextChunksOptions = {}): object[] {
  const base = {
    id: options.id ?? "chatcmpl-loopback",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: options.model ?? "gpt-4o-mini",
  };
  const pieces = (options.split ?? splitWords)(text);
  const chunks: object[] = [
    {
      ...base,
      choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }],
    },
    ...pieces.map((content) => ({
      ...base,
      choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    })),
    { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: options.finishReason ?? "stop" }] },
  ];
  if (options.usage !== false) {
    const usage = options.usage ?? { prompt_tokens: 12, completion_tokens: pieces.length };
    chunks.push({
      ...base,
      choices: [],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  }
  return chunks;
}
