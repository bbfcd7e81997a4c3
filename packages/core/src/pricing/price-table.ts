/**
 * @module The price table a user gives core to compute each response's `cost`: core holds no
 * prices of its own, since providers change them.
 */

/**
 * What one model costs, in the table's currency per million tokens. Only `input` and `output` are
 * required: a kind of token without its own price is charged as the kind it is part of.
 *
 * @example
 * const price: ModelPrice = { input: 0.15, cachedInput: 0.075, output: 0.6 };
 */
export interface ModelPrice {
  /** Per million input tokens, neither read from nor written to the prompt cache. */
  readonly input: number;
  /** Per million input tokens read from the prompt cache (`usage.cachedInputTokens`). Default: `input`. */
  readonly cachedInput?: number | undefined;
  /** Per million input tokens written to the prompt cache (`usage.cacheCreationInputTokens`). Default: `input`. */
  readonly cacheWrite?: number | undefined;
  /** Per million output tokens that are not reasoning. */
  readonly output: number;
  /** Per million reasoning tokens (`usage.reasoningTokens`, part of the output). Default: `output`. */
  readonly reasoning?: number | undefined;
}

/**
 * Prices by model, for `cost` on responses (the `prices` option) and for `createUsageMeter()`.
 * Core ships no prices: copy your provider's current ones, with the date you copied them.
 *
 * A response's model (as the provider names it) is looked up as written first; then, without a
 * snapshot suffix (`-2024-07-18`, `-20241022`, `@20241022`, `-001`, `-0613`, `-latest`), so that
 * `gpt-4o-mini-2024-07-18` is priced as `gpt-4o-mini` unless the table has its own row. No other
 * partial match is made: `gpt-4o-mini` is never priced as `gpt-4o`, nor `gpt-4.1` as `gpt-4`.
 *
 * @example
 * // An example, not a source of prices: as of 2026-12; check your provider's page.
 * const prices: PriceTable = {
 *   currency: "USD",
 *   models: { "gpt-4o-mini": { input: 0.15, cachedInput: 0.075, output: 0.6 } },
 * };
 */
export interface PriceTable {
  /** The currency of every price in the table, reported on each cost. Default: `"USD"`. */
  readonly currency?: string | undefined;
  /** The prices, by model id as the provider reports it on responses (`response.model`). */
  readonly models: Readonly<Record<string, ModelPrice>>;
}

/** Where a price table is given: a definition, an instance or a call (the most specific wins). */
export interface PricingOptions {
  /**
   * A price table: the final response of `stream().response()` and `call()` then carries its
   * `cost`. Without one, no cost is computed (and no work is done for it).
   */
  readonly prices?: PriceTable | undefined;
}

/** The price table of a call: the first level that gives one (call, then instance, then definition). */
export function pricesFor(...levels: ReadonlyArray<PricingOptions | undefined>): PriceTable | undefined {
  for (const level of levels) if (level?.prices !== undefined) return level.prices;
  return undefined;
}

/** A trailing snapshot or alias suffix: a date, a short version number, or `-latest`. */
const SNAPSHOT_SUFFIX = /(?:-\d{4}-\d{2}-\d{2}|[-@]\d{8}|-\d{3,4}|-latest)$/;

/** The price of `model` in `table`: as written, then without a snapshot suffix; `undefined` when it has none. */
export function priceForModel(model: string, table: PriceTable): ModelPrice | undefined {
  const models = table.models;
  if (Object.hasOwn(models, model)) return models[model];
  const base = model.replace(SNAPSHOT_SUFFIX, "");
  return base !== model && Object.hasOwn(models, base) ? models[base] : undefined;
}
