/** The provider conformance suite, shared by every adapter, run against the Anthropic adapter. */
import { anthropicMessagesConformanceServer, describeAdapterConformance } from "@promptstream/testing/conformance";
import { AnthropicPrompt } from "./index.js";

describeAdapterConformance({
  name: "anthropic",
  Prompt: AnthropicPrompt,
  startServer: anthropicMessagesConformanceServer,
  supportsTools: true,
  outputModes: ["json_schema", "tool"],
  reasoning: { roundTrip: true },
  imageMediaTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"],
});
