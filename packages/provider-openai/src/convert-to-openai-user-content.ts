import { type ContentPart, ContentPartError, type MediaKindSupport, type MediaSource } from "@promptstream/core";
import type { ChatCompletionContentPart } from "openai/resources/chat/completions";
import { openAIDocumentFilename } from "./openai-document-filename.js";
import { toOpenAIDataURL } from "./to-openai-data-url.js";

/** The images Chat Completions takes: by URL, or inline as a `data:` URL. */
export const OPENAI_CHAT_IMAGE_INPUT: MediaKindSupport = {
  mediaTypes: ["image/png", "image/jpeg", "image/gif", "image/webp"],
  url: true,
};

/** The documents Chat Completions takes: PDFs, inline only (its `file` part has no URL field). */
export const OPENAI_CHAT_DOCUMENT_INPUT: MediaKindSupport = { mediaTypes: ["application/pdf"], url: false };

/**
 * A user message's parts as Chat Completions content parts, in order: text as `text`, an image
 * as `image_url` (its URL, or a `data:` URL of its bytes), a PDF as a `file` part with its
 * `file_data` as a `data:` URL and a `filename`. Core already refused any part these do not take.
 */
export async function convertToOpenAIUserContent(parts: readonly ContentPart[]): Promise<ChatCompletionContentPart[]> {
  const content: ChatCompletionContentPart[] = [];
  let documents = 0;
  for (const part of parts) {
    switch (part.type) {
      case "text":
        content.push({ type: "text", text: part.text });
        break;
      case "image":
        content.push({ type: "image_url", image_url: { url: await imageURL(part.source) } });
        break;
      case "document": {
        documents += 1;
        // Core refuses a document URL before this (the adapter declares `url: false`); said again for
        // a caller that skips core's check.
        if (part.source.kind === "url") {
          throw new ContentPartError("openai: Chat Completions takes PDFs inline only; pass the bytes, not a URL.", {
            code: "unsupported_part",
            partType: "document",
            provider: "openai",
          });
        }
        const filename = openAIDocumentFilename(part, documents);
        content.push({ type: "file", file: { file_data: await toOpenAIDataURL(part.source), filename } });
        break;
      }
    }
  }
  return content;
}

function imageURL(source: MediaSource): string | Promise<string> {
  return source.kind === "url" ? source.url : toOpenAIDataURL(source);
}
