import type { Message } from "../../prompt/message.js";
import type { OutputSpec } from "./output-spec.js";
import type { ToolSpec } from "./tool-spec.js";

/**
 * What core hands an adapter for one call: the rendered messages, the merged params and the
 * client option chosen from definition, instance and call (the most specific one given).
 * Adapters get this type, never the user-facing prompt class, so the user API can evolve
 * without breaking adapters.
 */
export interface AdapterV1Request<TParams, TClient> {
  readonly messages: readonly Message[];
  /** The params merged definition < instance < call; `undefined` values removed. */
  readonly params: Readonly<TParams>;
  /** The most specific client option given, or `undefined` for the adapter's default. */
  readonly client: TClient | undefined;
  /** Aborted when the user aborts or stops reading; pass it to the HTTP request. */
  readonly signal: AbortSignal;
  /**
   * The tools the model may call; absent when the prompt has none. Only sent to adapters that
   * declare `supportsTools` (core refuses a prompt with tools on any other, before sending).
   * `params.toolChoice` and `params.parallelToolCalls` say how they may be used.
   */
  readonly tools?: readonly ToolSpec[] | undefined;
  /**
   * The structured output asked for; absent when the prompt has no `output` schema. Only sent in
   * a mode the adapter lists in `outputModes`, or in `json` mode (where the adapter may ignore it).
   */
  readonly output?: OutputSpec | undefined;
}
