/**
 * @module The OpenTelemetry GenAI semantic conventions' attribute names this package sets, and the
 * attributes of a call's request and response in their terms.
 * @see https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/
 */
import type { Attributes } from "@opentelemetry/api";
import type { CallResponse, Usage } from "@promptstream/core";

/** The GenAI conventions' attribute names (the `gen_ai.*` registry), and the general `error.type`. */
export const ATTR = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  requestModel: "gen_ai.request.model",
  requestMaxTokens: "gen_ai.request.max_tokens",
  requestTemperature: "gen_ai.request.temperature",
  requestTopP: "gen_ai.request.top_p",
  requestStopSequences: "gen_ai.request.stop_sequences",
  requestSeed: "gen_ai.request.seed",
  requestPresencePenalty: "gen_ai.request.presence_penalty",
  requestFrequencyPenalty: "gen_ai.request.frequency_penalty",
  responseModel: "gen_ai.response.model",
  responseId: "gen_ai.response.id",
  responseFinishReasons: "gen_ai.response.finish_reasons",
  usageInputTokens: "gen_ai.usage.input_tokens",
  usageOutputTokens: "gen_ai.usage.output_tokens",
  usageCacheReadInputTokens: "gen_ai.usage.cache_read.input_tokens",
  usageCacheCreationInputTokens: "gen_ai.usage.cache_creation.input_tokens",
  inputMessages: "gen_ai.input.messages",
  outputMessages: "gen_ai.output.messages",
  systemInstructions: "gen_ai.system_instructions",
  toolName: "gen_ai.tool.name",
  toolCallId: "gen_ai.tool.call.id",
  toolType: "gen_ai.tool.type",
  toolCallArguments: "gen_ai.tool.call.arguments",
  toolCallResult: "gen_ai.tool.call.result",
  errorType: "error.type",
  httpStatusCode: "http.response.status_code",
} as const;

/** promptstream's own attributes, for what the conventions have no name for. */
export const PS_ATTR = {
  promptName: "promptstream.prompt.name",
  callId: "promptstream.call.id",
  callKind: "promptstream.call.kind",
  step: "promptstream.step",
  attempt: "promptstream.attempt",
  timeToFirstChunk: "promptstream.response.time_to_first_chunk",
  rawFinishReason: "promptstream.response.raw_finish_reason",
  reasoningTokens: "promptstream.usage.reasoning_tokens",
  stepInputTokens: "promptstream.step.input_tokens",
  stepOutputTokens: "promptstream.step.output_tokens",
  stepFinishReason: "promptstream.step.finish_reason",
  stepToolCalls: "promptstream.step.tool_calls",
  errorCode: "promptstream.error.code",
  cancelled: "promptstream.cancelled",
} as const;

/** The event at the first chunk of a streamed answer. */
export const FIRST_CHUNK_EVENT = "promptstream.first_chunk";

/**
 * promptstream's provider ids as the conventions' well-known `gen_ai.provider.name` values; an id
 * the conventions do not list (a custom adapter's) is used as it is.
 */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  // @google/genai reaches the Gemini API or Vertex AI: the conventions' name for either.
  google: "gcp.gen_ai",
};

/** The `gen_ai.provider.name` of a promptstream provider id. */
export function providerNameOf(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

const REQUEST_PARAMS: ReadonlyArray<readonly [param: string, attribute: string, kind: "string" | "number"]> = [
  ["model", ATTR.requestModel, "string"],
  ["maxTokens", ATTR.requestMaxTokens, "number"],
  ["temperature", ATTR.requestTemperature, "number"],
  ["topP", ATTR.requestTopP, "number"],
  ["seed", ATTR.requestSeed, "number"],
  ["presencePenalty", ATTR.requestPresencePenalty, "number"],
  ["frequencyPenalty", ATTR.requestFrequencyPenalty, "number"],
];

/** The `gen_ai.request.*` attributes of a call's merged neutral params (those set; a provider's own are left out). */
export function requestAttributes(params: Readonly<Record<string, unknown>>): Attributes {
  const attributes: Attributes = {};
  for (const [param, attribute, kind] of REQUEST_PARAMS) {
    const value = params[param];
    if (typeof value === kind) attributes[attribute] = value as string | number;
  }
  const stop = params.stop;
  if (typeof stop === "string") attributes[ATTR.requestStopSequences] = [stop];
  else if (Array.isArray(stop) && stop.every((item) => typeof item === "string")) {
    attributes[ATTR.requestStopSequences] = stop;
  }
  return attributes;
}

/** The `gen_ai.response.*` and `gen_ai.usage.*` attributes of a response. */
export function responseAttributes(response: CallResponse): Attributes {
  const attributes: Attributes = {};
  if (response.model !== undefined) attributes[ATTR.responseModel] = response.model;
  if (response.id !== undefined) attributes[ATTR.responseId] = response.id;
  if (response.finishReason !== undefined) attributes[ATTR.responseFinishReasons] = [response.finishReason];
  if (response.rawFinishReason !== undefined) attributes[PS_ATTR.rawFinishReason] = response.rawFinishReason;
  Object.assign(attributes, usageAttributes(response.usage));
  return attributes;
}

/** The `gen_ai.usage.*` attributes of a usage; counts the provider did not report are left out. */
function usageAttributes(usage: Usage | undefined): Attributes {
  const attributes: Attributes = {};
  if (usage === undefined) return attributes;
  // Core's inputTokens counts cached input, as the conventions' gen_ai.usage.input_tokens does.
  if (usage.inputTokens !== undefined) attributes[ATTR.usageInputTokens] = usage.inputTokens;
  if (usage.outputTokens !== undefined) attributes[ATTR.usageOutputTokens] = usage.outputTokens;
  if (usage.cachedInputTokens !== undefined) attributes[ATTR.usageCacheReadInputTokens] = usage.cachedInputTokens;
  if (usage.cacheCreationInputTokens !== undefined) {
    attributes[ATTR.usageCacheCreationInputTokens] = usage.cacheCreationInputTokens;
  }
  if (usage.reasoningTokens !== undefined) attributes[PS_ATTR.reasoningTokens] = usage.reasoningTokens;
  return attributes;
}
