import type { CallResponse, RawToolCall, StreamSummary } from "@promptstream/core";
import type {
  Response as OpenAIResponse,
  ResponseFunctionToolCall,
  ResponseOutputItem,
} from "openai/resources/responses/responses";
import { createOpenAIResponsesMessage } from "./create-openai-responses-message.js";
import { mapOpenAIResponsesFinish } from "./map-openai-responses-finish-reason.js";
import { mapOpenAIResponsesUsage } from "./map-openai-responses-usage.js";

/**
 * A whole Responses API response: the neutral {@link CallResponse} fields plus the raw response
 * (from `call()`, or the one `response.completed` carried for `stream.response()`).
 */
export interface OpenAIResponsesCallResponse extends CallResponse {
  /** The response's id: pass it as `previous_response_id` to continue from it on the server. */
  readonly id: string | undefined;
  /** The output items (messages, reasoning, function calls...), as the API sent them. */
  readonly output: readonly ResponseOutputItem[];
  /** The raw response; `undefined` when a stream never sent one. */
  readonly response: OpenAIResponse | undefined;
  /** The reasoning (summary) text; `""` when none was sent. */
  readonly reasoning: string;
  /** The refusal the model sent instead of an answer; `""` when it did not refuse. */
  readonly refusal: string;
}

/** What a stream kept beside core's summary, for {@link createStreamedOpenAIResponsesResponse}. */
export interface OpenAIResponsesStreamState {
  readonly response: OpenAIResponse | undefined;
  readonly output: readonly ResponseOutputItem[];
  readonly reasoning: string;
  readonly refusal: string;
}

/** Builds the response of a stream from core's summary and what the adapter kept. */
export function createStreamedOpenAIResponsesResponse(
  summary: StreamSummary,
  state: OpenAIResponsesStreamState,
): OpenAIResponsesCallResponse {
  return {
    ...summary,
    model: state.response?.model || undefined,
    id: state.response?.id || undefined,
    ...state,
    message: createOpenAIResponsesMessage(summary.content, state.output),
  };
}

/**
 * Builds an {@link OpenAIResponsesCallResponse} from a non-streamed response, with its function
 * calls as `rawToolCalls`. A failed response is thrown as the typed error of its `error`.
 */
export function createOpenAIResponsesResponse(response: OpenAIResponse): OpenAIResponsesCallResponse {
  const output = response.output ?? [];
  let content = "";
  let refusal = "";
  let reasoning = "";
  const calls: ResponseFunctionToolCall[] = [];
  for (const item of output) {
    if (item.type === "message") {
      for (const part of item.content) {
        if (part.type === "output_text") content += part.text;
        else if (part.type === "refusal") refusal += part.refusal;
      }
    } else if (item.type === "reasoning") {
      for (const part of item.summary) reasoning += part.text;
    } else if (item.type === "function_call") calls.push(item);
  }
  const finish = mapOpenAIResponsesFinish(response, { hasFunctionCalls: calls.length > 0, refused: refusal !== "" });
  return {
    content,
    ...finish,
    usage: response.usage == null ? undefined : mapOpenAIResponsesUsage(response.usage),
    model: response.model || undefined,
    id: response.id || undefined,
    message: createOpenAIResponsesMessage(content, output),
    output,
    response,
    reasoning,
    refusal,
    ...(calls.length === 0 ? {} : { rawToolCalls: calls.map(toRawToolCall) }),
  };
}

function toRawToolCall(call: ResponseFunctionToolCall, index: number): RawToolCall {
  return { id: call.call_id || `call_${index}`, name: call.name, argsText: call.arguments ?? "" };
}
