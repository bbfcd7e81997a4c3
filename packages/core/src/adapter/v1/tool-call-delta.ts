/**
 * A fragment of a tool call as it streams, in the same shape for every provider. Adapters put
 * the fragments a chunk carries in its `toolCallDeltas`; core assembles them into calls.
 */
export interface ToolCallDelta {
  /** The call's place among this response's tool calls (0, 1, ...), not a provider's block index. */
  readonly index: number;
  /** The call's id, on a fragment that carries it (usually the first). */
  readonly id?: string | undefined;
  /** The tool's name, on a fragment that carries it (usually the first). */
  readonly name?: string | undefined;
  /** The argument text (JSON, in pieces) this fragment adds; `""` when it adds none. */
  readonly argsTextDelta: string;
  /**
   * The provider marked the call complete (Anthropic's `content_block_stop`). Where it has no
   * such mark (OpenAI), leave it out: core completes a call when the next one starts and its
   * arguments parse, or when the stream ends.
   */
  readonly done?: boolean | undefined;
}
