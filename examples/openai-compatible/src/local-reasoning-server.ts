/**
 * @module The demo's built-in server: a loopback OpenAI-compatible server that answers like
 * xAI's grok-3-mini does (see shared/fixtures/openai-chat/xai-text.chunks.txt): a canned
 * reasoning streamed as `reasoning_content` deltas, then the answer as `content` deltas, a
 * chunk with the finish reason, and, when the request asks for it with `stream_options`, a
 * usage chunk that counts reasoning tokens apart from `completion_tokens`, as xAI does.
 */
import { type OpenAIChatServer, type RecordedRequest, startOpenAIChatServer } from "@promptstream/testing";

/** The model the local server answers as. */
export const LOCAL_MODEL = "grok-3-mini-local";

/** What the local server reasons, before it answers. */
export const LOCAL_REASONING =
  "The user wants one apple for a pie. A pie apple must stay firm when baked and be tart enough " +
  "to balance the sugar. Granny Smith is firm and tart; Honeycrisp is sweeter and softer. Answer with one.";

/** The local server's answer. */
export const LOCAL_ANSWER = "Granny Smith: it stays firm in the oven and its tartness balances the sugar.";

/** Options of {@link startLocalReasoningServer}. */
export interface LocalReasoningServerOptions {
  /** The pause between chunks, in milliseconds: a realistic pace by default. */
  readonly chunkDelayMs?: number;
}

/** Starts the local server on 127.0.0.1; give its `baseURL` to the prompt's client. */
export function startLocalReasoningServer(options: LocalReasoningServerOptions = {}): Promise<OpenAIChatServer> {
  return startOpenAIChatServer((request) => ({
    chunks: reasoningChunks(request),
    chunkDelayMs: options.chunkDelayMs ?? 20,
  }));
}

interface RequestBody {
  readonly messages?: ReadonlyArray<{ readonly content?: unknown }>;
  readonly stream_options?: { readonly include_usage?: boolean };
}

function reasoningChunks(request: RecordedRequest): object[] {
  const body = (request.body ?? {}) as RequestBody;
  const base = { id: "local-reasoning", object: "chat.completion.chunk", created: 1_770_000_000, model: LOCAL_MODEL };
  const delta = (fields: object, finishReason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta: fields, finish_reason: finishReason }],
  });
  const reasoning = words(LOCAL_REASONING);
  const answer = words(LOCAL_ANSWER);
  const chunks: object[] = [
    ...reasoning.map((piece, index) =>
      delta(index === 0 ? { role: "assistant", reasoning_content: piece } : { reasoning_content: piece }),
    ),
    ...answer.map((piece) => delta({ content: piece })),
    delta({}, "stop"),
  ];
  if (body.stream_options?.include_usage === true) {
    const promptTokens = words(JSON.stringify(body.messages?.map((message) => message.content) ?? [])).length;
    chunks.push({
      ...base,
      choices: [],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: answer.length,
        // Like xAI: reasoning is counted apart from completion_tokens, and in the total.
        total_tokens: promptTokens + answer.length + reasoning.length,
        completion_tokens_details: { reasoning_tokens: reasoning.length },
      },
    });
  }
  return chunks;
}

/** One piece per word, with its leading space, as models stream text. */
function words(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}
