/**
 * @module Which line of `@anthropic-ai/sdk` this package runs on, read once from the SDK's own
 * `VERSION` constant: a one-line module of the SDK, so no client is loaded and no file is read
 * (safe in bundles, Workers and browsers).
 */
import { VERSION } from "@anthropic-ai/sdk/version";

/**
 * A line of `@anthropic-ai/sdk` and the Messages API version it sends as `anthropic-version`:
 * `"0.x"` sends `2023-06-01`, which still takes `temperature`, `top_p` and `top_k` (deprecated,
 * and accepted by models up to Claude Opus 4.6); `"1.x"` sends `2026-10-21`, which has none of them.
 */
export type AnthropicSdkLine = "0.x" | "1.x";

/**
 * The line of an `@anthropic-ai/sdk` version string. Anything but a 0.x version (a later major,
 * a prerelease of one, a string that is not a version) counts as `"1.x"`, the line without
 * sampling params: refusing a param is safer than sending one the API may reject.
 */
function toAnthropicSdkLine(version: string): AnthropicSdkLine {
  return /^0\.\d/.test(version) ? "0.x" : "1.x";
}

/** The line of the installed `@anthropic-ai/sdk`, the copy this package imports. */
export const ANTHROPIC_SDK_LINE: AnthropicSdkLine = toAnthropicSdkLine(VERSION);
