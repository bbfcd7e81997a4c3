/**
 * @module The spans of one call: the call's span, opened when the call begins and ended with it,
 * and the spans the stream's parts delimit: one per tool-loop step (`step-start` to `step-finish`)
 * and one per tool execution (a call complete to its result).
 */
import {
  type Attributes,
  type Context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import type {
  CallObserver,
  CallResponse,
  PromptstreamError,
  ResponseChunk,
  ToolResultPart,
  ToolStreamPart,
} from "@promptstream/core";
import { outputContentAttributes } from "./content-attributes.js";
import { ATTR, FIRST_CHUNK_EVENT, PS_ATTR, responseAttributes } from "./gen-ai-attributes.js";
import { recordFailure } from "./record-failure.js";

/** A span, and the context that holds it: the parent of the spans under it. */
export interface OpenSpan {
  readonly span: Span;
  readonly context: Context;
}

/** What the call span sees of one call, kept in its `call.data`. */
export class CallTrace implements CallObserver {
  readonly #tracer: Tracer;
  readonly #call: OpenSpan;
  readonly #recordContent: boolean;
  readonly #steps = new Map<number, OpenSpan>();
  /**
   * When each tool call was complete (its `tool-call` part), by call id, on the monotonic clock
   * (`performance.now()`): its span starts there.
   */
  readonly #toolCallsAt = new Map<string, number>();
  #firstChunk = true;
  #ended = false;

  constructor(tracer: Tracer, call: OpenSpan, recordContent: boolean) {
    this.#tracer = tracer;
    this.#call = call;
    this.#recordContent = recordContent;
  }

  /** The parent of a request's attempt span: its step's span in a tool loop, else the call's. */
  parentOf(step: number): Context {
    return (this.#steps.get(step) ?? this.#call).context;
  }

  onChunk(chunk: ResponseChunk, elapsedMs: number): void {
    const part = chunk as ResponseChunk & { readonly kind?: string };
    if (part.kind === undefined) {
      if (this.#firstChunk) {
        this.#firstChunk = false;
        const seconds = elapsedMs / 1000;
        this.#call.span.setAttribute(PS_ATTR.timeToFirstChunk, seconds);
        this.#call.span.addEvent(FIRST_CHUNK_EVENT, { [PS_ATTR.timeToFirstChunk]: seconds });
      }
      return;
    }
    this.#onPart(part as ToolStreamPart<never>);
  }

  onFinish(response: CallResponse): void {
    const attributes = responseAttributes(response);
    if (this.#recordContent) Object.assign(attributes, outputContentAttributes(response));
    this.#call.span.setAttributes(attributes);
    this.#end();
  }

  onError(error: PromptstreamError): void {
    for (const { span } of this.#steps.values()) recordFailure(span, error);
    recordFailure(this.#call.span, error);
    this.#end();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const { span } of this.#steps.values()) span.end();
    this.#steps.clear();
    this.#call.span.end();
  }

  #onPart(part: ToolStreamPart<never>): void {
    switch (part.kind) {
      case "step-start":
        this.#startStep(part.step);
        break;
      case "step-finish":
        this.#finishStep(part.step);
        break;
      case "tool-call":
      case "tool-call-error":
        this.#toolCallsAt.set(part.toolCall.id, performance.now());
        break;
      case "tool-result":
        this.#toolSpan(part);
        break;
      case "tool-call-delta":
        break;
      default:
        part satisfies never;
    }
  }

  #startStep(step: number): void {
    const span = this.#tracer.startSpan(
      "promptstream.step",
      { kind: SpanKind.INTERNAL, attributes: { [PS_ATTR.step]: step } },
      this.#call.context,
    );
    this.#steps.set(step, { span, context: trace.setSpan(this.#call.context, span) });
  }

  #finishStep(record: Extract<ToolStreamPart<never>, { kind: "step-finish" }>["step"]): void {
    const open = this.#steps.get(record.step);
    if (open === undefined) return;
    const attributes: Attributes = { [PS_ATTR.stepToolCalls]: record.toolCalls.length };
    if (record.finishReason !== undefined) attributes[PS_ATTR.stepFinishReason] = record.finishReason;
    if (record.usage?.inputTokens !== undefined) attributes[PS_ATTR.stepInputTokens] = record.usage.inputTokens;
    if (record.usage?.outputTokens !== undefined) attributes[PS_ATTR.stepOutputTokens] = record.usage.outputTokens;
    open.span.setAttributes(attributes);
    open.span.end();
    this.#steps.delete(record.step);
    for (const call of [...record.toolCalls, ...record.invalidToolCalls]) this.#toolCallsAt.delete(call.id);
  }

  /**
   * One tool execution, as a span from the moment its call was complete to its result: the loop
   * runs a call as soon as it is complete, and its result is delivered once the step's answer ended.
   */
  #toolSpan(part: ToolResultPart): void {
    const { id } = part.toolCall;
    const attributes: Attributes = {
      [ATTR.operationName]: "execute_tool",
      [ATTR.toolName]: part.toolName,
      [ATTR.toolCallId]: id,
      [ATTR.toolType]: "function",
      [PS_ATTR.step]: part.step,
    };
    if (this.#recordContent) {
      attributes[ATTR.toolCallArguments] = JSON.stringify("args" in part.toolCall ? part.toolCall.args : {});
      attributes[ATTR.toolCallResult] = typeof part.result === "string" ? part.result : JSON.stringify(part.result);
    }
    // Both ends are given: with a start time given, the SDK would end the span on `Date.now()`, a
    // clock that drifts from the monotonic one (and ticks in whole ms), so the duration could come
    // out shorter than the run. The duration is measured on the monotonic clock and anchored on the
    // wall clock now, as the SDK anchors its own spans.
    const endTime = Date.now();
    const calledAt = this.#toolCallsAt.get(id);
    const startTime = calledAt === undefined ? endTime : endTime - (performance.now() - calledAt);
    const span = this.#tracer.startSpan(
      `execute_tool ${part.toolName}`,
      { kind: SpanKind.INTERNAL, attributes, startTime },
      this.parentOf(part.step),
    );
    this.#toolCallsAt.delete(id);
    if (part.isError) {
      const type = "error" in part.toolCall ? "ToolCallError" : "ToolExecutionError";
      span.setAttribute(ATTR.errorType, type);
      span.setStatus({ code: SpanStatusCode.ERROR, message: this.#recordContent ? String(part.result) : type });
    }
    span.end(endTime);
  }
}
