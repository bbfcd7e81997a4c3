import type { LoopbackClientOptions } from "../conformance/conformance-harness.js";
import { openAIChatWireFormat } from "../conformance/openai-chat-conformance-server.js";
import type { SecretsWireFormat } from "./secrets-suite-target.js";

/** The OpenAI Chat Completions wire format for the secrets suite: `data:` events, and `{"error": ...}` in the stream. */
export const openAIChatSecretsWire: SecretsWireFormat<LoopbackClientOptions> = {
  ...openAIChatWireFormat,
  rawEvent: (data) => `data: ${data}\n\n`,
  errorEvent: (message) =>
    `data: ${JSON.stringify({ error: { message, type: "server_error", param: null, code: null } })}\n\n`,
};
