/** The provider conformance suite, shared by every adapter, run against the OpenAI adapter. */
import { describeAdapterConformance, openAIChatConformanceServer } from "@promptstream/testing/conformance";
import { OpenAIPrompt } from "./index.js";

describeAdapterConformance({
  name: "openai",
  Prompt: OpenAIPrompt,
  startServer: openAIChatConformanceServer,
  supportsTools: true,
  outputModes: ["json_schema"],
  reasoning: { roundTrip: false },
  imageMediaTypes: ["image/png", "image/jpeg", "image/gif", "image/webp"],
});
