/**
 * @module @promptstream/testing/conformance: the provider conformance suite and the fault-injection suite, for vitest. A
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

export {
  type FaultClientOptions,
  type FaultCut,
  type FaultHarness,
  type FaultScript,
  type FaultWire,
} from "../faults/fault-harness.js";
export { openAIChatFaultWire } from "../faults/openai-chat-fault-wire.js";
export { anthropicMessagesFaultWire } from "../faults/anthropic-messages-fault-wire.js";
export { describeFaultSuite } from "../faults/describe-fault-suite.js";
export {
  type LogRecord,
  type SecretsAsk,
  type SecretsStream,
  type SecretsTarget,
  CAPTURED_CONSOLE_METHODS,
  SECRETS_VARS,
  capturingLogger,
  causeChain,
  debugLogsCaptured,
  failuresBeforeAnyChunk,
  failuresMidStream,
  failuresOfAbortSignals,
  failuresOfStreamAbort,
  keyInErrors,
  logsHolding,
  recordLogCall,
  whereKeyShows,
} from "../faults/secrets-checks.js";
