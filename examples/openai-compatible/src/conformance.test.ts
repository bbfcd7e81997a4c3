/**
 * The provider conformance suite, shared by every adapter, run against `OpenAIPrompt` as this
 * example uses it: through the real `openai` SDK pointed with `baseURL` at a loopback server.
 */
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { describeAdapterConformance, openAIChatConformanceServer } from "@promptstream/testing/conformance";

describeAdapterConformance({
  name: "openai (OpenAI-compatible baseURL)",
  Prompt: OpenAIPrompt,
  startServer: openAIChatConformanceServer,
});
