/**
 * Images and documents in user messages, as the Responses API takes them (`input_text`,
 * `input_image`, `input_file`), checked on the body the real `openai` SDK sent to a loopback server.
 */
import { ContentPartError, document, image, textDocument } from "@promptstream/core";
import { describe, expect, it } from "vitest";
import { OpenAIResponsesPrompt } from "./index.js";
import { textEvents, useResponsesServer } from "./openai-responses.test-support.js";

const server = useResponsesServer();

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 8, 7]);
const PNG_BASE64 = Buffer.from(PNG).toString("base64");
const PDF = new TextEncoder().encode("%PDF-1.7 the report");
const PDF_BASE64 = Buffer.from(PDF).toString("base64");

class Review extends OpenAIResponsesPrompt({ template: "SYSTEM: Be brief.\nUSER: Check {report} against {chart}." }) {}

async function inputOf(run: () => { text(): Promise<string> }): Promise<unknown> {
  server.queue({ events: textEvents(["Done."]) });
  await run().text();
  const bodies = server.bodies();
  expect(bodies).toHaveLength(1);
  return (bodies[0] as { input: unknown }).input;
}

describe("images and documents sent to the Responses API", () => {
  it("sends inline data as data: URLs, a PDF with a filename, in order between the text parts", async () => {
    const input = await inputOf(() =>
      new Review(
        { report: document(PDF, { title: "report.pdf" }), chart: image(PNG) },
        { client: server.client },
      ).stream(),
    );
    expect(input).toEqual([
      {
        role: "user",
        content: [
          { type: "input_text", text: "Check " },
          { type: "input_file", file_data: `data:application/pdf;base64,${PDF_BASE64}`, filename: "report.pdf" },
          { type: "input_text", text: " against " },
          { type: "input_image", detail: "auto", image_url: `data:image/png;base64,${PNG_BASE64}` },
          { type: "input_text", text: "." },
        ],
      },
    ]);
  });

  it("sends URLs as they are: image_url for an image, file_url for a PDF", async () => {
    const input = await inputOf(() =>
      new Review(
        { report: document("https://example.com/q3.pdf"), chart: image("https://example.com/chart.jpg") },
        { client: server.client },
      ).stream(),
    );
    expect((input as Array<{ content: unknown[] }>)[0]?.content).toEqual([
      { type: "input_text", text: "Check " },
      { type: "input_file", file_url: "https://example.com/q3.pdf" },
      { type: "input_text", text: " against " },
      { type: "input_image", detail: "auto", image_url: "https://example.com/chart.jpg" },
      { type: "input_text", text: "." },
    ]);
  });

  it("keeps a text-only user message as a string", async () => {
    const input = await inputOf(() =>
      new Review({ report: "Q3", chart: "the plan" }, { client: server.client }).stream(),
    );
    expect(input).toEqual([{ role: "user", content: "Check Q3 against the plan." }]);
  });

  it("refuses a plain-text document before sending, naming the types it takes", async () => {
    const error = await Promise.resolve()
      .then(() =>
        new Review({ report: textDocument("notes"), chart: image(PNG) }, { client: server.client }).stream().text(),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentPartError);
    expect(error).toMatchObject({ code: "unsupported_part", partType: "document", provider: "openai" });
    expect((error as Error).message).toContain("application/pdf");
    expect(server.bodies()).toEqual([]);
  });
});
