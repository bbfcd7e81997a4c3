/**
 * Where the bytes of an image or a document are: a URL the provider fetches itself, base64
 * text, raw bytes, or a `Blob` (a `File` too). Adapters turn each into what their API takes,
 * with `readMediaBase64` for the ones that must be sent inline.
 */
export type MediaSource =
  | { readonly kind: "url"; readonly url: string; readonly mediaType?: string | undefined }
  | { readonly kind: "base64"; readonly data: string; readonly mediaType: string }
  | { readonly kind: "bytes"; readonly data: Uint8Array; readonly mediaType: string }
  | { readonly kind: "blob"; readonly data: Blob; readonly mediaType: string };

/** Text inside a message's content parts. */
export interface TextPart {
  readonly type: "text";
  readonly text: string;
}

/** An image the model should look at. Build one with `image()`. */
export interface ImagePart {
  readonly type: "image";
  readonly source: MediaSource;
}

/** A document the model should read (a PDF, or plain text). Build one with `document()`. */
export interface DocumentPart {
  readonly type: "document";
  readonly source: MediaSource;
  /** A title some providers show the model beside the document (Anthropic's `title`). */
  readonly title?: string | undefined;
}

/** An image or a document: what a template variable may hold besides text. */
export type MediaPart = ImagePart | DocumentPart;

/** One part of a user message whose content is more than text. */
export type ContentPart = TextPart | ImagePart | DocumentPart;

const sourceKinds: ReadonlySet<string> = new Set(["url", "base64", "bytes", "blob"]);

/** Whether a value is an {@link ImagePart} (for a schema, e.g. `z.custom<ImagePart>(isImagePart)`). */
export function isImagePart(value: unknown): value is ImagePart {
  return isPartOfType(value, "image");
}

/** Whether a value is a {@link DocumentPart} (for a schema, e.g. `z.custom<DocumentPart>(isDocumentPart)`). */
export function isDocumentPart(value: unknown): value is DocumentPart {
  return isPartOfType(value, "document");
}

/** Whether a value is an image or a document part. */
export function isMediaPart(value: unknown): value is MediaPart {
  return isImagePart(value) || isDocumentPart(value);
}

/** Whether a value is a well-formed {@link ContentPart}. */
export function isContentPart(value: unknown): value is ContentPart {
  if (typeof value !== "object" || value === null) return false;
  const part = value as { readonly type?: unknown; readonly text?: unknown };
  return part.type === "text" ? typeof part.text === "string" : isMediaPart(value);
}

function isPartOfType(value: unknown, type: MediaPart["type"]): boolean {
  if (typeof value !== "object" || value === null) return false;
  const part = value as { readonly type?: unknown; readonly source?: unknown };
  if (part.type !== type || typeof part.source !== "object" || part.source === null) return false;
  const source = part.source as { readonly kind?: unknown; readonly mediaType?: unknown };
  if (typeof source.kind !== "string" || !sourceKinds.has(source.kind)) return false;
  return source.kind === "url" || typeof source.mediaType === "string";
}

/** The text of content that may be parts: the text parts joined, media left out. */
export function textOfContent(content: string | readonly ContentPart[]): string {
  if (typeof content === "string") return content;
  let text = "";
  for (const part of content) if (part.type === "text") text += part.text;
  return text;
}
