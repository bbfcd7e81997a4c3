import { CallParamsError } from "../errors/call-params-error.js";
import type { ReasoningParams } from "../reasoning/reasoning-params.js";
import type { CallParams } from "./call-params.js";

/**
 * Checks the neutral params against the rules every provider shares, so that a typo such as
 * `maxTokens: -1` fails before a request is sent. Each adapter adds its own ranges and refuses
 * the params its API lacks (see `AdapterV1.validateParams`).
 */
export function validateCallParams(params: CallParams): void {
  const { model, temperature, maxTokens, topP, stop, seed, toolChoice, parallelToolCalls, reasoning } = params;
  if (model !== undefined && (typeof model !== "string" || model.trim() === "")) {
    fail("model", `must be a non-empty string such as "gpt-4o-mini"; got ${show(model)}`);
  }
  if (temperature !== undefined && !(isFiniteNumber(temperature) && temperature >= 0)) {
    fail("temperature", `must be a number of 0 or more; got ${show(temperature)}`);
  }
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0)) {
    fail("maxTokens", `must be a whole number of 1 or more; got ${show(maxTokens)}`);
  }
  if (topP !== undefined && !(isFiniteNumber(topP) && topP > 0 && topP <= 1)) {
    fail("topP", `must be a number above 0 and at most 1; got ${show(topP)}`);
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    fail("seed", `must be a whole number; got ${show(seed)}`);
  }
  if (toolChoice !== undefined && !isToolChoice(toolChoice)) {
    fail("toolChoice", `must be "auto", "none", "required" or { name: "a_tool" }; got ${show(toolChoice)}`);
  }
  if (parallelToolCalls !== undefined && typeof parallelToolCalls !== "boolean") {
    fail("parallelToolCalls", `must be true or false; got ${show(parallelToolCalls)}`);
  }
  if (reasoning !== undefined) validateReasoning(reasoning);
  if (stop !== undefined) {
    // Array.from turns holes into undefined, which `every` alone would skip.
    const sequences: readonly unknown[] =
      typeof stop === "string" ? [stop] : Array.isArray(stop) ? Array.from(stop) : [stop];
    if (!sequences.every((sequence) => typeof sequence === "string" && sequence !== "")) {
      fail("stop", `must be a non-empty string or an array of them; got ${show(stop)}`);
    }
  }
}

/**
 * Checks that a numeric param lies in a provider's range. For adapters' `validateParams`.
 *
 * @example
 * checkParamRange("openai", "temperature", params.temperature, 0, 2);
 */
export function checkParamRange(
  provider: string,
  param: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  if (value === undefined) return;
  if (isFiniteNumber(value) && value >= min && value <= max) return;
  throw new CallParamsError(`${provider}: \`${param}\` must be between ${min} and ${max}; got ${show(value)}.`, {
    code: "invalid_param",
    param,
    provider,
  });
}

/**
 * Refuses a neutral param the provider's API has no equivalent for, instead of dropping it.
 * For adapters' `validateParams`.
 */
export function refuseUnsupportedParam(provider: string, param: string, value: unknown, advice: string): void {
  if (value === undefined) return;
  const policyHint =
    'To drop such params instead, set `unsupportedParams: "warn"` (or "drop") on the prompt or the call.';
  throw new CallParamsError(`${provider} does not support \`${param}\`: ${advice} ${policyHint}`, {
    code: "unsupported_param",
    param,
    provider,
  });
}

const efforts: ReadonlySet<unknown> = new Set(["low", "medium", "high"]);

function validateReasoning(reasoning: ReasoningParams): void {
  if (typeof reasoning !== "object" || reasoning === null || Array.isArray(reasoning)) {
    fail(
      "reasoning",
      `must be an object such as { effort: "medium" } or { budgetTokens: 2048 }; got ${show(reasoning)}`,
    );
  }
  const { effort, budgetTokens, includeText } = reasoning;
  if (effort !== undefined && !efforts.has(effort)) {
    fail("reasoning.effort", `must be "low", "medium" or "high"; got ${show(effort)}`);
  }
  if (budgetTokens !== undefined && !(Number.isInteger(budgetTokens) && budgetTokens > 0)) {
    fail("reasoning.budgetTokens", `must be a whole number of 1 or more; got ${show(budgetTokens)}`);
  }
  if (includeText !== undefined && typeof includeText !== "boolean") {
    fail("reasoning.includeText", `must be true or false; got ${show(includeText)}`);
  }
}

function fail(param: string, problem: string): never {
  throw new CallParamsError(`Invalid call param \`${param}\`: it ${problem}.`, { code: "invalid_param", param });
}

function isToolChoice(value: unknown): boolean {
  if (value === "auto" || value === "none" || value === "required") return true;
  return typeof value === "object" && value !== null && typeof (value as { name?: unknown }).name === "string";
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** The value, for an error message; never throws, whatever the value (a symbol, a null-prototype object). */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return Array.isArray(value) ? `[${Array.from(value, show).join(", ")}]` : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
