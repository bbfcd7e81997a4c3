import type { GenerateContentConfig } from "@google/genai";
import type { CallParams } from "@promptstream/core";

/** Gemini model ids promptstream's docs use; any other model id is accepted too. */
export type GoogleModel = "gemini-2.5-flash" | "gemini-2.5-flash-lite" | "gemini-2.5-pro" | (string & {});

/**
 * `GenerateContentConfig` fields that promptstream sets itself, or exposes under a neutral name:
 * the neutral params, the system prompt, the prompt's tools and output, and the request's
 * transport (`abortSignal` is core's, `httpOptions` belongs to the client).
 */
export type GoogleManagedField =
  | "abortSignal"
  | "httpOptions"
  | "systemInstruction"
  | "maxOutputTokens"
  | "temperature"
  | "topP"
  | "stopSequences"
  | "seed"
  | "presencePenalty"
  | "frequencyPenalty"
  | "automaticFunctionCalling";

/**
 * Gemini's own `GenerateContentConfig` fields, under their API names (`topK`, `candidateCount`,
 * `safetySettings`, `thinkingConfig`, `responseMimeType`, `responseJsonSchema`, `tools`,
 * `toolConfig`, `cachedContent`, ...), typed by the installed `@google/genai`. Native `tools` are
 * for prompts without tools of their own: beside a prompt's `tools` they are refused.
 */
export type GoogleNativeParams = Omit<GenerateContentConfig, GoogleManagedField>;

/**
 * Call params for Gemini: the neutral {@link CallParams} and Gemini's own config fields (camelCase,
 * as `@google/genai` names them).
 *
 * `candidateCount` above 1 is refused: a stream is one answer. `parallelToolCalls: false` is
 * refused too: Gemini has no switch for it. The neutral `reasoning` becomes `thinkingConfig`; the
 * two together are refused.
 *
 * @example
 * { model: "gemini-2.5-flash", maxTokens: 1024, reasoning: { budgetTokens: 2048 } }
 */
export interface GoogleCallParams extends CallParams, GoogleNativeParams {
  readonly model?: GoogleModel | undefined;
}
