/**
 * @module What a response cost, computed from its usage and a price table.
 */
import type { Usage } from "../adapter/v1/usage.js";
import { type PriceTable, priceForModel } from "./price-table.js";

/**
 * What a response cost, in the price table's currency, with its parts: each kind of token is
 * counted in one part only (cached input is not charged again as input, nor reasoning as output).
 * Amounts are plain floating-point numbers, not rounded.
 */
export interface Cost {
  /** The sum of the parts. */
  readonly total: number;
  /** Input tokens neither read from nor written to the prompt cache. */
  readonly input: number;
  /** Input tokens read from the prompt cache. */
  readonly cachedInput: number;
  /** Input tokens written to the prompt cache. */
  readonly cacheWrite: number;
  /** Output tokens that are not reasoning. */
  readonly output: number;
  /** Reasoning tokens. */
  readonly reasoning: number;
  /** The price table's currency, e.g. `"USD"`. */
  readonly currency: string;
}

const PER_MILLION = 1_000_000;

/**
 * What `usage` cost with `model`'s prices in `table`; `undefined` (never a made-up 0) when the
 * table has no price for the model, the model or the usage is unknown, or the usage lacks its
 * input or output count. `inputTokens` includes the cached and cache-written tokens and
 * `outputTokens` the reasoning ones, as every adapter of core reports them.
 *
 * @example
 * const cost = costOf(response.usage, response.model, prices);
 * if (cost !== undefined) console.log(`${cost.total.toFixed(6)} ${cost.currency}`);
 */
export function costOf(usage: Usage | undefined, model: string | undefined, table: PriceTable): Cost | undefined {
  if (usage === undefined || model === undefined) return undefined;
  const { inputTokens, outputTokens } = usage;
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const price = priceForModel(model, table);
  if (price === undefined) return undefined;
  const cachedTokens = usage.cachedInputTokens ?? 0;
  const cacheWriteTokens = usage.cacheCreationInputTokens ?? 0;
  const reasoningTokens = usage.reasoningTokens ?? 0;
  const input = (Math.max(0, inputTokens - cachedTokens - cacheWriteTokens) * price.input) / PER_MILLION;
  const cachedInput = (cachedTokens * (price.cachedInput ?? price.input)) / PER_MILLION;
  const cacheWrite = (cacheWriteTokens * (price.cacheWrite ?? price.input)) / PER_MILLION;
  const output = (Math.max(0, outputTokens - reasoningTokens) * price.output) / PER_MILLION;
  const reasoning = (reasoningTokens * (price.reasoning ?? price.output)) / PER_MILLION;
  return costOfParts({ input, cachedInput, cacheWrite, output, reasoning }, table.currency ?? "USD");
}

/** Several costs of one currency added up, part by part. */
export function addCosts(costs: readonly Cost[], currency: string): Cost {
  let input = 0;
  let cachedInput = 0;
  let cacheWrite = 0;
  let output = 0;
  let reasoning = 0;
  for (const cost of costs) {
    input += cost.input;
    cachedInput += cost.cachedInput;
    cacheWrite += cost.cacheWrite;
    output += cost.output;
    reasoning += cost.reasoning;
  }
  return costOfParts({ input, cachedInput, cacheWrite, output, reasoning }, currency);
}

/** A cost from its parts, with their total. */
function costOfParts(parts: Omit<Cost, "total" | "currency">, currency: string): Cost {
  const { input, cachedInput, cacheWrite, output, reasoning } = parts;
  return { total: input + cachedInput + cacheWrite + output + reasoning, ...parts, currency };
}
