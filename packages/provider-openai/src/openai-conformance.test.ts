/** The provider conformance suite, shared by every adapter, run against the OpenAI adapter. */
import { describeProviderConformance, openAIChatConformanceServer } from "@promptstream/testing/conformance";
import { OpenAIPrompt } from "./index.js";

describeProviderConformance({ name: "openai", Prompt: OpenAIPrompt, startServer: openAIChatConformanceServer });
