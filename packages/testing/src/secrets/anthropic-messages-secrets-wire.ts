import { anthropicMessagesWireFormat } from "../conformance/anthropic-messages-conformance-server.js";
import type { LoopbackClientOptions } from "../conformance/conformance-harness.js";
import type { SecretsWireFormat } from "./secrets-suite-target.js";

/** The Anthropic Messages wire format for the secrets suite: `event:` / `data:` pairs, and `event: error` in the stream. */
export const anthropicMessagesSecretsWire: SecretsWireFormat<LoopbackClientOptions> = {
  ...anthropicMessagesWireFormat,
  // The SDK parses the data of the event types it knows only: a text delta's is parsed, and fails.
  rawEvent: (data) => `event: content_block_delta\ndata: ${data}\n\n`,
  errorEvent: (message) =>
    `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: "api_error", message } })}\n\n`,
};
