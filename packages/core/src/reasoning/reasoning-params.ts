/** How hard a reasoning model should think: see {@link ReasoningParams}. */
export type ReasoningEffort = "low" | "medium" | "high";

/**
 * The neutral reasoning param (`reasoning` in call params). Each adapter maps it to its API:
 * OpenAI `reasoning_effort` (Responses: `reasoning.effort`), Anthropic `thinking`, Gemini
 * `thinkingConfig`, and refuses before sending what its provider cannot honour.
 *
 * @example
 * { reasoning: { effort: "high" } }        // let the provider choose the budget for "high"
 * { reasoning: { budgetTokens: 4096 } }    // an exact budget, where the provider takes one
 */
export interface ReasoningParams {
  /** How much to reason. Providers with token budgets map it to a budget (see each provider's README). */
  readonly effort?: ReasoningEffort | undefined;
  /** The most tokens the model may spend reasoning, for providers that take a budget. */
  readonly budgetTokens?: number | undefined;
  /**
   * Whether the reasoning text (or its summary) should be streamed where the provider makes it
   * optional; default `true`. Tokens are spent on reasoning either way.
   */
  readonly includeText?: boolean | undefined;
}
