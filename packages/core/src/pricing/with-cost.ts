/**
 * @module Setting `cost` on a final response, where core finishes it (a stream's response, a
 * call's, a fallback's, a tool loop's).
 */
import type { CallResponse } from "../adapter/v1/call-response.js";
import { addCosts, type Cost, costOf } from "./cost.js";
import type { PriceTable } from "./price-table.js";

/**
 * `response` with its `cost` under `table` (`undefined` when the table has no price for its
 * model); the response itself when no table is given. The property is defined on the response,
 * which is not copied: an adapter's response keeps its prototype and getters.
 */
export function withCost<TResponse extends CallResponse>(
  response: TResponse,
  table: PriceTable | undefined,
): TResponse {
  if (table === undefined) return response;
  const cost = costOf(response.usage, response.model, table);
  // A response an adapter froze cannot take a property: it is copied, as a last resort.
  if (!Object.isExtensible(response)) return { ...response, cost };
  Object.defineProperty(response, "cost", { value: cost, enumerable: true, writable: true, configurable: true });
  return response;
}

/** {@link withCost} on a response that may still be on its way (a structured output's, checked). */
export function withCostWhenDone<TResponse extends CallResponse>(
  response: TResponse | Promise<TResponse>,
  table: PriceTable,
): TResponse | Promise<TResponse> {
  return response instanceof Promise ? response.then((done) => withCost(done, table)) : withCost(response, table);
}

/** What a request's response says about what it was billed: its usage, and the model that answered. */
export type BilledResponse = Pick<CallResponse, "usage" | "model">;

/**
 * What several requests cost together (a tool loop's steps), each at its own model's price; a
 * request that reported no usage adds nothing (as to the summed usage). `undefined` when none
 * reported usage, or when one that did has no price.
 */
export function costOfResponses(responses: readonly BilledResponse[], table: PriceTable): Cost | undefined {
  const costs: Cost[] = [];
  for (const { usage, model } of responses) {
    if (usage === undefined) continue;
    const cost = costOf(usage, model, table);
    if (cost === undefined) return undefined;
    costs.push(cost);
  }
  return costs.length === 0 ? undefined : addCosts(costs, table.currency ?? "USD");
}
