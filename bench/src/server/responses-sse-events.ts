/**
 * An OpenAI Responses stream (`POST /v1/responses` with `stream: true`), shaped as the API sends it
 * for one text message: every event named (`event: type\ndata: {...}`) and numbered (`sequence_number`):
 * `response.created` and `response.in_progress` with the whole response object, the message's
 * `response.output_item.added` and `response.content_part.added`, one `response.output_text.delta` per
 * delta (with `logprobs` and the `obfuscation` padding the API adds by default), then
 * `response.output_text.done`, `response.content_part.done` and `response.output_item.done` with the
 * whole text, and `response.completed` with the output and the usage.
 */
import { chunkText, type TextProfile } from "../scenario.js";
import { namedEvent } from "./sse-events.js";

const RESPONSE_ID = "resp_0bench0e5ba7c1d0690e5c8f3a4b8190a3ddf6c839d4f12a";
const ITEM_ID = "msg_0bench0e5ba7c1d0690e5c8f3a4b8190a612c410a0a39823";
const CREATED = 1_700_000_000;
const PROMPT_TOKENS = 12;

/** The response object of `response.created`, `.in_progress` and `.completed`, with the fields the API sends. */
function responseObject(status: "in_progress" | "completed", output: readonly object[], usage: object | null) {
  return {
    id: RESPONSE_ID,
    object: "response",
    created_at: CREATED,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    max_tool_calls: null,
    model: "gpt-4o-mini-2024-07-18",
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: null,
    prompt_cache_retention: null,
    reasoning: { effort: null, summary: null },
    safety_identifier: null,
    service_tier: status === "completed" ? "default" : "auto",
    store: true,
    temperature: 1,
    text: { format: { type: "text" }, verbosity: "medium" },
    tool_choice: "auto",
    tools: [],
    top_logprobs: 0,
    top_p: 1,
    truncation: "disabled",
    usage,
    user: null,
    metadata: {},
  };
}

const OBFUSCATION_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The API pads every delta event with random characters, so that delta + padding is 16 characters (or a multiple). */
function obfuscation(delta: string, index: number): string {
  const length = 16 - (delta.length % 16);
  let padding = "";
  for (let at = 0; at < length; at += 1)
    padding += OBFUSCATION_ALPHABET[(index * 7 + at * 13) % OBFUSCATION_ALPHABET.length];
  return padding;
}

/**
 * A Responses stream with one message of `chunks` deltas of `profile` (without delta `drop`, if given:
 * the done events then carry the text that was served, as a consistent stream would).
 */
export function responsesEvents(profile: TextProfile, chunks: number, drop?: number): string[] {
  let sequence = 0;
  const event = (type: string, fields: object): string => namedEvent({ type, sequence_number: sequence++, ...fields });
  const at = { item_id: ITEM_ID, output_index: 0, content_index: 0 };
  const events = [
    event("response.created", { response: responseObject("in_progress", [], null) }),
    event("response.in_progress", { response: responseObject("in_progress", [], null) }),
    event("response.output_item.added", {
      output_index: 0,
      item: { id: ITEM_ID, type: "message", status: "in_progress", content: [], role: "assistant" },
    }),
    event("response.content_part.added", {
      ...at,
      part: { type: "output_text", annotations: [], logprobs: [], text: "" },
    }),
  ];
  let text = "";
  for (let index = 0; index < chunks; index += 1) {
    if (index === drop) continue;
    const delta = chunkText(profile, index);
    text += delta;
    events.push(
      event("response.output_text.delta", { ...at, delta, logprobs: [], obfuscation: obfuscation(delta, index) }),
    );
  }
  const part = { type: "output_text", annotations: [], logprobs: [], text };
  const item = { id: ITEM_ID, type: "message", status: "completed", content: [part], role: "assistant" };
  const usage = {
    input_tokens: PROMPT_TOKENS,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: chunks,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: PROMPT_TOKENS + chunks,
  };
  events.push(
    event("response.output_text.done", { ...at, text, logprobs: [] }),
    event("response.content_part.done", { ...at, part }),
    event("response.output_item.done", { output_index: 0, item }),
    event("response.completed", { response: responseObject("completed", [item], usage) }),
  );
  return events;
}
