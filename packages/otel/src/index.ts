/**
 * @module @promptstream/otel: OpenTelemetry tracing for promptstream, as middleware (see
 * `otelMiddleware`), following the OpenTelemetry GenAI semantic conventions.
 */
export { OTEL_TRACER_NAME, type OtelMiddlewareOptions, otelMiddleware } from "./otel-middleware.js";
