/**
 * @module `otelMiddleware()`: promptstream calls as OpenTelemetry spans, following the GenAI
 * semantic conventions.
 */
import { type Attributes, context, SpanKind, type Tracer, type TracerProvider, trace } from "@opentelemetry/api";
import type { CallContext, Middleware } from "@promptstream/core";
import { traceCallAttempt, traceStreamAttempt } from "./attempt-span.js";
import { CallTrace } from "./call-trace.js";
import { inputContentAttributes } from "./content-attributes.js";
import { ATTR, PS_ATTR, providerNameOf, requestAttributes } from "./gen-ai-attributes.js";

/** The instrumentation scope's name: the tracer's, unless a `tracer` is given. */
export const OTEL_TRACER_NAME = "@promptstream/otel";

/** Options of {@link otelMiddleware}. */
export interface OtelMiddlewareOptions {
  /** The tracer to create spans with. Default: `tracerProvider`'s tracer named `"@promptstream/otel"`. */
  readonly tracer?: Tracer | undefined;
  /** Where to get the tracer from when no `tracer` is given. Default: the global provider (`trace`), read at each span. */
  readonly tracerProvider?: TracerProvider | undefined;
  /**
   * Records the prompt and the answer on the call span (`gen_ai.system_instructions`,
   * `gen_ai.input.messages`, `gen_ai.output.messages`) and each tool call's arguments and result
   * on its span. They may hold personal data: off by default, as the conventions require.
   * Default: `false`.
   */
  readonly recordContent?: boolean | undefined;
  /**
   * Attributes of your own for each call span (a user id, a feature name), from the call's
   * context. Default: none.
   */
  readonly attributes?: ((call: CallContext) => Attributes | undefined) | undefined;
}

/**
 * Middleware that traces every call it is given to with OpenTelemetry: a span per `stream()` or
 * `call()` named `chat {model}` (kind CLIENT) with the GenAI conventions' attributes; under it a
 * span per request attempt (`promptstream.attempt`; retries make more), per tool-loop step
 * (`promptstream.step`, the step's attempts under it) and per tool execution
 * (`execute_tool {name}`). Spans go to the tracer you give, or to the global tracer provider.
 *
 * @example
 * import { useMiddleware } from "@promptstream/core";
 * import { otelMiddleware } from "@promptstream/otel";
 *
 * useMiddleware(otelMiddleware()); // every prompt of every provider
 */
export function otelMiddleware(options: OtelMiddlewareOptions = {}): Middleware {
  const tracer = options.tracer ?? (options.tracerProvider ?? trace).getTracer(OTEL_TRACER_NAME);
  const recordContent = options.recordContent === true;
  // This middleware's own key in each call's data: two instances (two tracers) keep apart.
  const key = Symbol("promptstream.otel");
  const traceOf = (call: CallContext) => call.data.get(key) as CallTrace | undefined;
  return {
    name: "otel",
    onCall(call) {
      const model = call.params.model;
      const name = typeof model === "string" && model !== "" ? `chat ${model}` : "chat";
      const attributes: Attributes = {
        [ATTR.operationName]: "chat",
        [ATTR.providerName]: providerNameOf(call.provider),
        ...requestAttributes(call.params),
        [PS_ATTR.promptName]: call.promptName,
        [PS_ATTR.callId]: call.id,
        [PS_ATTR.callKind]: call.kind,
        ...(recordContent ? inputContentAttributes(call.messages) : {}),
        ...options.attributes?.(call),
      };
      const parent = context.active();
      const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
      const callTrace = new CallTrace(tracer, { span, context: trace.setSpan(parent, span) }, recordContent);
      call.data.set(key, callTrace);
      return callTrace;
    },
    wrapStream: (request, next) => traceStreamAttempt(tracer, request, next, traceOf(request.call)),
    wrapCall: (request, next) => traceCallAttempt(tracer, request, next, traceOf(request.call)),
  };
}
