/**
 * @module The local servers' answer to a request that holds an image: a description of what
 * really arrived (format, size in pixels and bytes, or the URL), so that the keyless demo shows the
 * image went through the provider's wire format, in every format: OpenAI `image_url` / `input_image`
 * data URLs, Anthropic `image` blocks, Gemini `inlineData`.
 */

/** An image found in a request body: inline bytes with their media type, or a URL. */
type FoundImage = { readonly mediaType: string; readonly bytes: Uint8Array } | { readonly url: string };

/** A description of the request's first image, in the style the prompt asks for; `undefined` without an image. */
export function cannedVisionAnswer(requestBody: unknown): string | undefined {
  const found = findImage(requestBody);
  if (found === undefined) return undefined;
  const style = /in the style of ([^."\\]+)/.exec(JSON.stringify(requestBody))?.[1]?.trim();
  const subject =
    "url" in found
      ? `the image at ${found.url} (this local server does not fetch URLs; the real API does)`
      : describeBytes(found.mediaType, found.bytes);
  return [
    `I was sent ${subject}. `,
    style === undefined ? "" : `In the manner of ${style}: `,
    "a quiet composition, its colours laid down in flat, deliberate planes, ",
    "the kind of picture that rewards a second look.",
  ].join("");
}

function describeBytes(mediaType: string, bytes: Uint8Array): string {
  const size = pixelSize(mediaType, bytes);
  const kilobytes = (bytes.length / 1024).toFixed(1);
  return `a ${size === undefined ? "" : `${size.width}×${size.height} `}${mediaType} image of ${kilobytes} KB`;
}

/** The size of a PNG (IHDR), GIF (logical screen) or JPEG (first SOF marker) picture. */
function pixelSize(mediaType: string, bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mediaType === "image/png" && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (mediaType === "image/gif" && bytes.length >= 10) {
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (mediaType === "image/jpeg") {
    for (let offset = 2; offset + 9 < bytes.length; ) {
      const marker = view.getUint16(offset);
      const length = view.getUint16(offset + 2);
      if (marker >= 0xffc0 && marker <= 0xffc3) {
        return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
      }
      offset += 2 + length;
    }
  }
  return undefined;
}

/** The first image of a request body, wherever its wire format puts it. */
function findImage(value: unknown): FoundImage | undefined {
  if (typeof value === "string") return fromDataUrl(value);
  if (typeof value !== "object" || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  // Anthropic: { type: "image", source: { type: "base64", media_type, data } | { type: "url", url } }.
  // Gemini: { inlineData: { mimeType, data } }.
  const mediaType = fields.media_type ?? fields.mimeType;
  if (typeof mediaType === "string" && mediaType.startsWith("image/") && typeof fields.data === "string") {
    return { mediaType, bytes: fromBase64(fields.data) };
  }
  if (fields.type === "image" && typeof fields.source === "object" && fields.source !== null) {
    const { url } = fields.source as { url?: unknown };
    if (typeof url === "string") return { url };
  }
  // OpenAI: { type: "image_url", image_url: { url } } and { type: "input_image", image_url: "..." }.
  const imageUrl = fields.image_url;
  const url = typeof imageUrl === "string" ? imageUrl : (imageUrl as { url?: unknown } | undefined)?.url;
  if (typeof url === "string") return fromDataUrl(url) ?? (url.startsWith("http") ? { url } : undefined);
  for (const child of Array.isArray(value) ? value : Object.values(fields)) {
    const found = findImage(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

function fromDataUrl(text: string): FoundImage | undefined {
  const match = /^data:(image\/[\w.+-]+);base64,(.*)$/s.exec(text);
  return match === null ? undefined : { mediaType: match[1] ?? "", bytes: fromBase64(match[2] ?? "") };
}

function fromBase64(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}
