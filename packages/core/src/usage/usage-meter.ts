/**
 * @module A counter of usage and cost across many calls, read by the app (per prompt class, per
 * model), fed by a middleware.
 */
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { Usage } from "../adapter/v1/usage.js";
import type { CallContext, Middleware } from "../middleware/middleware.js";
import { addCosts, type Cost, costOf } from "../pricing/cost.js";
import type { PriceTable } from "../pricing/price-table.js";
import { USAGE_COUNTS } from "./usage-counts.js";

/** What a {@link UsageMeter} counted over some calls. */
export interface UsageTotals {
  /** Calls that ended: finished, failed or aborted. */
  readonly calls: number;
  /** Calls that failed (an aborted call is counted in `aborted`, not here). */
  readonly failures: number;
  /** Calls aborted (`abort()`, a signal) before their end. */
  readonly aborted: number;
  /** The token counts of the finished calls, summed; a count a response did not report adds 0. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  readonly cachedInputTokens: number;
  readonly cacheCreationInputTokens: number;
  readonly reasoningTokens: number;
  /** The cost of the priced calls, summed; `undefined` when no call was priced. */
  readonly cost: Cost | undefined;
  /**
   * Finished calls that reported usage but have no cost (no price for their model, or no
   * table): `cost` leaves them out, so it is a lower bound unless this is 0.
   */
  readonly unpricedCalls: number;
}

/** Counts usage and cost over the calls its `middleware` is given to. See {@link createUsageMeter}. */
export interface UsageMeter {
  /** Give it to prompts (`middleware: [meter.middleware]`) or to every prompt (`useMiddleware`). */
  readonly middleware: Middleware;
  /** Every call counted. */
  total(): UsageTotals;
  /** By prompt class name (two classes of one name are counted together). */
  byPrompt(): ReadonlyMap<string, UsageTotals>;
  /** By the model that answered (the one asked for, for a call that failed); `"unknown"` when neither is known. */
  byModel(): ReadonlyMap<string, UsageTotals>;
  /** Forgets every count. */
  reset(): void;
}

/** Options of {@link createUsageMeter}. */
export interface UsageMeterOptions {
  /**
   * Prices each finished call (a tool loop's summed usage at the model of its last step).
   * Without it, the meter sums the `cost` responses carry (prompts given `prices`).
   */
  readonly prices?: PriceTable | undefined;
}

/** Every count of a `Usage` has its total here (a count added to `Usage` must be added to `UsageTotals`). */
const COUNTS: ReadonlyArray<keyof Usage & keyof UsageTotals> = USAGE_COUNTS;

type Tally = { -readonly [K in keyof UsageTotals]: UsageTotals[K] };

function emptyTally(): Tally {
  return {
    calls: 0,
    failures: 0,
    aborted: 0,
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    cachedInputTokens: 0,
    cacheCreationInputTokens: 0,
    reasoningTokens: 0,
    cost: undefined,
    unpricedCalls: 0,
  };
}

/**
 * A counter of calls, tokens and cost, for an app to read across many calls: each call is counted
 * once when it ends (its final response: a tool loop's summed usage), a failed or aborted call
 * too. It sees the calls of the prompts its `middleware` is given to; `fallback()` runs no
 * observers, so its calls are not counted.
 *
 * @example
 * const meter = createUsageMeter({ prices });
 * useMiddleware(meter.middleware);
 * // ... later
 * console.log(meter.total().cost?.total, meter.byPrompt().get("RecipeRecommender")?.calls);
 */
export function createUsageMeter(options: UsageMeterOptions = {}): UsageMeter {
  let total = emptyTally();
  let byPrompt = new Map<string, Tally>();
  let byModel = new Map<string, Tally>();
  const tallies = (call: CallContext, model: string): Tally[] => {
    const promptTally = byPrompt.get(call.promptName) ?? emptyTally();
    const modelTally = byModel.get(model) ?? emptyTally();
    byPrompt.set(call.promptName, promptTally);
    byModel.set(model, modelTally);
    return [total, promptTally, modelTally];
  };
  const costOfCall = (response: CallResponse): Cost | undefined =>
    options.prices === undefined ? response.cost : costOf(response.usage, response.model, options.prices);

  const middleware: Middleware = {
    name: "usage-meter",
    onCall: (call) => ({
      onFinish(response) {
        const usage = response.usage;
        const cost = costOfCall(response);
        for (const tally of tallies(call, response.model ?? requestedModel(call))) {
          tally.calls += 1;
          if (usage === undefined) continue;
          for (const count of COUNTS) tally[count] += usage[count] ?? 0;
          // Amounts of two currencies are not added up: the other one's calls count as unpriced.
          if (cost !== undefined && (tally.cost === undefined || tally.cost.currency === cost.currency)) {
            tally.cost = tally.cost === undefined ? cost : addCosts([tally.cost, cost], cost.currency);
          } else tally.unpricedCalls += 1;
        }
      },
      onError(error) {
        for (const tally of tallies(call, requestedModel(call))) {
          tally.calls += 1;
          if (error.code === "aborted") tally.aborted += 1;
          else tally.failures += 1;
        }
      },
    }),
  };

  return {
    middleware,
    total: () => ({ ...total }),
    byPrompt: () => new Map([...byPrompt].map(([name, tally]) => [name, { ...tally }])),
    byModel: () => new Map([...byModel].map(([name, tally]) => [name, { ...tally }])),
    reset() {
      total = emptyTally();
      byPrompt = new Map();
      byModel = new Map();
    },
  };
}

/** The model a call asked for, from its params. */
function requestedModel(call: CallContext): string {
  const model = call.params.model;
  return typeof model === "string" ? model : "unknown";
}
