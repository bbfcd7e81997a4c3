/**
 * @module @promptstream/testing/conformance: the provider conformance suite and the fault-injection suite, for vitest. A
 * subpath of its own, so that importing the loopback servers (e.g. in a demo) never loads vitest.
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
export { openAIChatFaultWire } from "../faults/openai-chat-fault-wire.js";
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
} from "../faults/secrets-checks.js";
export type { LoopbackServer, RecordedRequest } from "../servers/loopback-server.js";
export { anthropicMessagesConformanceServer } from "./anthropic-messages-conformance-server.js";
export type {
  ConformanceFinishReason,
  ConformanceHandler,
  ConformanceHarness,
  ConformancePromptFactory,
  ConformanceRequest,
  ConformanceScript,
  ConformanceServer,
  ConformanceUsage,
  LoopbackClientOptions,
} from "./conformance-harness.js";
export { describeAdapterConformance } from "./describe-adapter-conformance.js";
export {
  bodyAsksForStream,
  type ConformanceEnding,
  type ConformanceWireFormat,
  startLoopbackConformanceServer,
} from "./loopback-conformance-server.js";
export { openAIChatConformanceServer } from "./openai-chat-conformance-server.js";
