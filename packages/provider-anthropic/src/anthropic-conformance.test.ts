/** The provider conformance suite, shared by every adapter, run against the Anthropic adapter. */
import { anthropicMessagesConformanceServer, describeProviderConformance } from "@promptstream/testing/conformance";
import { AnthropicPrompt } from "./index.js";

describeProviderConformance({ name: "anthropic", Prompt: AnthropicPrompt, startServer: anthropicMessagesConformanceServer });
