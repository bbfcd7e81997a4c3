import {
  type GoogleGeminiClientOptions,
  googleGeminiWireFormat,
} from "../conformance/google-gemini-conformance-server.js";
import { geminiErrorBody } from "../google-gemini-chunks.js";
import { geminiEvent } from "../servers/google-gemini-server.js";
import type { SecretsWireFormat } from "./secrets-suite-target.js";

/**
 * The Gemini API wire format for the secrets suite: the conformance one, unnamed `data:` events,
 * and Google's error object sent as a chunk for an error in the stream. The key arrives in the
 * `x-goog-api-key` header: give the suite `keyHeader: { name: "x-goog-api-key", value: (key) => key }`.
 */
export const googleGeminiSecretsWire: SecretsWireFormat<GoogleGeminiClientOptions> = {
  ...googleGeminiWireFormat,
  rawEvent: (data) => `data: ${data}\r\n\r\n`,
  errorEvent: (message) => geminiEvent(geminiErrorBody(500, message)),
};
