import type { RawToolCall, StreamSummary, ToolCallDelta } from "@promptstream/core";
import type { ChatCompletion, ChatCompletionMessageFunctionToolCall } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import type { OpenAICallResponseChunk } from "./openai-call-response-chunk.js";

/**
 * Keeps what a `ChatCompletion` needs beyond the text core already accumulates (id, model,
 * refusal, raw usage), so `stream.response()` can return the same raw completion `call()`
 * does. Per chunk it only copies fields that are present.
 *
 * The tool calls come from core's summary, which assembles them for a prompt with tools; for
 * OpenAI's native `tools` (which core does not know of), this accumulator assembles them itself.
 */
export class OpenAICompletionAccumulator {
  readonly #assembleToolCalls: boolean;
  #id = "";
  #model = "";
  #created = 0;
  #systemFingerprint: string | undefined;
  #serviceTier: ChatCompletion["service_tier"];
  #refusal = "";
  #toolCalls: ChatCompletionMessageFunctionToolCall[] | undefined;
  #usage: CompletionUsage | undefined;

  /** @param assembleToolCalls - whether to assemble the tool calls here (core does not). */
  constructor(assembleToolCalls: boolean) {
    this.#assembleToolCalls = assembleToolCalls;
  }

  /** Takes what a chunk adds. */
  add(wrapped: OpenAICallResponseChunk): void {
    const { chunk } = wrapped;
    // Azure's first chunk has empty ids and model: take the first non-empty ones.
    if (this.#id === "" && chunk.id) {
      this.#id = chunk.id;
      this.#created = chunk.created;
    }
    if (this.#model === "" && chunk.model) this.#model = chunk.model;
    if (chunk.system_fingerprint) this.#systemFingerprint = chunk.system_fingerprint;
    if (chunk.service_tier) this.#serviceTier = chunk.service_tier;
    if (chunk.usage) this.#usage = chunk.usage;
    const delta = chunk.choices[0]?.delta;
    if (delta === undefined) return;
    if (delta.refusal) this.#refusal += delta.refusal;
    if (this.#assembleToolCalls && delta.tool_calls) this.#addToolCalls(wrapped.toolCallDeltas ?? []);
  }

  /** The completion `call()` would have returned, from what core accumulated and what was kept here. */
  toCompletion(summary: StreamSummary): ChatCompletion {
    const toolCalls = summary.rawToolCalls?.map(toOpenAIToolCall) ?? this.#toolCalls;
    const completion: ChatCompletion = {
      id: this.#id,
      object: "chat.completion",
      created: this.#created,
      model: this.#model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: summary.content === "" && this.#refusal !== "" ? null : summary.content,
            refusal: this.#refusal === "" ? null : this.#refusal,
            ...(toolCalls === undefined ? {} : { tool_calls: toolCalls }),
            // As OpenAI-compatible servers put it in a whole completion (OpenAI itself sends none).
            ...(summary.reasoning === "" ? {} : { reasoning_content: summary.reasoning }),
          },
          // A stream cut short has no finish reason; the completion type demands one.
          finish_reason: (summary.rawFinishReason ?? null) as ChatCompletion.Choice["finish_reason"],
          logprobs: null,
        },
      ],
    };
    if (this.#usage !== undefined) completion.usage = this.#usage;
    if (this.#systemFingerprint !== undefined) completion.system_fingerprint = this.#systemFingerprint;
    if (this.#serviceTier != null) completion.service_tier = this.#serviceTier;
    return completion;
  }

  // The deltas are numbered densely across the stream (see OpenAIToolCallNumbering): no gaps.
  #addToolCalls(deltas: readonly ToolCallDelta[]): void {
    this.#toolCalls ??= [];
    for (const delta of deltas) {
      let call = this.#toolCalls[delta.index];
      if (call === undefined) {
        call = { id: "", type: "function", function: { name: "", arguments: "" } };
        this.#toolCalls[delta.index] = call;
      }
      if (delta.id !== undefined && call.id === "") call.id = delta.id;
      // The name arrives whole on the first fragment; some servers repeat it on every one.
      if (delta.name !== undefined && call.function.name === "") call.function.name = delta.name;
      call.function.arguments += delta.argsTextDelta;
    }
  }
}

function toOpenAIToolCall({ id, name, argsText }: RawToolCall): ChatCompletionMessageFunctionToolCall {
  return { id, type: "function", function: { name, arguments: argsText } };
}
