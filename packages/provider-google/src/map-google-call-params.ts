import type { GenerateContentConfig } from "@google/genai";
import { CallParamsError, readEnv } from "@promptstream/core";
import type { GoogleCallParams } from "./google-call-params.js";
import { mapGoogleReasoning, validateGoogleReasoning } from "./map-google-reasoning.js";

/** The model used when none is given at definition, instance or call level, nor in `GOOGLE_MODEL`. */
export const GOOGLE_DEFAULT_MODEL = "gemini-2.5-flash";

/** The environment variable that names the model when the params do not. */
export const GOOGLE_MODEL_ENV = "GOOGLE_MODEL";

/** What `models.generateContentStream` takes besides `contents`: the model and the config. */
export interface GoogleRequestFields {
  readonly model: string;
  readonly config: GenerateContentConfig;
}

/**
 * Refuses what Gemini cannot do as asked, rather than dropping it: several candidates (a stream,
 * and a response, are one answer), `parallelToolCalls: false` (Gemini has no such switch, and
 * may call several functions in one turn), and reasoning params that clash (see `validateGoogleReasoning`).
 */
export function validateGoogleCallParams(params: GoogleCallParams): void {
  validateGoogleReasoning(params.reasoning, params.thinkingConfig);
  if (params.candidateCount !== undefined && params.candidateCount !== 1) {
    throw new CallParamsError(
      "Gemini's `candidateCount` above 1 is not supported: a promptstream response is one answer. Remove it, or send several calls.",
      { code: "unsupported_param", param: "candidateCount", provider: "google" },
    );
  }
  if (params.parallelToolCalls === false) {
    throw new CallParamsError(
      "google does not support `parallelToolCalls: false`: Gemini has no switch to keep the model to one call per turn. Remove it from the call params.",
      { code: "unsupported_param", param: "parallelToolCalls", provider: "google" },
    );
  }
}

/**
 * Translates call params to `generateContentStream`'s `model` and `config`: the neutral params
 * under Gemini's names (`reasoning` as `thinkingConfig`), and Gemini's own fields as given. The prompt's tools, `toolChoice`, the
 * output schema and the system prompt are added by the adapter (see `convertToGoogleTools`,
 * `convertToGoogleOutput`, `convertToGoogleContents`).
 *
 * @see https://ai.google.dev/api/generate-content#generationconfig
 */
export function mapGoogleCallParams(params: GoogleCallParams): GoogleRequestFields {
  const {
    model,
    maxTokens,
    stop,
    temperature,
    topP,
    seed,
    presencePenalty,
    frequencyPenalty,
    // Sent as `toolConfig` with the prompt's tools (convertToGoogleTools), never under these names.
    toolChoice: _toolChoice,
    parallelToolCalls: _parallelToolCalls,
    reasoning,
    ...native
  } = params;
  const modelId = model ?? readEnv(GOOGLE_MODEL_ENV) ?? GOOGLE_DEFAULT_MODEL;
  const config: GenerateContentConfig = { ...native };
  if (reasoning !== undefined) config.thinkingConfig = mapGoogleReasoning(reasoning, modelId);
  if (maxTokens !== undefined) config.maxOutputTokens = maxTokens;
  if (temperature !== undefined) config.temperature = temperature;
  if (topP !== undefined) config.topP = topP;
  if (seed !== undefined) config.seed = seed;
  if (presencePenalty !== undefined) config.presencePenalty = presencePenalty;
  if (frequencyPenalty !== undefined) config.frequencyPenalty = frequencyPenalty;
  if (stop !== undefined) config.stopSequences = typeof stop === "string" ? [stop] : [...stop];
  return { model: modelId, config };
}
