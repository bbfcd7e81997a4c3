import type { LoopbackClientOptions } from "../conformance/conformance-harness.js";
import { openAIResponsesWireFormat } from "../conformance/openai-responses-conformance-server.js";
import { createOpenAIResponsesErrorEvents } from "../openai-responses-events.js";
import { namedEvent } from "../servers/event-stream-script.js";
import type { SecretsWireFormat } from "./secrets-suite-target.js";

/** The OpenAI Responses API wire format for the secrets suite: the conformance one, and its `error` event followed by `response.failed`. */
export const openAIResponsesSecretsWire: SecretsWireFormat<LoopbackClientOptions> = {
  ...openAIResponsesWireFormat,
  rawEvent: (data) => `event: response.output_text.delta\ndata: ${data}\n\n`,
  errorEvent: (message) => createOpenAIResponsesErrorEvents(message).map(namedEvent).join(""),
};
