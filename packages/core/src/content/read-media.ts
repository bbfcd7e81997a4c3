import type { MediaSource } from "./content-part.js";

/** A source whose bytes are given (not a URL): what an adapter reads with `readMediaBase64`. */
export type InlineMediaSource = Exclude<MediaSource, { readonly kind: "url" }>;

/**
 * The bytes of an inline source as base64, for adapters whose API takes media inline. Base64 text
 * is returned as given; bytes and `Blob`s are encoded (web-standard `btoa`, so it runs everywhere).
 */
export async function readMediaBase64(source: InlineMediaSource): Promise<string> {
  switch (source.kind) {
    case "base64":
      return source.data;
    case "bytes":
      return bytesToBase64(source.data);
    case "blob":
      return bytesToBase64(new Uint8Array(await source.data.arrayBuffer()));
  }
}

/** The bytes of an inline source (base64 decoded, a `Blob` read). */
export async function readMediaBytes(source: InlineMediaSource): Promise<Uint8Array> {
  switch (source.kind) {
    case "base64": {
      const binary = atob(source.data);
      const bytes = new Uint8Array(binary.length);
      for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
      return bytes;
    }
    case "bytes":
      return source.data;
    case "blob":
      return new Uint8Array(await source.data.arrayBuffer());
  }
}

/** The size in bytes of an inline source, without reading a `Blob`; `undefined` for a URL. */
export function mediaByteLength(source: MediaSource): number | undefined {
  switch (source.kind) {
    case "url":
      return undefined;
    case "bytes":
      return source.data.byteLength;
    case "blob":
      return source.data.size;
    case "base64": {
      const padding = source.data.endsWith("==") ? 2 : source.data.endsWith("=") ? 1 : 0;
      return Math.floor((source.data.length * 3) / 4) - padding;
    }
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  // String.fromCharCode takes arguments: go in slices that stay well under engines' argument limits.
  let binary = "";
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}
