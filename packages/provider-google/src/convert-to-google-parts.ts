import type { Part } from "@google/genai";
import {
  type ContentPart,
  ContentPartError,
  type MediaPart,
  mediaByteLength,
  readMediaBase64,
  urlForMessage,
} from "@promptstream/core";
import { GOOGLE_MAX_INLINE_BYTES } from "./google-media-input.js";

/** The inline bytes of one request so far: Gemini's limit is on their total, not per part. */
export interface InlineBytesUsed {
  total: number;
}

/**
 * A user message's parts as Gemini parts, in order: text as `text`, an inline image or document
 * as `inlineData` (base64, with its `mimeType`), a URL as `fileData` (`fileUri` and `mimeType`).
 * Core has checked each part against `GOOGLE_MEDIA_INPUT` (kind, media type, size); this refuses,
 * before anything is sent, what only Gemini's rules exclude: a URL Gemini cannot read, a URL
 * without a media type, and inline data over Gemini's total for one request.
 *
 * A document's `title` has no place in a Gemini part and is not sent.
 */
export async function convertToGoogleParts(
  parts: readonly ContentPart[],
  messageIndex: number,
  used: InlineBytesUsed,
): Promise<Part[]> {
  const converted: Part[] = [];
  for (const part of parts) {
    if (part.type === "text") converted.push({ text: part.text });
    else converted.push(await toMediaPart(part, messageIndex, used));
  }
  return converted;
}

async function toMediaPart(part: MediaPart, messageIndex: number, used: InlineBytesUsed): Promise<Part> {
  const { source } = part;
  if (source.kind === "url") {
    if (!isGeminiFileUri(source.url)) {
      throw refusal(
        part,
        messageIndex,
        "unsupported_part",
        `Gemini reads a file by URI only from its Files API or from Cloud Storage (\`gs://\`, on Vertex AI), not ${urlForMessage(source.url) ?? "an invalid URL"}. ` +
          "Download it and pass the bytes, or upload it with the SDK's `files.upload()` and pass the file's `uri`.",
      );
    }
    if (source.mediaType === undefined) {
      throw refusal(
        part,
        messageIndex,
        "unsupported_part",
        `Gemini needs the media type of a file given by URI; pass it, as in ${part.type}(url, "${part.type === "image" ? "image/png" : "application/pdf"}").`,
      );
    }
    return { fileData: { fileUri: source.url, mimeType: source.mediaType } };
  }
  used.total += mediaByteLength(source) ?? 0;
  if (used.total > GOOGLE_MAX_INLINE_BYTES) {
    throw refusal(
      part,
      messageIndex,
      "part_too_large",
      `the images and documents of this request add up to ${megabytes(used.total)} (counted up to this ${part.type}), ` +
        `over the ${megabytes(GOOGLE_MAX_INLINE_BYTES)} of inline data Gemini takes in one request. ` +
        "Upload large files with the SDK's `files.upload()` and pass the file's `uri` instead.",
    );
  }
  return { inlineData: { mimeType: source.mediaType, data: await readMediaBase64(source) } };
}

/**
 * Whether Gemini can read a URL itself: a Files API URI (`https://generativelanguage.googleapis.com/...`)
 * or a Cloud Storage URI (`gs://...`). `FileData.fileUri` takes nothing else: the SDK documents
 * it as a file in Google's storage, and no fetch of an arbitrary web address.
 */
function isGeminiFileUri(url: string): boolean {
  if (url.startsWith("gs://")) return true;
  try {
    return new URL(url).host === "generativelanguage.googleapis.com";
  } catch {
    return false;
  }
}

function refusal(
  part: MediaPart,
  messageIndex: number,
  code: "unsupported_part" | "part_too_large",
  problem: string,
): ContentPartError {
  return new ContentPartError(`google: ${part.type} in message ${messageIndex}: ${problem}`, {
    code,
    partType: part.type,
    provider: "google",
    messageIndex,
  });
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
