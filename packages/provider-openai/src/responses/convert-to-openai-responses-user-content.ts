import type { ContentPart, MediaKindSupport } from "@promptstream/core";
import type { ResponseInputMessageContentList } from "openai/resources/responses/responses";
import { openAIDocumentFilename } from "../openai-document-filename.js";
import { toOpenAIDataURL } from "../to-openai-data-url.js";

/** The images the Responses API takes: by URL, or inline as a `data:` URL (`input_image`). */
export const OPENAI_RESPONSES_IMAGE_INPUT: MediaKindSupport = {
  mediaTypes: ["image/png", "image/jpeg", "image/gif", "image/webp"],
  url: true,
};

/** The documents the Responses API takes: PDFs by URL (`file_url`) or inline (`file_data`). */
export const OPENAI_RESPONSES_DOCUMENT_INPUT: MediaKindSupport = { mediaTypes: ["application/pdf"], url: true };

/**
 * A user message's parts as Responses API content, in order: `input_text`, `input_image` (its URL,
 * or a `data:` URL of its bytes; `detail: "auto"`, OpenAI's default) and `input_file` (a PDF's
 * `file_url`, or its `file_data` as a `data:` URL with a `filename`). Core already refused any part
 * these do not take.
 */
export async function convertToOpenAIResponsesUserContent(
  parts: readonly ContentPart[],
): Promise<ResponseInputMessageContentList> {
  const content: ResponseInputMessageContentList = [];
  let documents = 0;
  for (const part of parts) {
    if (part.type === "text") {
      content.push({ type: "input_text", text: part.text });
      continue;
    }
    const { source } = part;
    if (part.type === "image") {
      const url = source.kind === "url" ? source.url : await toOpenAIDataURL(source);
      content.push({ type: "input_image", detail: "auto", image_url: url });
      continue;
    }
    documents += 1;
    content.push(
      source.kind === "url"
        ? { type: "input_file", file_url: source.url }
        : {
            type: "input_file",
            file_data: await toOpenAIDataURL(source),
            filename: openAIDocumentFilename(part, documents),
          },
    );
  }
  return content;
}
