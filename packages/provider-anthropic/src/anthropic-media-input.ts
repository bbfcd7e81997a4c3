import type { MediaInputSupport } from "@promptstream/core";

/** The image types the Messages API takes (its `Base64ImageSource.media_type`). */
const ANTHROPIC_IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;

/**
 * The most bytes Anthropic documents per image sent to the API: 5 MB. Core refuses a bigger
 * inline image before sending; an image given by URL is fetched and checked by Anthropic.
 */
export const ANTHROPIC_MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * The most bytes of a whole Messages API request (32 MB): a bigger document can never be sent,
 * so core refuses it before reading it. Smaller ones may still exceed it with the rest of the request.
 */
const ANTHROPIC_MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/**
 * What the Anthropic adapter sends of image and document parts: images (JPEG, PNG, GIF, WebP)
 * inline or by URL, PDFs inline or by URL, and plain-text documents (sent as a `text` source,
 * inline only: the API fetches PDFs only).
 */
export const anthropicMediaInput: MediaInputSupport = {
  image: { mediaTypes: ANTHROPIC_IMAGE_TYPES, url: true, maxBytes: ANTHROPIC_MAX_IMAGE_BYTES },
  document: { mediaTypes: ["application/pdf", "text/plain"], url: true, maxBytes: ANTHROPIC_MAX_REQUEST_BYTES },
};
