/**
 * @module @promptstream/testing: loopback servers that speak the providers' wire formats (OpenAI Chat Completions and Responses, Anthropic Messages, Google Gemini),
 * chunk builders, fixture loading and the assertions the provider tests share, for
 * promptstream's tests and demos. The provider conformance suite is at
 * `@promptstream/testing/conformance`.
 */

export {
  type AnthropicBlockScript,
  type AnthropicMessageEventsOptions,
  type AnthropicRedactedThinkingBlock,
  type AnthropicTextEventsOptions,
  type AnthropicThinkingBlock,
  type AnthropicToolUseBlock,
  type AnthropicToolUseEventsOptions,
  type AnthropicUsageScript,
  createAnthropicMessage,
  createAnthropicMessageEvents,
  createAnthropicTextEvents,
  createAnthropicToolUseEvents,
} from "./anthropic-events.js";
export {
  asProviderError,
  closedLoopbackPort,
  failureOfLoop,
  type LoopFailure,
  NO_SECRET_LEAK,
  rejectionOf,
  type SecretLeaks,
  secretLeaks,
  thrownBy,
  trackServers,
} from "./assertions.js";
export { anthropicMessagesConformanceServer } from "./conformance/anthropic-messages-conformance-server.js";
// The conformance servers without the suite itself, so that code outside a test (a demo, a
// wire format shared with it) can use them without loading vitest.
export type {
  ConformanceFinishReason,
  ConformanceHandler,
  ConformanceHarness,
  ConformanceIdentity,
  ConformancePromptFactory,
  ConformanceRequest,
  ConformanceScript,
  ConformanceServer,
  ConformanceToolCall,
  ConformanceUsage,
  LoopbackClientOptions,
} from "./conformance/conformance-harness.js";
export {
  type GoogleGeminiClientOptions,
  googleGeminiConformanceServer,
} from "./conformance/google-gemini-conformance-server.js";
export {
  bodyAsksForStream,
  type ConformanceEnding,
  type ConformanceWireFormat,
  startLoopbackConformanceServer,
} from "./conformance/loopback-conformance-server.js";
export { openAIChatConformanceServer } from "./conformance/openai-chat-conformance-server.js";
export { openAIResponsesConformanceServer } from "./conformance/openai-responses-conformance-server.js";
export { cannedRecipeAnswer } from "./demo/canned-answer.js";
export { type CannedToolTurn, cannedToolTurn } from "./demo/canned-tool-turn.js";
export { type LocalAnthropicDefaultOptions, useLocalAnthropicWhenNoKey } from "./demo/local-anthropic-default.js";
export { type LocalGoogleDefaultOptions, useLocalGoogleWhenNoKey } from "./demo/local-google-default.js";
export { type LocalOpenAIDefaultOptions, useLocalOpenAIWhenNoKey } from "./demo/local-openai-default.js";
export {
  FIXTURES_MISSING_REASON,
  findFixturesDir,
  listFixtureFiles,
  readAnthropicFixture,
  readChunkLines,
} from "./fixtures.js";
export {
  createGeminiTextChunks,
  createGeminiToolCallChunks,
  type GeminiScriptedFunctionCall,
  type GeminiScriptedThought,
  type GeminiTextChunksOptions,
  type GeminiToolCallChunksOptions,
  type GeminiUsage,
  geminiErrorBody,
  wholeGeminiResponse,
} from "./google-gemini-chunks.js";
export { isPartOf } from "./is-part-of.js";
export {
  createMockAdapter,
  type MockAdapter,
  type MockCall,
  type MockChunk,
  type MockClient,
  type MockScript,
  type MockToolCall,
} from "./mock/create-mock-adapter.js";
export {
  createOpenAITextChunks,
  createOpenAIToolCallChunks,
  type OpenAIScriptedToolCall,
  type OpenAIScriptedUsage,
  type OpenAITextChunksOptions,
  type OpenAIToolCallChunksOptions,
} from "./openai-chunks.js";
export {
  createOpenAIResponsesErrorEvents,
  createOpenAIResponsesTextEvents,
  createOpenAIResponsesToolCallEvents,
  type OpenAIResponsesErrorEventsOptions,
  type OpenAIResponsesScriptedToolCall,
  type OpenAIResponsesTextEventsOptions,
  type OpenAIResponsesToolCallEventsOptions,
} from "./openai-responses-events.js";
export {
  RECIPE,
  RECIPE_JSON_SCHEMA,
  type Recipe,
  STRICT_RECIPE_JSON_SCHEMA,
} from "./recipe-output.js";
export { CassetteError, type CassetteErrorCode } from "./recording/cassette-error.js";
export type {
  CassetteFile,
  CassetteInteraction,
  CassetteRequest,
  CassetteResponse,
  CassetteResponseEnd,
} from "./recording/cassette-file.js";
export { type CassetteMode, RECORD_VARIABLE } from "./recording/cassette-mode.js";
export {
  CASSETTE_PROVIDERS,
  type CassetteProvider,
  type CassetteProviderOption,
} from "./recording/cassette-provider.js";
export type { CassetteTiming } from "./recording/cassette-session.js";
export {
  type Cassette,
  REPLAY_PLACEHOLDER_KEY,
  type UseCassetteOptions,
  useCassette,
  withCassette,
} from "./recording/use-cassette.js";
export {
  type AnthropicMessagesScript,
  type AnthropicMessagesServer,
  startAnthropicMessagesServer,
} from "./servers/anthropic-messages-server.js";
export {
  type EventStreamScript,
  namedEvent,
  randomByteOffsets,
  splitAtByteOffsets,
} from "./servers/event-stream-script.js";
export {
  type GoogleGeminiScript,
  type GoogleGeminiServer,
  geminiEvent,
  startGoogleGeminiServer,
} from "./servers/google-gemini-server.js";
export {
  type LoopbackHandler,
  type LoopbackServer,
  type LoopbackServerOptions,
  type RecordedRequest,
  type ScriptedResponse,
  startLoopbackServer,
} from "./servers/loopback-server.js";
export { type OpenAIChatScript, type OpenAIChatServer, startOpenAIChatServer } from "./servers/openai-chat-server.js";
export {
  type OpenAIResponsesScript,
  type OpenAIResponsesServer,
  startOpenAIResponsesServer,
} from "./servers/openai-responses-server.js";
export { type OpenAIServerScripts, startOpenAIServer } from "./servers/openai-server.js";
export { splitWords } from "./split-words.js";
