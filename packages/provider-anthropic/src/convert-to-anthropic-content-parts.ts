import type {
  Base64ImageSource,
  DocumentBlockParam,
  ImageBlockParam,
  TextBlockParam,
} from "@anthropic-ai/sdk/resources/messages/messages";
import {
  type ContentPart,
  ContentPartError,
  type DocumentPart,
  type ImagePart,
  readMediaBase64,
  readMediaBytes,
} from "@promptstream/core";

/** The blocks a user message's parts become. */
export type AnthropicUserContentBlock = TextBlockParam | ImageBlockParam | DocumentBlockParam;

/**
 * Converts a user message's parts to content blocks, in order: text parts to `text` blocks
 * (empty ones left out: the API refuses an empty text block), images to `image` blocks with a
 * `base64` or `url` source, PDFs to `document` blocks with a `base64` or `url` source, and
 * plain-text documents to `document` blocks with a `text` source; a document's `title` is kept.
 * Core has already checked every part against the adapter's `mediaInput`; what only this
 * conversion can see (a plain-text document by URL) throws a `ContentPartError` before sending.
 */
export async function convertToAnthropicContentParts(
  parts: readonly ContentPart[],
  messageIndex: number,
): Promise<AnthropicUserContentBlock[]> {
  const blocks: AnthropicUserContentBlock[] = [];
  for (const part of parts) {
    if (part.type === "text") {
      if (part.text !== "") blocks.push({ type: "text", text: part.text });
    } else if (part.type === "image") blocks.push(await toImageBlock(part));
    else blocks.push(await toDocumentBlock(part, messageIndex));
  }
  return blocks;
}

async function toImageBlock({ source }: ImagePart): Promise<ImageBlockParam> {
  if (source.kind === "url") return { type: "image", source: { type: "url", url: source.url } };
  // Core checked the media type against ANTHROPIC_IMAGE_TYPES.
  const media_type = source.mediaType as Base64ImageSource["media_type"];
  return { type: "image", source: { type: "base64", media_type, data: await readMediaBase64(source) } };
}

async function toDocumentBlock(part: DocumentPart, messageIndex: number): Promise<DocumentBlockParam> {
  const { source } = part;
  let block: DocumentBlockParam;
  if (source.kind === "url") {
    // Anthropic fetches PDFs only: a URL said to be anything else would be read as a PDF and fail there.
    if (source.mediaType !== undefined && source.mediaType !== "application/pdf") {
      throw new ContentPartError(
        `anthropic: a document URL must be a PDF; got "${source.mediaType}" (message ${messageIndex}). ` +
          "Download a plain-text document and pass its text with textDocument(text) instead.",
        { code: "unsupported_part", partType: "document", provider: "anthropic", messageIndex },
      );
    }
    block = { type: "document", source: { type: "url", url: source.url } };
  } else if (source.mediaType === "text/plain") {
    const text = new TextDecoder().decode(await readMediaBytes(source));
    block = { type: "document", source: { type: "text", media_type: "text/plain", data: text } };
  } else {
    block = {
      type: "document",
      source: { type: "base64", media_type: "application/pdf", data: await readMediaBase64(source) },
    };
  }
  if (part.title !== undefined) block.title = part.title;
  return block;
}
