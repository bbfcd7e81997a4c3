/**
 * A prompt over an in-memory adapter, for the core figure: its chunks are objects made once and
 * handed over by a hand-written iterator (one resolved promise each), so that what is measured is
 * core's own work per chunk and per call, with no socket, no SSE parsing and no SDK.
 */
import type { CoreModule } from "./variants.js";

interface MemoryChunk {
  readonly content: string;
  readonly reasoning: string;
  readonly finishReason: "stop" | undefined;
  readonly rawFinishReason: string | undefined;
  readonly usage: object | undefined;
}

const USAGE = { inputTokens: 12, outputTokens: 100, totalTokens: 112, cachedInputTokens: 0, reasoningTokens: 0 };

/** `textChunks` chunks of one character each, then a finish chunk and a usage chunk. */
function chunksOf(textChunks: number): readonly MemoryChunk[] {
  const chunks: MemoryChunk[] = [];
  for (let index = 0; index < textChunks; index += 1) {
    chunks.push({ content: "x", reasoning: "", finishReason: undefined, rawFinishReason: undefined, usage: undefined });
  }
  chunks.push({ content: "", reasoning: "", finishReason: "stop", rawFinishReason: "stop", usage: undefined });
  chunks.push({ content: "", reasoning: "", finishReason: undefined, rawFinishReason: undefined, usage: USAGE });
  return chunks;
}

function iterate(chunks: readonly MemoryChunk[]): AsyncIterable<MemoryChunk> {
  return {
    [Symbol.asyncIterator]() {
      let at = 0;
      return {
        next: () =>
          Promise.resolve(
            at < chunks.length
              ? { value: chunks[at++] as MemoryChunk, done: false as const }
              : { value: undefined, done: true as const },
          ),
        return: () => Promise.resolve({ value: undefined, done: true as const }),
      };
    },
  };
}

/** A prompt class whose every stream yields `textChunks` one-character chunks (then a finish and usage). */
export function memoryPrompt(core: CoreModule, textChunks: number) {
  const chunks = chunksOf(textChunks);
  const adapter = {
    specificationVersion: "v1",
    provider: "memory",
    async doCall() {
      throw new Error("the bench streams only");
    },
    async doStream() {
      return {
        chunks: iterate(chunks),
        createResponse: (summary: { readonly content: string }) => ({
          ...summary,
          model: "memory-1",
          id: "bench",
          message: { role: "assistant", content: summary.content },
        }),
      };
    },
  };
  return core.definePrompt(adapter)({ template: "USER: Stream the benchmark text.", maxRetries: 0 });
}
