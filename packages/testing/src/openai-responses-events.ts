import { splitEvery, splitWords } from "./split-words.js";

/** Options of {@link createOpenAIResponsesTextEvents}. */
export interface OpenAIResponsesTextEventsOptions {
  /** The response's id, `resp_...`. */
  readonly id?: string;
  /** The model the response names; default `gpt-4.1-mini`. */
  readonly model?: string;
  /** How the text (and the reasoning summary) is cut into deltas: by default, one delta per word with its leading space. */
  readonly split?: (text: string) => string[];
  /**
   * Why the answer stopped short: the stream then ends with `response.incomplete` (status
   * `"incomplete"`, `incomplete_details: { reason }`) instead of `response.completed`.
   */
  readonly incompleteReason?: "max_output_tokens" | "content_filter";
  /**
   * The usage `response.completed` carries: `input_tokens` (default 12), `output_tokens` (default:
   * the number of deltas), `cached_tokens` and `reasoning_tokens` (default 0).
   */
  readonly usage?: {
    readonly input_tokens?: number;
    readonly output_tokens?: number;
    readonly cached_tokens?: number;
    readonly reasoning_tokens?: number;
  };
  /** A reasoning summary to stream first, as a `reasoning` item of `response.reasoning_summary_text.delta`s. */
  readonly reasoningSummary?: string;
  /**
   * The reasoning item's `encrypted_content` (what OpenAI sends with `include:
   * ["reasoning.encrypted_content"]`): on the item when it is added and done, and in the final
   * output. Given without `reasoningSummary`, the reasoning item has an empty summary.
   */
  readonly reasoningEncryptedContent?: string;
  /** The reasoning item's `id`; default `rs_loopback_0`. */
  readonly reasoningId?: string;
}

/** A function call for {@link createOpenAIResponsesToolCallEvents}. */
export interface OpenAIResponsesScriptedToolCall {
  /** The call's `call_id`, e.g. `"call_1"`, which the tool's result refers to. */
  readonly id: string;
  /** The name of the function called. */
  readonly name: string;
  /**
   * The arguments as they stream: JSON text (cut into pieces of `fragmentLength` characters), or
   * the exact `response.function_call_arguments.delta` fragments. Left out: `""`, with no delta.
   */
  readonly arguments?: string | readonly string[];
}

/** Options of {@link createOpenAIResponsesToolCallEvents}. */
export interface OpenAIResponsesToolCallEventsOptions extends OpenAIResponsesTextEventsOptions {
  /** The length of the fragments a string `arguments` is cut into; default 8. */
  readonly fragmentLength?: number;
}

/** Options of {@link createOpenAIResponsesErrorEvents}. */
export interface OpenAIResponsesErrorEventsOptions {
  /** The response's id, as its `response.created` said. */
  readonly id?: string;
  /** The model the failed response names; default `gpt-4.1-mini`. */
  readonly model?: string;
  /** The `sequence_number` of the `error` event: the number of events sent before it. Default 0. */
  readonly sequenceNumber?: number;
  /** The error's `code` (and `type`); default `"server_error"`. */
  readonly code?: string;
}

/** One output item, before it is turned into events: a message's text, a call, or a reasoning summary. */
type Item =
  | { readonly type: "message"; readonly pieces: readonly string[] }
  | {
      readonly type: "reasoning";
      readonly pieces: readonly string[];
      readonly id?: string | undefined;
      readonly encryptedContent?: string | undefined;
    }
  | {
      readonly type: "function_call";
      readonly callId: string;
      readonly name: string;
      readonly pieces: readonly string[];
    };

/**
 * Responses API stream events that stream `text` the way OpenAI does (`POST /v1/responses` with
 * `stream: true`): `response.created` and `response.in_progress` holding the whole response
 * object, then a `message` item (`response.output_item.added`, `response.content_part.added`, one
 * `response.output_text.delta` per piece, `response.output_text.done`, `response.content_part.done`,
 * `response.output_item.done`), then `response.completed` with the output and the usage, or
 * `response.incomplete` with `incompleteReason`. Every event has its `sequence_number`, counting
 * from 0. Serve each as `event: <type>\ndata: <json>\n\n`; slice the result to cut the stream short.
 * With `reasoningSummary` (and/or `reasoningEncryptedContent`), a `reasoning` item comes first:
 * `response.reasoning_summary_part.added`, one `response.reasoning_summary_text.delta` per piece,
 * the `.done` events, and the item (with its `encrypted_content`) in the final output.
 *
 * @example
 * createOpenAIResponsesTextEvents("42.", { reasoningSummary: "Adding up.", reasoningEncryptedContent: "gAAAA..." })
 */
export function createOpenAIResponsesTextEvents(
  text: string,
  options: OpenAIResponsesTextEventsOptions = {},
): object[] {
  return createOpenAIResponsesToolCallEvents([text], options);
}

/**
 * Responses API stream events of an answer that calls functions: each string is a `message` item
 * (cut by `split`), each {@link OpenAIResponsesScriptedToolCall} a `function_call` item of
 * `response.function_call_arguments.delta`s closed by `response.function_call_arguments.done`, at
 * consecutive `output_index`es in the order given, between `response.created`/`response.in_progress`
 * and `response.completed` (the Responses API has no finish reason for tool calls: the status is
 * `"completed"` and the calls are in `output`).
 *
 * @example
 * createOpenAIResponsesToolCallEvents(["Let me look.", { id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }])
 */
export function createOpenAIResponsesToolCallEvents(
  parts: ReadonlyArray<string | OpenAIResponsesScriptedToolCall>,
  options: OpenAIResponsesToolCallEventsOptions = {},
): object[] {
  const split = options.split ?? splitWords;
  const items: Item[] = parts.map((part) =>
    typeof part === "string"
      ? { type: "message", pieces: split(part) }
      : {
          type: "function_call",
          callId: part.id,
          name: part.name,
          pieces:
            typeof part.arguments === "string"
              ? splitEvery(part.arguments, options.fragmentLength ?? 8)
              : [...(part.arguments ?? [])],
        },
  );
  if (options.reasoningSummary !== undefined || options.reasoningEncryptedContent !== undefined) {
    items.unshift({
      type: "reasoning",
      pieces: options.reasoningSummary === undefined ? [] : split(options.reasoningSummary),
      id: options.reasoningId,
      encryptedContent: options.reasoningEncryptedContent,
    });
  }
  const response = responseObject(options);
  const incomplete = options.incompleteReason !== undefined;
  const itemStatus = incomplete ? "incomplete" : "completed";
  const events: object[] = [
    { type: "response.created", response },
    { type: "response.in_progress", response },
    ...items.flatMap((item, outputIndex) => itemEvents(item, outputIndex, itemStatus)),
  ];
  const deltas = items.reduce((sum, item) => sum + item.pieces.length, 0);
  const reasoningDeltas = items[0]?.type === "reasoning" ? items[0].pieces.length : 0;
  const usage = {
    input_tokens: options.usage?.input_tokens ?? 12,
    input_tokens_details: { cached_tokens: options.usage?.cached_tokens ?? 0 },
    output_tokens: options.usage?.output_tokens ?? deltas,
    output_tokens_details: { reasoning_tokens: options.usage?.reasoning_tokens ?? reasoningDeltas },
    total_tokens: (options.usage?.input_tokens ?? 12) + (options.usage?.output_tokens ?? deltas),
  };
  events.push({
    type: incomplete ? "response.incomplete" : "response.completed",
    response: {
      ...response,
      status: itemStatus,
      completed_at: incomplete ? null : response.created_at,
      incomplete_details: incomplete ? { reason: options.incompleteReason } : null,
      output: items.map((item, outputIndex) => wholeItem(item, outputIndex, itemStatus)),
      usage,
    },
  });
  return events.map((event, sequence_number) => ({ ...event, sequence_number }));
}

/**
 * The events of a response that fails mid-stream, as OpenAI sends them: an `error` event, then
 * `response.failed` with the error in the response. The `error` event carries the error both at
 * its top level (`code`, `message`, `param`, as the `openai` SDK's `ResponseErrorEvent` type has
 * it) and as `error: { type, code, message, param }` (as the API sends it): that nested `error` is
 * what makes the SDK's stream throw an `APIError` with the message.
 */
export function createOpenAIResponsesErrorEvents(
  message: string,
  options: OpenAIResponsesErrorEventsOptions = {},
): object[] {
  const code = options.code ?? "server_error";
  const sequenceNumber = options.sequenceNumber ?? 0;
  return [
    {
      type: "error",
      code,
      message,
      param: null,
      error: { type: code, code, message, param: null },
      sequence_number: sequenceNumber,
    },
    {
      type: "response.failed",
      response: { ...responseObject(options), status: "failed", error: { code, message } },
      sequence_number: sequenceNumber + 1,
    },
  ];
}

/** The response object of `response.created`: in progress, no output, no usage yet. */
function responseObject(options: { readonly id?: string; readonly model?: string }) {
  return {
    id: options.id ?? "resp_loopback",
    object: "response",
    created_at: 1_700_000_000,
    status: "in_progress",
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: options.model ?? "gpt-4.1-mini",
    output: [] as object[],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: "text" } },
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    truncation: "disabled",
    usage: null,
    metadata: {},
  };
}

const ITEM_ID_PREFIXES = { message: "msg", reasoning: "rs", function_call: "fc" } as const;

function itemId(item: Item, outputIndex: number): string {
  if (item.type === "reasoning" && item.id !== undefined) return item.id;
  return `${ITEM_ID_PREFIXES[item.type]}_loopback_${outputIndex}`;
}

/** A reasoning item with its summary parts so far, and its encrypted content where scripted. */
function reasoningItem(item: Item & { readonly type: "reasoning" }, id: string, summary: readonly object[]): object {
  return {
    id,
    type: "reasoning",
    summary,
    ...(item.encryptedContent === undefined ? {} : { encrypted_content: item.encryptedContent }),
  };
}

/** The item as `response.output_item.done` and the final response's `output` hold it. */
function wholeItem(item: Item, outputIndex: number, status: string): object {
  const id = itemId(item, outputIndex);
  const text = item.pieces.join("");
  switch (item.type) {
    case "message":
      return { id, type: "message", status, role: "assistant", content: [outputText(text)] };
    case "reasoning":
      return reasoningItem(item, id, item.pieces.length === 0 ? [] : [{ type: "summary_text", text }]);
    case "function_call":
      return { id, type: "function_call", status, call_id: item.callId, name: item.name, arguments: text };
  }
}

function outputText(text: string) {
  return { type: "output_text", annotations: [], logprobs: [], text };
}

function itemEvents(item: Item, outputIndex: number, status: string): object[] {
  const at = { item_id: itemId(item, outputIndex), output_index: outputIndex };
  const text = item.pieces.join("");
  const done = {
    type: "response.output_item.done",
    output_index: outputIndex,
    item: wholeItem(item, outputIndex, status),
  };
  switch (item.type) {
    case "message": {
      const part = { ...at, content_index: 0 };
      return [
        {
          type: "response.output_item.added",
          output_index: outputIndex,
          item: { id: at.item_id, type: "message", status: "in_progress", role: "assistant", content: [] },
        },
        { type: "response.content_part.added", ...part, part: outputText("") },
        ...item.pieces.map((delta) => ({ type: "response.output_text.delta", ...part, delta, logprobs: [] })),
        { type: "response.output_text.done", ...part, text, logprobs: [] },
        { type: "response.content_part.done", ...part, part: outputText(text) },
        done,
      ];
    }
    case "reasoning": {
      const part = { ...at, summary_index: 0 };
      const added = {
        type: "response.output_item.added",
        output_index: outputIndex,
        item: reasoningItem(item, at.item_id, []),
      };
      // Encrypted reasoning without a summary: the item is added and done, nothing streams.
      if (item.pieces.length === 0) return [added, done];
      return [
        added,
        { type: "response.reasoning_summary_part.added", ...part, part: { type: "summary_text", text: "" } },
        ...item.pieces.map((delta) => ({ type: "response.reasoning_summary_text.delta", ...part, delta })),
        { type: "response.reasoning_summary_text.done", ...part, text },
        { type: "response.reasoning_summary_part.done", ...part, part: { type: "summary_text", text } },
        done,
      ];
    }
    case "function_call":
      return [
        {
          type: "response.output_item.added",
          output_index: outputIndex,
          item: {
            id: at.item_id,
            type: "function_call",
            status: "in_progress",
            call_id: item.callId,
            name: item.name,
            arguments: "",
          },
        },
        ...item.pieces.map((delta) => ({ type: "response.function_call_arguments.delta", ...at, delta })),
        { type: "response.function_call_arguments.done", ...at, name: item.name, arguments: text },
        done,
      ];
  }
}
