/**
 * A Google Gemini stream (`POST /v1beta/models/{model}:streamGenerateContent?alt=sse`), shaped as the API
 * sends it for one text answer: unnamed events, `data: {GenerateContentResponse}\r\n\r\n`, one per delta,
 * each with one candidate (`content: { parts: [{ text }], role: "model" }, index: 0`), the running
 * `usageMetadata`, `modelVersion` and `responseId`. The last event has no text of its own (an empty text
 * part with a `thoughtSignature`, as the Gemini 3 models send it), `finishReason: "STOP"` and the final
 * usage.
 */
import { chunkText, GEMINI_MODEL, type TextProfile } from "../scenario.js";

const RESPONSE_ID = "bH6LaZW8Fp_3nsEPbenchQ4";
const PROMPT_TOKENS = 12;
/** A stand-in for the opaque base64 signature the API puts on the last part. */
const THOUGHT_SIGNATURE = Buffer.from("promptstream bench: not a real thought signature, ".repeat(4)).toString(
  "base64",
);

/** The usage the API reports with every event: the candidates' tokens so far. */
function usageMetadata(candidatesTokens: number) {
  return {
    promptTokenCount: PROMPT_TOKENS,
    candidatesTokenCount: candidatesTokens,
    totalTokenCount: PROMPT_TOKENS + candidatesTokens,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: PROMPT_TOKENS }],
  };
}

/** One `data: {GenerateContentResponse}` event, ended by "\r\n\r\n" as the API ends them. */
function geminiEvent(part: object, candidatesTokens: number, finishReason?: "STOP"): string {
  const candidate = { content: { parts: [part], role: "model" }, ...(finishReason && { finishReason }), index: 0 };
  const response = {
    candidates: [candidate],
    usageMetadata: usageMetadata(candidatesTokens),
    modelVersion: GEMINI_MODEL,
    responseId: RESPONSE_ID,
  };
  return `data: ${JSON.stringify(response)}\r\n\r\n`;
}

/** A Gemini stream of `chunks` deltas of `profile` (without delta `drop`, if given), then the finishing event. */
export function geminiEvents(profile: TextProfile, chunks: number, drop?: number): string[] {
  const events: string[] = [];
  for (let index = 0; index < chunks; index += 1)
    if (index !== drop) events.push(geminiEvent({ text: chunkText(profile, index) }, index + 1));
  events.push(geminiEvent({ text: "", thoughtSignature: THOUGHT_SIGNATURE }, chunks, "STOP"));
  return events;
}
