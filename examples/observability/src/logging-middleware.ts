/**
 * A logging middleware: one line per call (prompt, model, time to first chunk, tokens, finish
 * reason, duration) and one per failure. Middleware sees every call of the prompts it is given to,
 * whatever the provider.
 */
import type { CallContext, Middleware } from "@promptstream/core";

/** The model asked for, or the provider's default when the params name none. */
function modelOf(call: CallContext): string {
  return typeof call.params.model === "string" ? call.params.model : "(default model)";
}

export function loggingMiddleware(log: (line: string) => void = console.log): Middleware {
  return {
    name: "logging",
    onCall(call) {
      let firstChunkMs: number | undefined;
      const took = () => `${Math.round(performance.now() - call.startedAt)} ms`;
      const where = `${call.promptName} ${call.provider}/${modelOf(call)}`;
      return {
        onChunk(chunk, elapsedMs) {
          // Tool-loop parts (step-start, tool-call, ...) have a `kind`; the model's chunks do not.
          if (firstChunkMs === undefined && (chunk as { kind?: string }).kind === undefined) firstChunkMs = elapsedMs;
        },
        onFinish(response) {
          const first = firstChunkMs === undefined ? "-" : `${Math.round(firstChunkMs)} ms`;
          const { inputTokens = "?", outputTokens = "?" } = response.usage ?? {};
          log(
            `[log] ${where}: first chunk ${first}, ${inputTokens} tokens in, ${outputTokens} out, ` +
              `finish ${response.finishReason ?? "-"}, ${took()}`,
          );
        },
        onError(error) {
          log(`[log] ${where}: ${error.name} (${error.code}) after ${took()}: ${error.message}`);
        },
      };
    },
  };
}
