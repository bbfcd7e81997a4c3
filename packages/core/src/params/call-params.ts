import type { ReasoningParams } from "../reasoning/reasoning-params.js";

/**
 * The provider-neutral call options. Every adapter translates them to its API's names
 * (e.g. `maxTokens` becomes OpenAI's `max_completion_tokens`) and may add its own.
 * An option left `undefined` is not sent: the provider's default applies.
 */
export interface CallParams {
  /** The model to call. Each provider documents the default it uses when this is absent. */
  readonly model?: string | undefined;
  /** Sampling temperature. Higher is more random. */
  readonly temperature?: number | undefined;
  /** The most tokens the answer may have. */
  readonly maxTokens?: number | undefined;
  /** Nucleus sampling: only tokens within this top probability mass are considered. */
  readonly topP?: number | undefined;
  /** Text at which the model stops generating. */
  readonly stop?: string | readonly string[] | undefined;
  /** A seed for best-effort deterministic sampling, where the provider supports it. */
  readonly seed?: number | undefined;
  /** Penalises tokens that already appeared, encouraging new topics. */
  readonly presencePenalty?: number | undefined;
  /** Penalises tokens by how often they appeared, discouraging repetition. */
  readonly frequencyPenalty?: number | undefined;
  /**
   * Whether and which tools the model may call, for a prompt with tools: `"auto"` (the model
   * decides; the providers' default), `"none"`, `"required"` (some tool), or `{ name }` (that one).
   */
  readonly toolChoice?: ToolChoice | undefined;
  /** Whether the model may call several tools in one turn; `undefined`: the provider's default (yes). */
  readonly parallelToolCalls?: boolean | undefined;
  /**
   * Reasoning for models that think before answering: `{ effort }` and/or `{ budgetTokens }`.
   * Needs an adapter with `supportsReasoning`; each maps it to its API (see its README).
   */
  readonly reasoning?: ReasoningParams | undefined;
}

/** Which tools the model may call: see {@link CallParams.toolChoice}. */
export type ToolChoice = "auto" | "none" | "required" | { readonly name: string };
