/**
 * What the tests share: a tracer provider that keeps its spans in memory, and ways to find a
 * span by name and read its parent.
 */
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

/** A tracer provider exporting each ended span to memory, and the global context manager the parent links need. */
export function createTracing() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  return {
    tracerProvider,
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    shutdown: async () => {
      context.disable();
      await tracerProvider.shutdown();
    },
  };
}

/** The one finished span named `name`; fails when there is none or more than one. */
export function spanNamed(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((span) => span.name === name);
  if (found.length !== 1) throw new Error(`${found.length} spans named "${name}" in: ${spans.map((s) => s.name)}`);
  return found[0] as ReadableSpan;
}

/** The span id of a span's parent, or `undefined` for a root span. */
export function parentIdOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

/** The OpenAI client options of a test against `server`: its key, no SDK retries. */
export function openAIClient(baseURL: string, apiKey = "sk-test-otel") {
  return { baseURL, apiKey, maxRetries: 0 };
}
