import type { Message } from "../../prompt/message.js";

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
}
