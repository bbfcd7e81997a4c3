/**
 * The testkit's shared suites, run against the Responses adapter: what every adapter must do
 * (conformance), what a user does with a stream (stream helpers), and faults. Errors say `openai`:
 * the provider is the same, only its API differs.
 */
import {
  describeAdapterConformance,
  describeFaultSuite,
  describeStreamHelperSuite,
  openAIResponsesConformanceServer,
  openAIResponsesFaultWire,
} from "@promptstream/testing/conformance";
import { OpenAIResponsesPrompt } from "./openai-responses-prompt.js";

describeAdapterConformance({
  name: "openai",
  Prompt: OpenAIResponsesPrompt,
  startServer: openAIResponsesConformanceServer,
  supportsTools: true,
  outputModes: ["json_schema"],
  reasoning: { roundTrip: true },
  imageMediaTypes: ["image/png", "image/jpeg", "image/gif", "image/webp"],
});
describeStreamHelperSuite({
  name: "openai-responses",
  provider: "openai",
  Prompt: OpenAIResponsesPrompt,
  startServer: openAIResponsesConformanceServer,
});
describeFaultSuite({
  name: "openai",
  Prompt: OpenAIResponsesPrompt,
  wire: openAIResponsesFaultWire,
  supportsTools: true,
  outputModes: ["json_schema"],
});
