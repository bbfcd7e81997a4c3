import type { MediaInputSupport } from "@promptstream/core";

/**
 * Gemini's documented limit on inline data: a request whose inline files (`inlineData`) add up to
 * more is refused; larger files go through the Files API and are sent by URI.
 *
 * @see https://ai.google.dev/gemini-api/docs/image-understanding
 * @see https://ai.google.dev/gemini-api/docs/document-processing
 */
export const GOOGLE_MAX_INLINE_BYTES = 20 * 1024 * 1024;

/**
 * The images and documents the Gemini adapter sends, which core checks every part against before
 * sending: images as PNG, JPEG, WebP, HEIC or HEIF; documents as PDF or plain text; each inline
 * (`inlineData`, base64) or by URI (`fileData`: a Files API URI, or `gs://` on Vertex AI; the
 * adapter refuses any other URL). No single part may be over {@link GOOGLE_MAX_INLINE_BYTES}; the
 * adapter also refuses a request whose inline parts add up to more.
 */
export const GOOGLE_MEDIA_INPUT: MediaInputSupport = {
  image: {
    mediaTypes: ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"],
    url: true,
    maxBytes: GOOGLE_MAX_INLINE_BYTES,
  },
  document: { mediaTypes: ["application/pdf", "text/plain"], url: true, maxBytes: GOOGLE_MAX_INLINE_BYTES },
};
