/**
 * @module @promptstream/testing: loopback servers that speak the providers' wire formats,
 * chunk builders, fixture loading and the assertions the provider tests share, for
 * promptstream's tests and demos. The provider conformance suite is at
 * `@promptstream/testing/conformance`.
 */
export {
  type LoopFailure,
  type SecretLeaks,
  NO_SECRET_LEAK,
  asProviderError,
  closedLoopbackPort,
  failureOfLoop,
  rejectionOf,
  secretLeaks,
  thrownBy,
  trackServers,
} from "./assertions.js";
export { FIXTURES_MISSING_REASON, findFixturesDir, listFixtureFiles, readAnthropicFixture, readChunkLines } from "./fixtures.js";
export { type OpenAITextChunksOptions, createOpenAITextChunks } from "./openai-chunks.js";
export { cannedRecipeAnswer } from "./demo/canned-answer.js";
export { splitWords } from "./split-words.js";
export { type AnthropicTextEventsOptions, createAnthropicTextEvents } from "./anthropic-events.js";
export {
  type LoopbackHandler,
  type LoopbackServer,
  type RecordedRequest,
  type ScriptedResponse,
  startLoopbackServer,
} from "./servers/loopback-server.js";
export { type OpenAIChatScript, type OpenAIChatServer, startOpenAIChatServer } from "./servers/openai-chat-server.js";
export {
  type AnthropicMessagesScript,
  type AnthropicMessagesServer,
  randomByteOffsets,
  splitAtByteOffsets,
  startAnthropicMessagesServer,
} from "./servers/anthropic-messages-server.js";
export { type LocalOpenAIDefaultOptions, useLocalOpenAIWhenNoKey } from "./demo/local-openai-default.js";
export { type LocalAnthropicDefaultOptions, useLocalAnthropicWhenNoKey } from "./demo/local-anthropic-default.js";
export {
  type MockAdapter,
  type MockCall,
  type MockChunk,
  type MockClient,
  type MockScript,
  createMockAdapter,
} from "./mock/create-mock-adapter.js";
// The conformance servers without the suite itself, so that code outside a test (a demo, a
// wire format shared with it) can use them without loading vitest.
export {
  type ConformanceFinishReason,
  type ConformanceHandler,
  type ConformanceHarness,
  type ConformancePromptFactory,
  type ConformanceRequest,
  type ConformanceScript,
  type ConformanceServer,
  type ConformanceUsage,
  type LoopbackClientOptions,
} from "./conformance/conformance-harness.js";
export {
  type ConformanceEnding,
  type ConformanceWireFormat,
  bodyAsksForStream,
  startLoopbackConformanceServer,
} from "./conformance/loopback-conformance-server.js";
export { anthropicMessagesConformanceServer } from "./conformance/anthropic-messages-conformance-server.js";
export { openAIChatConformanceServer } from "./conformance/openai-chat-conformance-server.js";
