/**
 * @module The local Anthropic demo server's thinking: for a request that turns thinking on, a
 * signed thinking block before the answer, and Anthropic's own check that a tool loop sends the
 * last turn's signed thinking back before its `tool_use` blocks (a 400 otherwise, as the API answers).
 */
import type { AnthropicBlockScript } from "../anthropic-events.js";

interface RequestBody {
  readonly thinking?: { readonly type?: unknown; readonly display?: unknown };
  readonly messages?: ReadonlyArray<{ readonly role?: unknown; readonly content?: unknown }>;
}

type Block = { readonly type?: unknown; readonly thinking?: unknown; readonly signature?: unknown };

/**
 * The thinking block the local server streams before its answer when the request turns thinking
 * on (`thinking.type` other than `disabled`); `undefined` otherwise. With `display: "omitted"`
 * its text is empty, and it is still signed, as Anthropic does.
 */
export function cannedAnthropicThinking(
  requestBody: unknown,
  about: string,
  thought?: string,
): AnthropicBlockScript | undefined {
  const { thinking } = (requestBody ?? {}) as RequestBody;
  if (thinking === undefined || thinking.type === "disabled") return undefined;
  const text = thought ?? `The user asks: ${about.slice(0, 80)}. I will answer step by step.`;
  return { type: "thinking", thinking: thinking.display === "omitted" ? "" : text, signature: localSignature(text) };
}

/**
 * Why Anthropic would refuse the request's history with thinking on, or `undefined` when it
 * would not: the last assistant turn that called tools must start with a thinking (or redacted
 * thinking) block, and a thinking block signed by this server must carry its signature unchanged.
 */
export function anthropicThinkingHistoryError(requestBody: unknown): string | undefined {
  const { thinking, messages = [] } = (requestBody ?? {}) as RequestBody;
  if (thinking === undefined || thinking.type === "disabled") return undefined;
  for (const [index, message] of messages.entries()) {
    if (message.role !== "assistant" || !Array.isArray(message.content)) continue;
    for (const block of message.content as Block[]) {
      if (block.type !== "thinking" || typeof block.signature !== "string") continue;
      const text = typeof block.thinking === "string" ? block.thinking : "";
      if (block.signature.startsWith("local-") && block.signature !== localSignature(text) && text !== "") {
        return `messages.${index}.content: Invalid \`signature\` in \`thinking\` block`;
      }
    }
  }
  let lastIndex = messages.length - 1;
  while (lastIndex >= 0 && messages[lastIndex]?.role !== "assistant") lastIndex--;
  const last = messages[lastIndex];
  if (last === undefined || !Array.isArray(last.content)) return undefined;
  const blocks = last.content as Block[];
  if (!blocks.some((block) => block.type === "tool_use")) return undefined;
  const first = blocks[0]?.type;
  if (first === "thinking" || first === "redacted_thinking") return undefined;
  return (
    `messages.${lastIndex}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first)}\`. ` +
    "When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceding the " +
    "lastmost set of `tool_use` and `tool_result` blocks). To avoid this requirement, disable `thinking`."
  );
}

/** A stand-in for Anthropic's signature: derived from the text, so that a changed block is caught. */
function localSignature(text: string): string {
  let hash = 0x811c9dc5;
  for (let at = 0; at < text.length; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193) >>> 0;
  return `local-${hash.toString(16).padStart(8, "0")}`;
}
