import { describe, expect, it } from "vitest";
import {
  ContentPartError,
  document,
  image,
  isDocumentPart,
  isImagePart,
  mediaByteLength,
  readMediaBase64,
  readMediaBytes,
  textDocument,
} from "../index.js";
import { thrownBy } from "../test-support.js";
import { portableBytesToBase64 } from "./read-media.js";

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe("image()", () => {
  it("takes bytes and reads a PNG's media type from its signature", () => {
    expect(image(png)).toEqual({ type: "image", source: { kind: "bytes", data: png, mediaType: "image/png" } });
    expect(image(png.buffer, "image/webp").source).toMatchObject({ kind: "bytes", mediaType: "image/webp" });
  });

  it("takes an https URL (string or URL) for the provider to fetch, and a base64 data: URL inline", () => {
    expect(image("https://example.com/cat.png").source).toEqual({ kind: "url", url: "https://example.com/cat.png" });
    expect(image(new URL("https://example.com/a b.jpg"), "image/jpeg").source).toEqual({
      kind: "url",
      url: "https://example.com/a%20b.jpg",
      mediaType: "image/jpeg",
    });
    expect(image("data:image/gif;base64,R0lGOD").source).toEqual({
      kind: "base64",
      data: "R0lGOD",
      mediaType: "image/gif",
    });
  });

  it("takes base64 text with its media type, and a Blob with the Blob's type", async () => {
    expect(image("iVBORw0KGgo=", "image/png").source).toEqual({
      kind: "base64",
      data: "iVBORw0KGgo=",
      mediaType: "image/png",
    });
    const blob = new Blob([png], { type: "image/png" });
    const part = image(blob);
    expect(part.source).toMatchObject({ kind: "blob", mediaType: "image/png" });
    if (part.source.kind !== "blob") throw new Error("expected a blob source");
    expect(await readMediaBytes(part.source)).toEqual(png);
  });

  it("refuses input whose media type it cannot know, naming the fix", () => {
    const error = thrownBy(() => image(new Uint8Array([1, 2, 3])));
    expect(error).toBeInstanceOf(ContentPartError);
    expect(error).toMatchObject({ code: "invalid_part", partType: "image" });
    expect((error as Error).message).toContain('image(bytes, "image/png")');
    expect(thrownBy(() => image("aGVsbG8="))).toMatchObject({ code: "invalid_part" });
    expect(thrownBy(() => image(png, "png"))).toMatchObject({ code: "invalid_part" });
  });

  it("refuses a data: URL that is not base64, and a value of another type", () => {
    expect((thrownBy(() => image("data:image/svg+xml,<svg/>")) as Error).message).toContain("must be base64");
    expect(thrownBy(() => image(42 as unknown as string))).toMatchObject({ code: "invalid_part" });
  });
});

describe("document() and textDocument()", () => {
  it("builds a PDF document from bytes (signature), with a title", () => {
    const pdf = new TextEncoder().encode("%PDF-1.7 ...");
    expect(document(pdf, { title: "Menu" })).toEqual({
      type: "document",
      source: { kind: "bytes", data: pdf, mediaType: "application/pdf" },
      title: "Menu",
    });
    expect(document("https://example.com/menu.pdf", "application/pdf").source).toEqual({
      kind: "url",
      url: "https://example.com/menu.pdf",
      mediaType: "application/pdf",
    });
  });

  it("builds a plain-text document whose bytes are the text as UTF-8", async () => {
    const part = textDocument("Crème brûlée", { title: "Notes" });
    expect(part).toMatchObject({ type: "document", title: "Notes", source: { mediaType: "text/plain" } });
    if (part.source.kind === "url") throw new Error("expected inline data");
    expect(new TextDecoder().decode(await readMediaBytes(part.source))).toBe("Crème brûlée");
  });

  it("is told apart from images by the guards", () => {
    expect(isDocumentPart(textDocument("x"))).toBe(true);
    expect(isImagePart(textDocument("x"))).toBe(false);
    expect(isImagePart({ type: "image", source: { kind: "bytes", data: png } })).toBe(false);
    expect(isImagePart(image(png))).toBe(true);
  });
});

describe("reading media for adapters", () => {
  it("encodes bytes as base64 and decodes them back, for any size", async () => {
    const bytes = new Uint8Array(100_000).map((_, index) => (index * 7) % 256);
    const base64 = await readMediaBase64({ kind: "bytes", data: bytes, mediaType: "image/png" });
    expect(base64).toBe(Buffer.from(bytes).toString("base64"));
    expect(await readMediaBytes({ kind: "base64", data: base64, mediaType: "image/png" })).toEqual(bytes);
    expect(mediaByteLength({ kind: "base64", data: base64, mediaType: "image/png" })).toBe(bytes.length);
  });

  it("encodes the same without the runtime's codec (a runtime with neither toBase64 nor Buffer)", () => {
    const bytes = new Uint8Array(70_000).map((_, index) => (index * 13) % 256);
    expect(portableBytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(portableBytesToBase64(new Uint8Array(0))).toBe("");
  });

  it("tells sizes without reading, and none for a URL", () => {
    expect(mediaByteLength({ kind: "base64", data: "YQ==", mediaType: "text/plain" })).toBe(1);
    expect(mediaByteLength({ kind: "base64", data: "YWI=", mediaType: "text/plain" })).toBe(2);
    expect(mediaByteLength({ kind: "blob", data: new Blob(["abc"]), mediaType: "text/plain" })).toBe(3);
    expect(mediaByteLength({ kind: "url", url: "https://example.com/x.png" })).toBeUndefined();
  });
});
