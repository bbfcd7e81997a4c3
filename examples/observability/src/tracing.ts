/**
 * The app's OpenTelemetry set-up, as any Node app has one: a tracer provider whose spans go to the
 * console (the OTel SDK's ConsoleSpanExporter; an OTLP exporter in production), and the context
 * manager that lets a span follow async code (the call span's parent, the attempt's children).
 */
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter } from "@opentelemetry/sdk-trace-base";

/** Registers the provider globally; returns a function that prints the spans ended so far. */
export function startTracing(): { readonly flush: () => Promise<void>; readonly shutdown: () => Promise<void> } {
  // Batched, then flushed after each question, so that the spans print after the answer, not inside it.
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new ConsoleSpanExporter())] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  return { flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}
