import type { ContentBlock, Message, ThinkingBlock } from "@anthropic-ai/sdk/resources/messages/messages";
import type { CallResponse, RawToolCall } from "@promptstream/core";
import type { AnthropicFallback } from "./accumulate-anthropic-message.js";
import { convertToReasoningBlocks } from "./convert-to-reasoning-blocks.js";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";
import { mapAnthropicUsage } from "./map-anthropic-usage.js";

/**
 * A whole Anthropic response: the neutral {@link CallResponse} fields plus the raw `Message`
 * (from `call()`, or rebuilt from the events by `stream.response()`). Its `message` carries the
 * turn's `thinking` and `redacted_thinking` blocks as `reasoning` blocks (signature and encrypted
 * data kept), which a later request sends back unchanged.
 */
export interface AnthropicCallResponse extends CallResponse {
  /** The raw message, as the Messages API describes it. */
  readonly anthropicMessage: Message;
  /** `anthropicMessage.content`: text, thinking and tool-use blocks, in order. */
  readonly contentBlocks: ContentBlock[];
  /**
   * The model's thinking, from its thinking blocks (`redacted_thinking` ones have no text); `""`
   * when it did not think aloud. Never part of `content`.
   */
  readonly reasoning: string;
  /** {@link AnthropicCallResponse.reasoning} under Anthropic's own name. */
  readonly thinking: string;
  /** The stop sequence that ended the answer, if one did. */
  readonly stopSequence: string | undefined;
  /**
   * Set when Anthropic answered with another model than the one asked for (a server-side
   * fallback); `model` is then the one that answered.
   */
  readonly fallback: AnthropicFallback | undefined;
}

/** How a structured output in `tool` mode is read from a message. */
export interface AnthropicOutputTool {
  /** The tool whose input is the answer: its input is the response's `content`, not a tool call. */
  readonly name: string | undefined;
  /** The answer text as it streamed (the input's JSON as written), for a streamed response. */
  readonly streamedText?: string | undefined;
}

/**
 * Builds an {@link AnthropicCallResponse} from a message. Its `rawToolCalls` are the message's
 * `tool_use` blocks, for core to validate, unless given: a stream gives the calls core assembled
 * from the fragments as they were written (a cut-off input is not JSON the message could hold).
 */
export function createAnthropicCallResponse(
  message: Message,
  fallback = findFallback(message.content),
  rawToolCalls: readonly RawToolCall[] = toolCallsOf(message.content),
  outputTool: AnthropicOutputTool = { name: undefined },
): AnthropicCallResponse {
  let content = "";
  let thinking = "";
  let text = "";
  for (const block of message.content) {
    // In `tool` mode, the answer is the output tool's input: text beside it is not (it stays in the blocks).
    if (block.type === "text") {
      text += block.text;
      content += outputTool.name === undefined ? block.text : "";
    } else if (block.type === "thinking") thinking += (block as ThinkingBlock).thinking;
    else if (block.type === "tool_use" && block.name === outputTool.name) {
      content += typeof block.input === "string" ? block.input : JSON.stringify(block.input ?? {});
    }
  }
  if (outputTool.streamedText !== undefined) content = outputTool.streamedText;
  const rawFinishReason = message.stop_reason ?? undefined;
  // A refusal in `tool` mode writes text, not the tool's input: that text is then what the model answered.
  if (outputTool.name !== undefined && rawFinishReason === "refusal" && content === "") content = text;
  const calls =
    outputTool.name === undefined ? rawToolCalls : rawToolCalls.filter(({ name }) => name !== outputTool.name);
  const reasoning = convertToReasoningBlocks(message.content);
  return {
    content,
    reasoning: thinking,
    thinking,
    finishReason:
      rawFinishReason === undefined
        ? undefined
        : mapAnthropicFinishReason(rawFinishReason, outputTool.name !== undefined),
    rawFinishReason,
    stopSequence: message.stop_sequence ?? undefined,
    usage: message.usage === undefined ? undefined : mapAnthropicUsage(message.usage),
    model: fallback?.to ?? (message.model || undefined),
    id: message.id || undefined,
    // The thinking blocks, signed, so that appending the message to a history sends them back (see the README).
    message: reasoning === undefined ? { role: "assistant", content } : { role: "assistant", content, reasoning },
    anthropicMessage: message,
    contentBlocks: message.content,
    fallback,
    // Absent when the model called no tool, as in core's stream summary.
    ...(calls.length === 0 ? {} : { rawToolCalls: calls }),
  };
}

/** The calls of a whole message: its `tool_use` blocks, whose input is already parsed. */
function toolCallsOf(blocks: readonly ContentBlock[]): RawToolCall[] {
  const calls: RawToolCall[] = [];
  for (const block of blocks) {
    // `server_tool_use` blocks are tools Anthropic ran itself: not calls for the app.
    if (block.type === "tool_use")
      calls.push({ id: block.id, name: block.name, argsText: JSON.stringify(block.input ?? {}) });
  }
  return calls;
}

/** A whole message reports a fallback as a `fallback` block, a type newer than the SDK's union. */
function findFallback(blocks: readonly { type: string }[]): AnthropicFallback | undefined {
  const block = blocks.find((candidate) => candidate.type === "fallback") as
    | { from?: { model?: string }; to?: { model?: string } }
    | undefined;
  return block === undefined ? undefined : { from: block.from?.model, to: block.to?.model };
}
