/**
 * @module @promptstream/testing/conformance: the provider conformance suite, the stream helper suite, the
 * fault-injection suite and the secrets suite, for vitest. A subpath of its own, so that importing the loopback
 * servers (e.g. in a demo) never loads vitest.
 */

export { anthropicMessagesFaultWire } from "../faults/anthropic-messages-fault-wire.js";
export { describeFaultSuite } from "../faults/describe-fault-suite.js";
export type {
  FaultClientOptions,
  FaultCut,
  FaultHarness,
  FaultScript,
  FaultWire,
} from "../faults/fault-harness.js";
export { googleGeminiFaultWire } from "../faults/google-gemini-fault-wire.js";
export { openAIChatFaultWire } from "../faults/openai-chat-fault-wire.js";
export { openAIResponsesFaultWire } from "../faults/openai-responses-fault-wire.js";
export { anthropicMessagesSecretsWire } from "../secrets/anthropic-messages-secrets-wire.js";
export { describeSecretsSuite } from "../secrets/describe-secrets-suite.js";
export { googleGeminiSecretsWire } from "../secrets/google-gemini-secrets-wire.js";
export { openAIChatSecretsWire } from "../secrets/openai-chat-secrets-wire.js";
export { openAIResponsesSecretsWire } from "../secrets/openai-responses-secrets-wire.js";
export {
  CAPTURED_CONSOLE_METHODS,
  capturingLogger,
  causeChain,
  debugLogsCaptured,
  failuresBeforeAnyChunk,
  failuresMidStream,
  failuresOfAbortSignals,
  failuresOfStreamAbort,
  keyInErrors,
  type LogRecord,
  logsHolding,
  recordLogCall,
  SECRETS_VARS,
  type SecretsAsk,
  type SecretsStream,
  type SecretsTarget,
  whereKeyShows,
} from "../secrets/secrets-checks.js";
export type {
  SecretsKey,
  SecretsKeyHeader,
  SecretsSetUp,
  SecretsSuiteTarget,
  SecretsWireFormat,
} from "../secrets/secrets-suite-target.js";
export type { LoopbackServer, RecordedRequest } from "../servers/loopback-server.js";
export { anthropicMessagesConformanceServer } from "./anthropic-messages-conformance-server.js";
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
  StreamHelperHarness,
} from "./conformance-harness.js";
export { describeAdapterConformance } from "./describe-adapter-conformance.js";
export { describeStreamHelperSuite } from "./describe-stream-helper-suite.js";
export { type GoogleGeminiClientOptions, googleGeminiConformanceServer } from "./google-gemini-conformance-server.js";
export {
  bodyAsksForStream,
  type ConformanceEnding,
  type ConformanceWireFormat,
  startLoopbackConformanceServer,
} from "./loopback-conformance-server.js";
export { openAIChatConformanceServer } from "./openai-chat-conformance-server.js";
export { openAIResponsesConformanceServer } from "./openai-responses-conformance-server.js";
