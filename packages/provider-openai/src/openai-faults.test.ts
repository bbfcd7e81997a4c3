/** The fault-injection suite, shared by every adapter, run against the OpenAI adapter over loopback HTTP. */
import { describeFaultSuite, openAIChatFaultWire } from "@promptstream/testing/conformance";
import { OpenAIPrompt } from "./index.js";

describeFaultSuite({
  name: "openai",
  Prompt: OpenAIPrompt,
  wire: openAIChatFaultWire,
  supportsTools: true,
  outputModes: ["json_schema"],
});
