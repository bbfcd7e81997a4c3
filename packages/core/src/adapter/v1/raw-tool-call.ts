/**
 * A tool call as the provider sent it, before core parses and validates its arguments: what an
 * adapter reports for a non-streamed response, and what core hands back in a stream's summary.
 */
export interface RawToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as the JSON text the model wrote (`""` for a call without arguments). */
  readonly argsText: string;
}
