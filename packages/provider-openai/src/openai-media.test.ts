/**
 * Images and documents in user messages, as Chat Completions takes them: checked on the body the
 * real `openai` SDK sent to a loopback server, and the parts core refuses before sending.
 */
import { ContentPartError, document, image, textDocument } from "@promptstream/core";
import { createOpenAITextChunks } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { OpenAIPrompt } from "./index.js";
import { useToolServer } from "./openai-tools.test-support.js";

const server = useToolServer();

/** The first bytes of a PNG, enough for `image()` to know its type. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PNG_BASE64 = Buffer.from(PNG).toString("base64");
const PDF = new TextEncoder().encode("%PDF-1.7 a small document");
const PDF_BASE64 = Buffer.from(PDF).toString("base64");

class Describe extends OpenAIPrompt({ template: "SYSTEM: Be brief.\nUSER: Describe {photo} like {artist} would." }) {}
class Summarise extends OpenAIPrompt({ template: "USER: Summarise {report}, then compare it with {chart}." }) {}

/** The messages of the one request `run` sent. */
async function sentMessages(run: () => { text(): Promise<string> }): Promise<unknown> {
  server.queue({ chunks: createOpenAITextChunks("Done.") });
  await run().text();
  const bodies = server.bodies();
  expect(bodies).toHaveLength(1);
  return (bodies[0] as { messages: unknown }).messages;
}

describe("images and documents sent to Chat Completions", () => {
  it("sends an image URL as an image_url part, in its place between the text parts", async () => {
    const photo = image("https://example.com/cat.png");
    const messages = await sentMessages(() =>
      new Describe({ photo, artist: "Hokusai" }, { client: server.client }).stream(),
    );
    expect(messages).toEqual([
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "Describe " },
          { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
          { type: "text", text: " like Hokusai would." },
        ],
      },
    ]);
  });

  it("sends image bytes as a data: URL with their media type", async () => {
    const messages = await sentMessages(() =>
      new Describe({ photo: image(PNG), artist: "Monet" }, { client: server.client }).stream(),
    );
    expect((messages as Array<{ content: unknown }>)[1]?.content).toContainEqual({
      type: "image_url",
      image_url: { url: `data:image/png;base64,${PNG_BASE64}` },
    });
  });

  it("sends a PDF as a file part with its data as a data: URL and a filename, after an image, in order", async () => {
    const report = document(new Blob([PDF], { type: "application/pdf" }), { title: "Q3 report" });
    const chart = image(`data:image/webp;base64,${PNG_BASE64}`);
    const messages = await sentMessages(() => new Summarise({ report, chart }, { client: server.client }).stream());
    expect(messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Summarise " },
          { type: "file", file: { file_data: `data:application/pdf;base64,${PDF_BASE64}`, filename: "Q3 report.pdf" } },
          { type: "text", text: ", then compare it with " },
          { type: "image_url", image_url: { url: `data:image/webp;base64,${PNG_BASE64}` } },
          { type: "text", text: "." },
        ],
      },
    ]);
  });

  it("names untitled PDFs document-1.pdf, document-2.pdf in their order", async () => {
    class Compare extends OpenAIPrompt({ template: "USER: Compare {a} with {b}" }) {}
    const messages = await sentMessages(() =>
      new Compare({ a: document(PDF), b: document(PDF_BASE64, "application/pdf") }, { client: server.client }).stream(),
    );
    const files = (messages as Array<{ content: Array<{ type: string; file?: { filename: string } }> }>)[0]?.content
      .filter((part) => part.type === "file")
      .map((part) => part.file?.filename);
    expect(files).toEqual(["document-1.pdf", "document-2.pdf"]);
  });

  it("keeps a text-only user message as a string", async () => {
    const messages = await sentMessages(() =>
      new Describe({ photo: "a cat", artist: "Hokusai" }, { client: server.client }).stream(),
    );
    expect((messages as Array<{ content: unknown }>)[1]?.content).toBe("Describe a cat like Hokusai would.");
  });

  it.each([
    ["a plain-text document", { photo: textDocument("notes", { title: "Notes" }) }, "text/plain"],
    ["a PDF by URL (Chat Completions takes file data only)", { photo: document("https://example.com/a.pdf") }, "URLs"],
    ["an image type OpenAI does not read", { photo: image(PNG, "image/tiff") }, "image/tiff"],
  ])("refuses %s before sending, with a ContentPartError", async (_case, variables, named) => {
    // Refused as the stream is opened: nothing is sent.
    const error = await (async () => new Describe({ ...variables, artist: "Hokusai" }, { client: server.client }))()
      .then((prompt) => prompt.stream().text())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentPartError);
    expect(error).toMatchObject({ code: "unsupported_part", provider: "openai", messageIndex: 1 });
    expect((error as Error).message).toContain(named);
    expect(server.bodies()).toEqual([]);
  });
});
