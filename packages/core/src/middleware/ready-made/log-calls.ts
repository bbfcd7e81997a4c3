import type { Middleware } from "../middleware.js";

/** Options of {@link logCalls}. */
export interface LogCallsOptions {
  /** Where each line goes; default `console.info`. */
  readonly log?: ((line: string) => void) | undefined;
}

/**
 * Logs one line per call when it ends: the prompt, provider and model, the time to first chunk and
 * in all, the tokens and the finish reason; or the error's name and code. Never the messages'
 * content, which may be private.
 *
 * @example
 * useMiddleware(logCalls()); // every prompt of every provider
 * // [promptstream] RecipeRecommender openai gpt-4o-mini: first chunk 312 ms, 1.84 s, 21+180 tokens, stop
 */
export function logCalls(options: LogCallsOptions = {}): Middleware {
  const log = options.log ?? ((line: string) => console.info(line));
  return {
    name: "logCalls",
    onCall(call) {
      let firstChunkMs: number | undefined;
      const prefix = () => `[promptstream] ${call.promptName} ${call.provider}`;
      return {
        onChunk: (_chunk, elapsedMs) => {
          firstChunkMs ??= elapsedMs;
        },
        onFinish: (response) => {
          const total = performance.now() - call.startedAt;
          const usage = response.usage;
          const tokens =
            usage === undefined ? "no usage" : `${usage.inputTokens ?? "?"}+${usage.outputTokens ?? "?"} tokens`;
          const first = firstChunkMs === undefined ? "" : `first chunk ${Math.round(firstChunkMs)} ms, `;
          log(
            `${prefix()} ${response.model ?? "?"}: ${first}${seconds(total)}, ${tokens}, ${response.finishReason ?? "no finish reason"}`,
          );
        },
        onError: (error) => {
          log(
            `${prefix()}: failed after ${seconds(performance.now() - call.startedAt)}: ${error.name} (${error.code})`,
          );
        },
      };
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
