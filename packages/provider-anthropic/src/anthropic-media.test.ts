/**
 * Images and documents in user messages, as Anthropic's `image` and `document` blocks, in order
 * with the text; parts it cannot take fail before anything is sent. Checked on the body a
 * loopback server received from the real `@anthropic-ai/sdk`.
 */
import { ContentPartError, document, image, textDocument } from "@promptstream/core";
import { type AnthropicMessagesServer, startAnthropicMessagesServer, thrownBy } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, bodyReceivedBy, clientOf, type TestClient } from "./anthropic-request.test-support.js";
import { AnthropicPrompt } from "./index.js";

let server: AnthropicMessagesServer;
let client: TestClient;
beforeAll(async () => {
  server = await startAnthropicMessagesServer(answer);
  client = clientOf(server);
});
afterAll(() => server.close());

/** A 1x1 PNG's first bytes: enough for its signature. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PNG_BASE64 = Buffer.from(PNG).toString("base64");
const PDF = new TextEncoder().encode("%PDF-1.7\n%fake but signed\n");

class Describe extends AnthropicPrompt({ template: "USER: Describe {photo} in the style of {artist}." }) {}
class Read extends AnthropicPrompt({ template: "USER: Summarise {doc}\nthen compare it with {other}" }) {}

const contentOf = (body: Record<string, unknown>) => (body.messages as Array<{ content: unknown }>)[0]?.content;

describe("images", () => {
  it("sends an image given as bytes as a base64 image block, in place between the text blocks", async () => {
    const body = await bodyReceivedBy(server, () =>
      new Describe({ photo: image(PNG), artist: "Hokusai" }).stream(undefined, { client }),
    );
    expect(contentOf(body)).toStrictEqual([
      { type: "text", text: "Describe " },
      { type: "image", source: { type: "base64", media_type: "image/png", data: PNG_BASE64 } },
      { type: "text", text: " in the style of Hokusai." },
    ]);
  });

  it("sends an https URL as a url image source, and a data: URL as base64 with its media type", async () => {
    const byUrl = await bodyReceivedBy(server, () =>
      new Describe({ photo: image("https://example.com/cat.webp"), artist: "Monet" }).stream(undefined, { client }),
    );
    expect(contentOf(byUrl)).toContainEqual({
      type: "image",
      source: { type: "url", url: "https://example.com/cat.webp" },
    });
    const byDataUrl = await bodyReceivedBy(server, () =>
      new Describe({ photo: image("data:image/gif;base64,R0lGODlh"), artist: "Monet" }).stream(undefined, { client }),
    );
    expect(contentOf(byDataUrl)).toContainEqual({
      type: "image",
      source: { type: "base64", media_type: "image/gif", data: "R0lGODlh" },
    });
  });

  it("refuses a type Anthropic does not take, and an image over 5 MB, before sending", () => {
    const before = server.requests.length;
    const bmp = thrownBy(() =>
      new Describe({ photo: image(new Uint8Array([0x42, 0x4d, 1]), "image/bmp"), artist: "x" }).stream(undefined, {
        client,
      }),
    );
    expect(bmp).toBeInstanceOf(ContentPartError);
    expect(bmp).toMatchObject({ code: "unsupported_part", partType: "image", provider: "anthropic" });
    expect((bmp as Error).message).toContain("image/jpeg, image/png, image/gif, image/webp");

    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    const tooLarge = thrownBy(() => new Describe({ photo: image(big), artist: "x" }).stream(undefined, { client }));
    expect(tooLarge).toMatchObject({ name: "ContentPartError", code: "part_too_large", partType: "image" });
    expect(server.requests.length).toBe(before);
  });
});

describe("documents", () => {
  it("sends a PDF as base64 and by URL, with its title, and a text document as a text source", async () => {
    const body = await bodyReceivedBy(server, () =>
      new Read({ doc: document(PDF, { title: "Q3 report" }), other: document("https://example.com/q2.pdf") }).stream(
        undefined,
        { client },
      ),
    );
    expect(contentOf(body)).toStrictEqual([
      { type: "text", text: "Summarise " },
      {
        type: "document",
        source: { type: "base64", media_type: "application/pdf", data: Buffer.from(PDF).toString("base64") },
        title: "Q3 report",
      },
      { type: "text", text: "\nthen compare it with " },
      { type: "document", source: { type: "url", url: "https://example.com/q2.pdf" } },
    ]);

    const text = await bodyReceivedBy(server, () =>
      new Read({ doc: textDocument("Ünïcode notes: ✓", { title: "Notes" }), other: "the last one" }).stream(undefined, {
        client,
      }),
    );
    expect(contentOf(text)).toStrictEqual([
      { type: "text", text: "Summarise " },
      {
        type: "document",
        source: { type: "text", media_type: "text/plain", data: "Ünïcode notes: ✓" },
        title: "Notes",
      },
      { type: "text", text: "\nthen compare it with the last one" },
    ]);
  });

  it("refuses a document URL that is not a PDF, and a type it does not take, before sending", async () => {
    const before = server.requests.length;
    const stream = new Read({ doc: document("https://example.com/notes.txt", "text/plain"), other: "x" }).stream(
      undefined,
      { client },
    );
    const error = await stream.text().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentPartError);
    expect(error).toMatchObject({
      code: "unsupported_part",
      partType: "document",
      provider: "anthropic",
      messageIndex: 0,
    });
    expect((error as Error).message).toContain("textDocument(text)");

    const docx = thrownBy(() =>
      new Read({
        doc: document(
          new Uint8Array([0x50, 0x4b]),
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        other: "x",
      }).stream(undefined, { client }),
    );
    expect(docx).toMatchObject({ name: "ContentPartError", code: "unsupported_part", partType: "document" });
    expect(server.requests.length).toBe(before);
  });
});
