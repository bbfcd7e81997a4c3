/**
 * @module @promptstream/testing: loopback servers that speak the providers' wire formats,
 * chunk builders and fixture loading, for promptstream's tests and demos. The provider
 * conformance suite is at `@promptstream/testing/conformance`.
 */
export { FIXTURES_MISSING_REASON, findFixturesDir, readAnthropicFixture, readChunkLines } from "./fixtures.js";
export { type OpenAITextChunksOptions, createOpenAITextChunks } from "./openai-chunks.js";
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
