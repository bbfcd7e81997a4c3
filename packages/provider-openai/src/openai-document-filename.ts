import type { DocumentPart } from "@promptstream/core";

/**
 * The `filename` a PDF sent inline is given: OpenAI takes inline file data only with a name. The
 * part's title when it has one (with `.pdf` added unless it ends so), else `document-<n>.pdf`,
 * `n` counting the message's documents from 1.
 */
export function openAIDocumentFilename(part: DocumentPart, position: number): string {
  const title = part.title?.trim();
  if (title === undefined || title === "") return `document-${position}.pdf`;
  return /\.pdf$/i.test(title) ? title : `${title}.pdf`;
}
