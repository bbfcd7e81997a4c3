/**
 * @module Encoding of each event of the wire format (see `event-stream-wire.ts`). A chunk with only
 * text, the common case, is written without building an object.
 */

import { redactSecrets } from "../adapter/helpers/redact-secrets.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { PromptstreamError } from "../errors/promptstream-error.js";
import { WIRE_RESPONSE_FIELDS, type WireChunk, type WireError } from "./event-stream-wire.js";

/**
 * The event of an adapter chunk; `""` for a chunk that carries nothing neutral (e.g. a ping). Chunks
 * are most of a stream, so their events have no name (13 bytes fewer each): an unnamed event is a chunk.
 */
export function chunkEvent(chunk: ResponseChunk): string {
  const reasoning = (chunk as { readonly reasoning?: unknown }).reasoning;
  const hasReasoning = typeof reasoning === "string" && reasoning !== "";
  if (
    chunk.finishReason === undefined &&
    chunk.rawFinishReason === undefined &&
    chunk.usage === undefined &&
    chunk.toolCallDeltas === undefined &&
    !hasReasoning
  ) {
    return chunk.content === "" ? "" : `data: {"content":${JSON.stringify(chunk.content)}}\n\n`;
  }
  const wire: WireChunk = {
    ...(chunk.content === "" ? {} : { content: chunk.content }),
    ...(hasReasoning ? { reasoning } : {}),
    finishReason: chunk.finishReason,
    rawFinishReason: chunk.rawFinishReason,
    usage: chunk.usage,
    toolCallDeltas: chunk.toolCallDeltas,
  } as WireChunk;
  return `data: ${JSON.stringify(wire)}\n\n`;
}

/** The `part` event of a tool-call part, without the empty chunk fields every part has. */
export function partEvent(part: ResponseChunk): string {
  const { content: _content, finishReason, rawFinishReason, usage, toolCallDeltas, ...fields } = part;
  return `event: part\ndata: ${toJson(fields)}\n\n`;
}

export function objectEvent(object: unknown): string {
  return `event: object\ndata: ${toJson(object)}\n\n`;
}

/** The `response` event: the neutral fields, not the adapter's raw data (which may be large, and is the server's). */
export function responseEvent(response: CallResponse): string {
  const wire: Record<string, unknown> = {};
  const fields = response as unknown as Record<string, unknown>;
  for (const field of WIRE_RESPONSE_FIELDS) {
    if (fields[field] !== undefined) wire[field] = fields[field];
  }
  if (wire.reasoning === "") delete wire.reasoning;
  // The message is most often the text again: the client rebuilds it from `content` when it is absent.
  if (isTextOnly(response.message, response.content)) delete wire.message;
  return `event: response\ndata: ${toJson(wire)}\n\n`;
}

/** Whether a message is `{ role: "assistant", content }` and nothing more (a `toolCalls: undefined` aside). */
function isTextOnly(message: CallResponse["message"], content: string): boolean {
  if (message.content !== content) return false;
  for (const [key, value] of Object.entries(message)) {
    if (key !== "role" && key !== "content" && value !== undefined) return false;
  }
  return true;
}

/** The `error` event: name, code and message (keys masked), never a stack or a cause. */
export function errorEvent(error: unknown): string {
  return `event: error\ndata: ${JSON.stringify(wireError(error))}\n\n`;
}

function wireError(error: unknown): WireError {
  if (!PromptstreamError.isInstance(error)) {
    // Its message may hold anything (a path, a query, a secret): the server logs it, the client gets none of it.
    return { name: "Error", code: "internal", message: "The stream failed on the server." };
  }
  const { partialText } = error as { partialText?: unknown };
  return {
    name: error.name,
    code: error.code,
    message: redactSecrets(error.message),
    provider: error.provider,
    status: error.status,
    retryable: error.retryable,
    ...(typeof partialText === "string" ? { partialText } : {}),
  };
}

/** JSON of a value the user's code made (tool results, objects): errors as their name and message. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field instanceof Error ? { name: field.name, message: redactSecrets(field.message) } : field,
  );
}
