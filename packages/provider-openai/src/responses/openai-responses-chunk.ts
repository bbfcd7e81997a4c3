import type { FinishReason, ResponseChunk, ToolCallDelta, Usage } from "@promptstream/core";
import type { ResponseStreamEvent } from "openai/resources/responses/responses";

/** The neutral fields of a chunk that carries more than text (set by the adapter's decoder). */
export interface OpenAIResponsesChunkFields {
  /** See {@link OpenAIResponsesChunk.reasoning}. */
  readonly reasoning?: string | undefined;
  /** See {@link OpenAIResponsesChunk.refusal}. */
  readonly refusal?: string | undefined;
  /** See {@link OpenAIResponsesChunk.toolCallDeltas}. */
  readonly toolCallDeltas?: readonly ToolCallDelta[] | undefined;
  /** See {@link OpenAIResponsesChunk.finishReason}. */
  readonly finishReason?: FinishReason | undefined;
  /** See {@link OpenAIResponsesChunk.rawFinishReason}. */
  readonly rawFinishReason?: string | undefined;
  /** See {@link OpenAIResponsesChunk.usage}. */
  readonly usage?: Usage | undefined;
}

const NONE: OpenAIResponsesChunkFields = {};

/**
 * One event of a Responses API stream: the neutral `ResponseChunk` fields plus the raw event.
 * A text delta, most of a stream, is read without parsing its JSON (see
 * `readOpenAIResponsesTextDelta`): its `event` is parsed when first read.
 *
 * Events the installed SDK does not know yet are chunks too, with empty neutral fields; their
 * `event` is the parsed JSON as sent, whatever its `type`.
 *
 * @example
 * for await (const chunk of stream) {
 *   chunk.content;    // the text a `response.output_text.delta` adds, or ""
 *   chunk.reasoning;  // the text a reasoning (summary) delta adds, or ""
 *   chunk.type;       // chunk.event.type, e.g. "response.output_item.added"
 *   chunk.event;      // the ResponseStreamEvent
 * }
 */
export class OpenAIResponsesChunk implements ResponseChunk {
  /** The output text this chunk adds; `""` when it adds none. */
  readonly content: string;
  /** The event's `type`, e.g. `"response.output_text.delta"`. */
  readonly type: string;
  #source: ResponseStreamEvent | string;
  readonly #fields: OpenAIResponsesChunkFields;

  /**
   * @param source - the event, or for a text delta read on the fast path its JSON text.
   * @param type - the event's `type`.
   * @param content - the output text it adds.
   * @param fields - the other neutral fields, on the events that carry them.
   */
  constructor(
    source: ResponseStreamEvent | string,
    type: string,
    content: string,
    fields: OpenAIResponsesChunkFields = NONE,
  ) {
    this.#source = source;
    this.type = type;
    this.content = content;
    this.#fields = fields;
  }

  /** The raw event, as the API sent it. */
  get event(): ResponseStreamEvent {
    if (typeof this.#source === "string") this.#source = JSON.parse(this.#source) as ResponseStreamEvent;
    return this.#source;
  }

  /** The reasoning text this chunk adds (`response.reasoning_summary_text.delta` or `response.reasoning_text.delta`); `""` otherwise. */
  get reasoning(): string {
    return this.#fields.reasoning ?? "";
  }

  /** The refusal text this chunk adds (`response.refusal.delta`); `""` otherwise. */
  get refusal(): string {
    return this.#fields.refusal ?? "";
  }

  /**
   * The function-call fragments of this chunk, `index` being the call's place among the
   * response's function calls: the call's `call_id` and name when it is added, then its
   * argument text; `done` when its item is done. `undefined` on other events.
   */
  get toolCallDeltas(): readonly ToolCallDelta[] | undefined {
    return this.#fields.toolCallDeltas;
  }

  /** Why the model stopped, on `response.completed` and `response.incomplete`. */
  get finishReason(): FinishReason | undefined {
    return this.#fields.finishReason;
  }

  /** The response's `status` (`"completed"`), or an incomplete response's reason (`"max_output_tokens"`). */
  get rawFinishReason(): string | undefined {
    return this.#fields.rawFinishReason;
  }

  /** Token counts, on `response.completed` and `response.incomplete`. */
  get usage(): Usage | undefined {
    return this.#fields.usage;
  }
}
