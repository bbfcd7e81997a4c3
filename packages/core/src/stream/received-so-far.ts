/**
 * @module What a stream received so far, accumulated chunk by chunk: the text, the finish reason and
 * the usage, for the adapter's response at the end and for a failure's partial response.
 */
import type { StreamSummary } from "../adapter/v1/call-response.js";
import type { FinishReason } from "../adapter/v1/finish-reason.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { Usage } from "../adapter/v1/usage.js";
import type { PartialResponse } from "../errors/provider-error.js";
import type { ToolCallTracker } from "../tools/tool-call-tracker.js";
import type { StreamObserver } from "./response-stream-source.js";

/** One stream's accumulated text, finish reason and usage (plain fields: it is read on every chunk). */
export class ReceivedSoFar {
  text = "";
  finishReason: FinishReason | undefined;
  rawFinishReason: string | undefined;
  usage: Usage | undefined;

  add(chunk: ResponseChunk): void {
    this.text += chunk.content;
    if (chunk.finishReason !== undefined) {
      this.finishReason = chunk.finishReason;
      this.rawFinishReason = chunk.rawFinishReason;
    }
    if (chunk.usage !== undefined) this.usage = chunk.usage;
  }

  /** What the adapter builds its response from, with the tool calls core assembled. */
  summary(tools: ToolCallTracker | undefined): StreamSummary {
    const { text: content, finishReason, rawFinishReason, usage } = this;
    const summary = { content, finishReason, rawFinishReason, usage };
    const rawToolCalls = tools?.rawCalls() ?? [];
    return rawToolCalls.length === 0 ? summary : { ...summary, rawToolCalls };
  }

  /** What a failure keeps: the text, usage, tool calls and partial object so far. */
  partial(
    delivered: boolean,
    tools: ToolCallTracker | undefined,
    observer: StreamObserver | undefined,
  ): PartialResponse {
    const partial = { text: this.text, usage: this.usage, delivered, toolCalls: tools?.partialCalls() };
    const object = observer?.partial();
    return object === undefined ? partial : { ...partial, object };
  }
}
