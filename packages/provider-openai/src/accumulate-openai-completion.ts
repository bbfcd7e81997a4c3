import type { StreamSummary } from "@promptstream/core";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessageFunctionToolCall,
} from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";

/**
 * Keeps what a `ChatCompletion` needs beyond the text core already accumulates (id, model,
 * refusal, tool calls, raw usage), so `stream.response()` can return the same raw
 * completion `call()` does. Per chunk it only copies fields that are present.
 */
export class OpenAICompletionAccumulator {
  #id = "";
  #model = "";
  #created = 0;
  #systemFingerprint: string | undefined;
  #serviceTier: ChatCompletion["service_tier"];
  #refusal = "";
  #toolCalls: ChatCompletionMessageFunctionToolCall[] | undefined;
  #usage: CompletionUsage | undefined;

  add(chunk: ChatCompletionChunk): void {
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
    if (delta.tool_calls) this.#addToolCalls(delta.tool_calls);
  }

  toCompletion(summary: StreamSummary): ChatCompletion {
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
            ...(this.#toolCalls === undefined ? {} : { tool_calls: this.#toolCalls }),
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

  #addToolCalls(fragments: ChatCompletionChunk.Choice.Delta.ToolCall[]): void {
    this.#toolCalls ??= [];
    for (const fragment of fragments) {
      let call = this.#toolCalls[fragment.index];
      if (call === undefined) {
        call = { id: "", type: "function", function: { name: "", arguments: "" } };
        this.#toolCalls[fragment.index] = call;
      }
      if (fragment.id) call.id = fragment.id;
      // The name arrives whole on the first fragment; some servers repeat it on every one.
      if (fragment.function?.name && call.function.name === "") call.function.name = fragment.function.name;
      if (fragment.function?.arguments) call.function.arguments += fragment.function.arguments;
    }
  }
}
