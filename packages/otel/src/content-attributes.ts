/**
 * @module Prompt and completion content as the GenAI conventions record it on a span (only with
 * `recordContent: true`): `gen_ai.system_instructions`, `gen_ai.input.messages` and
 * `gen_ai.output.messages`, each a JSON string of the conventions' message and part shapes.
 * @see https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/ (the input and output messages JSON schemas)
 */
import type { Attributes } from "@opentelemetry/api";
import type { CallResponse, ContentPart, Message } from "@promptstream/core";
import { ATTR } from "./gen-ai-attributes.js";

type Part = Readonly<Record<string, unknown>>;

/** A text part. */
function text(content: string): Part {
  return { type: "text", content };
}

/**
 * A user message's part. Media are described, not copied: their bytes would make the span as
 * large as the image, and a URL is kept as it is.
 */
function partOf(part: ContentPart): Part {
  if (part.type === "text") return text(part.text);
  const modality = part.type === "image" ? "image" : "document";
  const { source } = part;
  if (source.kind === "url") return { type: "uri", modality, uri: source.url, mime_type: source.mediaType };
  return { type: "blob", modality, mime_type: source.mediaType, content: "[not recorded]" };
}

/** The conventions' form of one message (system messages go to `gen_ai.system_instructions` instead). */
function messageOf(message: Exclude<Message, { role: "system" }>): Part {
  switch (message.role) {
    case "user":
      return {
        role: "user",
        parts: typeof message.content === "string" ? [text(message.content)] : message.content.map(partOf),
      };
    case "assistant":
      return {
        role: "assistant",
        parts: [
          ...(message.content === "" ? [] : [text(message.content)]),
          ...(message.toolCalls ?? []).map((call) => ({
            type: "tool_call",
            id: call.id,
            name: call.name,
            arguments: call.args,
          })),
        ],
      };
    case "tool":
      return {
        role: "tool",
        parts: [{ type: "tool_call_response", id: message.toolCallId, response: message.content }],
      };
    default:
      return message satisfies never;
  }
}

/** `gen_ai.system_instructions` and `gen_ai.input.messages` of a call's rendered messages. */
export function inputContentAttributes(messages: readonly Message[]): Attributes {
  const system = messages.flatMap((message) => (message.role === "system" ? [text(message.content)] : []));
  const rest = messages.flatMap((message) => (message.role === "system" ? [] : [messageOf(message)]));
  const attributes: Attributes = { [ATTR.inputMessages]: JSON.stringify(rest) };
  if (system.length > 0) attributes[ATTR.systemInstructions] = JSON.stringify(system);
  return attributes;
}

/** `gen_ai.output.messages` of a response: its message, with the finish reason. */
export function outputContentAttributes(response: CallResponse): Attributes {
  const output = { ...messageOf(response.message), finish_reason: response.finishReason ?? "" };
  return { [ATTR.outputMessages]: JSON.stringify([output]) };
}
