import type { JsonValue } from "../prompt/message.js";

/**
 * One block of the model's reasoning, as an assistant message keeps it so that the next request
 * can send it back unchanged, in order (Anthropic requires its signed thinking blocks back when
 * thinking is used with tools). Only the provider that produced a block gets it back: another
 * provider's request leaves it out, since a signature means nothing elsewhere.
 */
export interface ReasoningBlock {
  /** The provider that produced it, e.g. `"anthropic"`. */
  readonly provider: string;
  /** The reasoning text as shown; `""` for a redacted block. */
  readonly text: string;
  /** The provider's signature over the block (Anthropic's `signature`), sent back unchanged. */
  readonly signature?: string | undefined;
  /**
   * Reasoning the provider sent encrypted instead of as text (Anthropic's `redacted_thinking`
   * `data`, OpenAI's `encrypted_content`), sent back unchanged.
   */
  readonly redactedData?: string | undefined;
  /** Anything else the provider needs to accept the block again (e.g. an item id), by its own names. */
  readonly providerData?: { readonly [key: string]: JsonValue } | undefined;
}

/** Whether a value is a well-formed {@link ReasoningBlock}. */
export function isReasoningBlock(value: unknown): value is ReasoningBlock {
  if (typeof value !== "object" || value === null) return false;
  const block = value as Partial<Record<keyof ReasoningBlock, unknown>>;
  return (
    typeof block.provider === "string" &&
    typeof block.text === "string" &&
    (block.signature === undefined || typeof block.signature === "string") &&
    (block.redactedData === undefined || typeof block.redactedData === "string") &&
    (block.providerData === undefined || (typeof block.providerData === "object" && block.providerData !== null))
  );
}
