import { ContentPartError } from "../errors/content-part-error.js";
import type { DocumentPart, ImagePart, MediaSource } from "./content-part.js";

/** What `image()` and `document()` take: a URL, a `data:` URL, base64 text, bytes or a `Blob`. */
export type MediaInput = string | URL | Uint8Array | ArrayBuffer | Blob;

/** Options of `document()`. */
export interface DocumentOptions {
  /** The media type, when `source` does not say it (e.g. `"application/pdf"`). */
  readonly mediaType?: string | undefined;
  /** A title some providers show the model beside the document. */
  readonly title?: string | undefined;
}

/**
 * An image part for a prompt: pass it as a template variable and it becomes an image in that
 * place of the user message (`USER: Describe {photo}`).
 *
 * @param source - an `https:` URL (the provider fetches it), a `data:` URL, base64 text, bytes or a `Blob`.
 * @param mediaType - e.g. `"image/png"`; optional when `source` says it (a `data:` URL, a typed `Blob`)
 *   or when the bytes start with a PNG, JPEG, GIF or WebP signature.
 *
 * @example
 * new Describe({ photo: image(await readFile("cat.png"), "image/png"), artist: "Hokusai" }).stream();
 */
export function image(source: MediaInput, mediaType?: string): ImagePart {
  return { type: "image", source: toMediaSource(source, mediaType, "image") };
}

/**
 * A document part for a prompt: a PDF (URL, `data:` URL, base64, bytes or `Blob`). For plain text
 * use {@link textDocument}.
 */
export function document(source: MediaInput, options: string | DocumentOptions = {}): DocumentPart {
  const { mediaType, title } = typeof options === "string" ? { mediaType: options, title: undefined } : options;
  const part: DocumentPart = { type: "document", source: toMediaSource(source, mediaType, "document") };
  return title === undefined ? part : { ...part, title };
}

/** A plain-text document part (a file's text, given as a document rather than inline in the prompt). */
export function textDocument(text: string, options: { readonly title?: string | undefined } = {}): DocumentPart {
  if (typeof text !== "string") throw invalid("document", `textDocument() takes a string, got ${typeof text}.`);
  const bytes = new TextEncoder().encode(text);
  const part: DocumentPart = { type: "document", source: { kind: "bytes", data: bytes, mediaType: "text/plain" } };
  return options.title === undefined ? part : { ...part, title: options.title };
}

function toMediaSource(input: MediaInput, mediaType: string | undefined, kind: "image" | "document"): MediaSource {
  if (input instanceof URL) return urlSource(input.href, mediaType);
  if (typeof input === "string") {
    if (input.startsWith("data:")) return dataUrlSource(input, mediaType, kind);
    if (/^https?:\/\//i.test(input)) return urlSource(input, mediaType);
    return { kind: "base64", data: input, mediaType: requireMediaType(mediaType, undefined, kind) };
  }
  if (typeof Blob !== "undefined" && input instanceof Blob) {
    return {
      kind: "blob",
      data: input,
      mediaType: requireMediaType(mediaType ?? (input.type || undefined), undefined, kind),
    };
  }
  if (input instanceof ArrayBuffer || input instanceof Uint8Array) {
    const data = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
    return { kind: "bytes", data, mediaType: requireMediaType(mediaType, data, kind) };
  }
  throw invalid(
    kind,
    `${kind}() takes a URL, a data: URL, base64 text, a Uint8Array or a Blob; got ${describe(input)}.`,
  );
}

function urlSource(url: string, mediaType: string | undefined): MediaSource {
  return mediaType === undefined ? { kind: "url", url } : { kind: "url", url, mediaType };
}

function dataUrlSource(url: string, mediaType: string | undefined, kind: "image" | "document"): MediaSource {
  const match = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(url);
  if (match === null || !(match[2] ?? "").split(";").includes("base64")) {
    throw invalid(kind, `${kind}(): a data: URL must be base64, as in "data:image/png;base64,iVBOR..."`);
  }
  return {
    kind: "base64",
    data: match[3] ?? "",
    mediaType: requireMediaType(mediaType ?? (match[1] || undefined), undefined, kind),
  };
}

function requireMediaType(
  mediaType: string | undefined,
  bytes: Uint8Array | undefined,
  kind: "image" | "document",
): string {
  const known = mediaType ?? (bytes === undefined ? undefined : sniffMediaType(bytes));
  if (known !== undefined && /^[\w.+-]+\/[\w.+-]+$/.test(known)) return known.toLowerCase();
  throw invalid(
    kind,
    known === undefined
      ? `${kind}(): the media type is unknown; pass it, as in ${kind}(bytes, "${kind === "image" ? "image/png" : "application/pdf"}").`
      : `${kind}(): "${known}" is not a media type such as "image/png".`,
  );
}

/** The media type of bytes that start with a signature we know; `undefined` otherwise. */
function sniffMediaType(bytes: Uint8Array): string | undefined {
  const startsWith = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (startsWith(0x89, 0x50, 0x4e, 0x47)) return "image/png";
  if (startsWith(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (startsWith(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return "image/webp";
  if (startsWith(0x25, 0x50, 0x44, 0x46)) return "application/pdf";
  return undefined;
}

function invalid(kind: "image" | "document", message: string): ContentPartError {
  return new ContentPartError(message, { code: "invalid_part", partType: kind });
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a value of type ${typeof value}`;
}
