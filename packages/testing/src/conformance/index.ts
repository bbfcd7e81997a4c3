/**
 * @module @promptstream/testing/conformance: the provider conformance suite, for vitest. A
 * subpath of its own, so that importing the loopback servers (e.g. in a demo) never loads vitest.
 */
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
} from "./conformance-harness.js";
export {
  type ConformanceEnding,
  type ConformanceWireFormat,
  bodyAsksForStream,
  startLoopbackConformanceServer,
} from "./loopback-conformance-server.js";
export { openAIChatConformanceServer } from "./openai-chat-conformance-server.js";
export { anthropicMessagesConformanceServer } from "./anthropic-messages-conformance-server.js";
export { describeAdapterConformance } from "./describe-adapter-conformance.js";

