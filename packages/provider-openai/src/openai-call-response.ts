import type { CallResponse, RawToolCall } from "@promptstream/core";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { mapOpenAIUsage } from "./map-openai-usage.js";

/**
 * A whole OpenAI response: the neutral {@link CallResponse} fields plus the raw
 * `ChatCompletion` (from `call()`, or assembled from the chunks by `stream.response()`).
 */
export interface OpenAICallResponse extends CallResponse {
  /** The raw completion. */
  readonly completion: ChatCompletion;
  /** `completion.choices`. */
  readonly choices: ChatCompletion.Choice[];
  /** `completion.choices[0]`, or `undefined` if the response had no choice. */
  readonly choice: ChatCompletion.Choice | undefined;
  /** The refusal the model sent instead of an answer; `""` when it did not refuse. */
  readonly refusal: string;
  /**
   * The reasoning text OpenAI-compatible servers send (`reasoning_content` or `reasoning`); `""`
   * otherwise: OpenAI's own models do not return their reasoning in Chat Completions.
   */
  readonly reasoning: string;
}

/** A message as OpenAI-compatible servers may send it, with reasoning text beside the content. */
type MessageWithReasoning = ChatCompletion.Choice["message"] & {
  readonly reasoning_content?: string | null;
  readonly reasoning?: string | null;
};

/** Builds an {@link OpenAICallResponse} from a completion. */
export function createOpenAICallResponse(completion: ChatCompletion): OpenAICallResponse {
  const choice = completion.choices[0];
  const content = choice?.message.content ?? "";
  const refusal = choice?.message.refusal ?? "";
  const message = choice?.message as MessageWithReasoning | undefined;
  const reasoning = message?.reasoning_content ?? message?.reasoning ?? "";
  const rawFinishReason: string | undefined = choice?.finish_reason ?? undefined;
  return {
    content,
    reasoning,
    refusal,
    // OpenAI reports a refusal as `stop` with refusal text; the neutral union names it.
    finishReason:
      refusal !== "" ? "refusal" : rawFinishReason === undefined ? undefined : mapOpenAIFinishReason(rawFinishReason),
    rawFinishReason,
    usage: completion.usage === undefined ? undefined : mapOpenAIUsage(completion.usage),
    model: completion.model || undefined,
    id: completion.id || undefined,
    // No reasoning blocks: Chat Completions has no way to send reasoning back in a later turn.
    message: { role: "assistant", content },
    completion,
    choices: completion.choices,
    choice,
    ...rawToolCallsOf(choice),
  };
}

/** The message's function calls, for core to parse and validate; nothing when it has none. */
function rawToolCallsOf(choice: ChatCompletion.Choice | undefined): { rawToolCalls?: RawToolCall[] } {
  const calls = choice?.message.tool_calls;
  if (calls == null || calls.length === 0) return {};
  const rawToolCalls: RawToolCall[] = [];
  calls.forEach((call, index) => {
    // Custom (free-text) tools come from native `tools` only: core's tools are functions.
    if (call.type !== "function") return;
    // Some OpenAI-compatible servers leave out the id, or the arguments of a call without any.
    const id = call.id || `call_${index}`;
    rawToolCalls.push({ id, name: call.function.name, argsText: call.function.arguments ?? "" });
  });
  return { rawToolCalls };
}
