/** The fault-injection suite, shared by every adapter, run against the Anthropic adapter over loopback HTTP. */
import { anthropicMessagesFaultWire, describeFaultSuite } from "@promptstream/testing/conformance";
import { AnthropicPrompt } from "./index.js";

describeFaultSuite({
  name: "anthropic",
  Prompt: AnthropicPrompt,
  wire: anthropicMessagesFaultWire,
  supportsTools: true,
  outputModes: ["json_schema", "tool"],
});
