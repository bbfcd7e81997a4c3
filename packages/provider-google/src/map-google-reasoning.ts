import type { ThinkingConfig, ThinkingLevel } from "@google/genai";
import { CallParamsError, type ReasoningEffort, type ReasoningParams } from "@promptstream/core";

/**
 * The thinking budget each effort stands for on Gemini 2.x models, which take a budget and no
 * thinking level (2.5 Flash takes up to 24,576 tokens, 2.5 Pro up to 32,768).
 */
export const GOOGLE_EFFORT_BUDGETS: Readonly<Record<ReasoningEffort, number>> = {
  low: 1024,
  medium: 8192,
  high: 24_576,
};

/** The thinking level each effort is on Gemini 3 and later models (`thinkingConfig.thinkingLevel`). */
const THINKING_LEVELS: Readonly<Record<ReasoningEffort, `${ThinkingLevel}`>> = {
  low: "LOW",
  medium: "MEDIUM",
  high: "HIGH",
};

/**
 * Refuses reasoning params Gemini cannot take as given, before sending: the neutral `reasoning`
 * beside Gemini's own `thinkingConfig` (two answers to one question), and an `effort` beside a
 * `budgetTokens` (Gemini refuses a thinking level and a budget in one request).
 */
export function validateGoogleReasoning(
  reasoning: ReasoningParams | undefined,
  thinkingConfig: ThinkingConfig | undefined,
): void {
  if (reasoning === undefined) return;
  if (thinkingConfig !== undefined) {
    throw new CallParamsError(
      "The call params hold both the neutral `reasoning` and Gemini's native `thinkingConfig`: give one. " +
        "`reasoning` becomes `thinkingConfig` (budgetTokens -> thinkingBudget, effort -> thinkingLevel, " +
        "includeText -> includeThoughts).",
      { code: "invalid_param", param: "reasoning", provider: "google" },
    );
  }
  if (reasoning.effort !== undefined && reasoning.budgetTokens !== undefined) {
    throw new CallParamsError(
      "`reasoning` holds both `effort` and `budgetTokens`: Gemini takes a thinking level or a thinking budget, " +
        "not both. Keep one.",
      { code: "invalid_param", param: "reasoning", provider: "google" },
    );
  }
}

/**
 * The neutral `reasoning` as Gemini's `thinkingConfig`: `budgetTokens` -> `thinkingBudget`;
 * `effort` -> `thinkingLevel` (`LOW`, `MEDIUM`, `HIGH`), or on a Gemini 1.x/2.x model, which has
 * no thinking level, a `thinkingBudget` from {@link GOOGLE_EFFORT_BUDGETS}; `includeText` (default
 * `true`) -> `includeThoughts`, so that the thinking streams as `reasoning`.
 */
export function mapGoogleReasoning(reasoning: ReasoningParams, model: string): ThinkingConfig {
  const config: ThinkingConfig = { includeThoughts: reasoning.includeText ?? true };
  if (reasoning.budgetTokens !== undefined) config.thinkingBudget = reasoning.budgetTokens;
  if (reasoning.effort !== undefined) {
    if (hasNoThinkingLevel(model)) config.thinkingBudget = GOOGLE_EFFORT_BUDGETS[reasoning.effort];
    else config.thinkingLevel = THINKING_LEVELS[reasoning.effort] as ThinkingLevel;
  }
  return config;
}

/** Gemini models before 3 (`gemini-2.5-flash`, `models/gemini-2.0-flash`, ...) take a budget only. */
function hasNoThinkingLevel(model: string): boolean {
  return /(^|\/)gemini-[12]([.-]|$)/i.test(model);
}
