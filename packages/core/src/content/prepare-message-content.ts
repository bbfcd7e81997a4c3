import { urlForMessage } from "../adapter/helpers/url-for-message.js";
import type { AdapterV1Message } from "../adapter/v1/adapter-v1-request.js";
import type { MediaInputSupport } from "../adapter/v1/media-input-support.js";
import { ContentPartError } from "../errors/content-part-error.js";
import type { Message } from "../prompt/message.js";
import { type MediaPart, textOfContent } from "./content-part.js";
import { mediaByteLength } from "./read-media.js";

/**
 * The messages as the adapter may receive them: a user message's parts are checked against what
 * the adapter declares in `mediaInput` (throwing a `ContentPartError` before anything is sent);
 * its `content` becomes its text, and `parts` holds the parts when there is media. Returns the
 * same array when no message has parts, so the common text-only path allocates nothing.
 */
export function prepareMessageContent(
  messages: readonly Message[],
  support: MediaInputSupport | undefined,
  provider: string,
): readonly AdapterV1Message[] {
  let prepared: AdapterV1Message[] | undefined;
  for (const [index, message] of messages.entries()) {
    if (message.role !== "user" || typeof message.content === "string") continue;
    let hasMedia = false;
    for (const part of message.content) {
      if (part.type === "text") continue;
      hasMedia = true;
      checkPart(part, support, provider, index);
    }
    // Messages not visited yet that have parts are replaced when the loop reaches them.
    prepared ??= [...messages] as AdapterV1Message[];
    const text = textOfContent(message.content);
    prepared[index] = {
      role: "user",
      content: text,
      ...(hasMedia ? { parts: message.content } : {}),
      ...(message.cache === undefined ? {} : { cache: message.cache }),
    };
  }
  return prepared ?? (messages as readonly AdapterV1Message[]);
}

function checkPart(part: MediaPart, support: MediaInputSupport | undefined, provider: string, messageIndex: number) {
  const fail = (code: "unsupported_part" | "part_too_large", message: string) =>
    new ContentPartError(`${provider}: ${message}`, { code, partType: part.type, provider, messageIndex });
  const kind = support?.[part.type];
  if (kind === undefined) {
    throw fail(
      "unsupported_part",
      `this adapter cannot send ${part.type === "image" ? "images" : "documents"} (message ${messageIndex}); ` +
        `use a provider that takes them, or send the ${part.type}'s content as text.`,
    );
  }
  const { source } = part;
  if (source.kind === "url" && !kind.url) {
    throw fail(
      "unsupported_part",
      `${part.type} URLs are not supported (message ${messageIndex}, ${urlForMessage(source.url) ?? "an invalid URL"}); ` +
        "download it and pass the bytes instead.",
    );
  }
  const mediaType = source.mediaType;
  if (mediaType !== undefined && !kind.mediaTypes.includes(mediaType)) {
    throw fail(
      "unsupported_part",
      `${part.type} of type "${mediaType}" is not supported (message ${messageIndex}); ` +
        `supported: ${kind.mediaTypes.join(", ")}.`,
    );
  }
  const size = mediaByteLength(source);
  if (kind.maxBytes !== undefined && size !== undefined && size > kind.maxBytes) {
    throw fail(
      "part_too_large",
      `${part.type} of ${formatBytes(size)} is over the ${formatBytes(kind.maxBytes)} the provider takes per ` +
        `${part.type} (message ${messageIndex}); resize or split it first.`,
    );
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
