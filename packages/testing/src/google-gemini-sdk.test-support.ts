import { type GenerateContentResponse, GoogleGenAI } from "@google/genai";

/** A `@google/genai` client pointed at a loopback server, with the key `gemini-test-key`. */
export function geminiClient(baseUrl: string, apiKey = "gemini-test-key"): GoogleGenAI {
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl } });
}

/** Streams through the real `@google/genai` SDK: the chunks read, and the error it ended with, if any. */
export async function readGeminiStream(
  baseUrl: string,
  model = "gemini-2.5-flash",
): Promise<{ chunks: GenerateContentResponse[]; error: unknown }> {
  const chunks: GenerateContentResponse[] = [];
  try {
    const stream = await geminiClient(baseUrl).models.generateContentStream({ model, contents: "Hi" });
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks, error: undefined };
  } catch (error) {
    return { chunks, error };
  }
}

/** The text of the chunks, thoughts left out, as the SDK's `text` getter joins it. */
export function geminiTextOf(chunks: readonly GenerateContentResponse[]): string {
  return chunks
    .flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? [])
    .filter((part) => part.thought !== true)
    .map((part) => part.text ?? "")
    .join("");
}
