/**
 * Images and documents in Gemini requests, through the real `@google/genai` SDK against a loopback
 * server: inline parts as `inlineData`, Files API and Cloud Storage URIs as `fileData`, in the
 * order the template placed them; and what is refused before anything is sent (a media type
 * Gemini does not take, a web URL, a URL without a media type, inline data over Gemini's total).
 */
import { ContentPartError, document, image, textDocument } from "@promptstream/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GeminiServer, geminiTextLines, startGeminiServer } from "./google-server.test-support.js";
import { GooglePrompt } from "./index.js";

let server: GeminiServer;
beforeAll(async () => {
  server = await startGeminiServer((request) =>
    request.url.includes(":streamGenerateContent")
      ? { lines: geminiTextLines(["A wave."]) }
      : { json: { candidates: [{ content: { role: "model", parts: [{ text: "A wave." }] }, finishReason: "STOP" }] } },
  );
});
afterAll(() => server.close());

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PDF = new TextEncoder().encode("%PDF-1.7 tiny");
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

function describePrompt() {
  return class Describe extends GooglePrompt({
    template: "USER: Describe {photo} in the style of {artist}",
    client: { apiKey: "AIzaMediaSuiteKey", baseURL: server.baseURL },
  }) {};
}

/** The user turn's parts of the last request. */
function sentParts(): unknown {
  const contents = server.requests.at(-1)?.body.contents as Array<{ parts: unknown }> | undefined;
  return contents?.[0]?.parts;
}

describe("images and documents sent", () => {
  it("sends an image from bytes as inlineData, in its place between the text parts", async () => {
    const Describe = describePrompt();
    const text = await new Describe({ photo: image(PNG), artist: "Hokusai" }).stream().text();
    expect(text).toBe("A wave.");
    expect(sentParts()).toEqual([
      { text: "Describe " },
      { inlineData: { mimeType: "image/png", data: base64(PNG) } },
      { text: " in the style of Hokusai" },
    ]);
  });

  it("sends base64, Blob and typed images inline, and documents (PDF, plain text) too, in order, from call()", async () => {
    class Compare extends GooglePrompt({
      template: "USER: Compare {a}, {b} and {c} with {report} and {notes}",
      client: { apiKey: "AIzaMediaSuiteKey", baseURL: server.baseURL },
    }) {}
    const response = await new Compare({
      a: image(base64(PNG), "image/jpeg"),
      b: image(new Blob([PNG], { type: "image/webp" })),
      c: image(PNG, "image/heic"),
      report: document(PDF, { mediaType: "application/pdf", title: "Q3" }),
      notes: textDocument("Tides are high.", { title: "Notes" }),
    }).call();
    expect(response.content).toBe("A wave.");
    expect(server.requests.at(-1)?.url).toContain(":generateContent");
    expect(sentParts()).toEqual([
      { text: "Compare " },
      { inlineData: { mimeType: "image/jpeg", data: base64(PNG) } },
      { text: ", " },
      { inlineData: { mimeType: "image/webp", data: base64(PNG) } },
      { text: " and " },
      { inlineData: { mimeType: "image/heic", data: base64(PNG) } },
      { text: " with " },
      { inlineData: { mimeType: "application/pdf", data: base64(PDF) } },
      { text: " and " },
      { inlineData: { mimeType: "text/plain", data: base64(new TextEncoder().encode("Tides are high.")) } },
    ]);
  });

  it("sends a Files API URI and a Cloud Storage URI as fileData with their media types", async () => {
    const Describe = describePrompt();
    const fileUri = "https://generativelanguage.googleapis.com/v1beta/files/abc123";
    await new Describe({ photo: image(fileUri, "image/png"), artist: "Monet" }).stream().text();
    expect(sentParts()).toEqual([
      { text: "Describe " },
      { fileData: { fileUri, mimeType: "image/png" } },
      { text: " in the style of Monet" },
    ]);
    class Read extends GooglePrompt({
      template: "USER: Summarize {report}",
      client: { apiKey: "AIzaMediaSuiteKey", baseURL: server.baseURL },
    }) {}
    await new Read({ report: document(new URL("gs://bucket/q3.pdf"), "application/pdf") }).stream().text();
    expect(sentParts()).toEqual([
      { text: "Summarize " },
      { fileData: { fileUri: "gs://bucket/q3.pdf", mimeType: "application/pdf" } },
    ]);
  });
});

describe("parts refused before sending", () => {
  async function refusal(photo: ReturnType<typeof image>): Promise<unknown> {
    const Describe = describePrompt();
    const before = server.requests.length;
    // Core refuses from stream() itself; the adapter's own checks reject the stream's first read.
    const error = await (async () => new Describe({ photo, artist: "Hokusai" }).stream().text())().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(server.requests.length).toBe(before);
    return error;
  }

  it("refuses a GIF (core, from the declared media types)", async () => {
    const error = await refusal(image(PNG, "image/gif"));
    expect(error).toBeInstanceOf(ContentPartError);
    expect(error).toMatchObject({ code: "unsupported_part", partType: "image", provider: "google" });
    expect((error as Error).message).toContain("image/png, image/jpeg, image/webp, image/heic, image/heif");
  });

  it("refuses a web URL Gemini cannot read, naming the way to send it, without its query", async () => {
    const error = await refusal(image("https://example.com/cat.png?token=secret", "image/png"));
    expect(error).toBeInstanceOf(ContentPartError);
    expect(error).toMatchObject({ code: "unsupported_part", partType: "image", provider: "google", messageIndex: 0 });
    expect((error as Error).message).toContain("https://example.com/cat.png");
    expect((error as Error).message).toContain("files.upload()");
    expect((error as Error).message).not.toContain("secret");
  });

  it("refuses a Files API URI without a media type", async () => {
    const error = await refusal(image("https://generativelanguage.googleapis.com/v1beta/files/abc123"));
    expect(error).toMatchObject({ code: "unsupported_part", partType: "image" });
    expect((error as Error).message).toContain('image(url, "image/png")');
  });

  it("refuses one image over 20 MB (core, per part)", async () => {
    const error = await refusal(image(new Uint8Array(20 * 1024 * 1024 + 1), "image/png"));
    expect(error).toMatchObject({ code: "part_too_large", partType: "image", provider: "google" });
  });

  it("refuses images that add up to over 20 MB in one request, each under it (the adapter, per request)", async () => {
    class Compare extends GooglePrompt({
      template: "USER: Compare {a} and {b}",
      client: { apiKey: "AIzaMediaSuiteKey", baseURL: server.baseURL },
    }) {}
    const twelveMegabytes = new Uint8Array(12 * 1024 * 1024);
    const before = server.requests.length;
    const prompt = new Compare({ a: image(twelveMegabytes, "image/png"), b: image(twelveMegabytes, "image/png") });
    const error = await prompt
      .stream()
      .text()
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ContentPartError);
    expect(error).toMatchObject({ code: "part_too_large", partType: "image", provider: "google", messageIndex: 0 });
    expect((error as Error).message).toContain("24.0 MB");
    expect((error as Error).message).toContain("files.upload()");
    await expect(prompt.call()).rejects.toMatchObject({ code: "part_too_large" });
    expect(server.requests.length).toBe(before);
  });
});
