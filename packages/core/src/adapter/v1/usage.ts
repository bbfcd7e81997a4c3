/**
 * Token counts, the same shape for every provider. A count the provider did not report is
 * `undefined`, never a made-up `0`.
 */
export interface Usage {
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  readonly totalTokens: number | undefined;
  /** Input tokens read from the provider's prompt cache, where it reports them. */
  readonly cachedInputTokens: number | undefined;
  /**
   * Input tokens written to the provider's prompt cache by this request (Anthropic's
   * `cache_creation_input_tokens`), where it reports them. Optional in the contract.
   */
  readonly cacheCreationInputTokens?: number | undefined;
  /** Output tokens spent on reasoning, where the provider reports them. */
  readonly reasoningTokens: number | undefined;
}
