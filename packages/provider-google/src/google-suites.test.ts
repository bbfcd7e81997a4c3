/**
 * The testkit's shared suites, run against the Gemini adapter through the real `@google/genai` SDK:
 * what every adapter must do (conformance), what a user does with a stream (stream helpers, the web
 * helpers included), faults, and secrets.
 */

import { GoogleGenAI } from "@google/genai";
import {
  describeAdapterConformance,
  describeFaultSuite,
  describeSecretsSuite,
  describeStreamHelperSuite,
  googleGeminiConformanceServer,
  googleGeminiFaultWire,
  googleGeminiSecretsWire,
} from "@promptstream/testing/conformance";
import { type GoogleClientOption, GooglePrompt } from "./index.js";

describeAdapterConformance({
  name: "google",
  Prompt: GooglePrompt,
  startServer: googleGeminiConformanceServer,
  supportsTools: true,
  wholeToolCalls: true,
  outputModes: ["json_schema"],
  reasoning: { roundTrip: true },
  imageMediaTypes: ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"],
});
describeStreamHelperSuite({ name: "google", Prompt: GooglePrompt, startServer: googleGeminiConformanceServer });
describeFaultSuite({
  name: "google",
  Prompt: GooglePrompt,
  wire: googleGeminiFaultWire,
  supportsTools: true,
  wholeToolCalls: true,
  outputModes: ["json_schema"],
});

/** A prompt without retries, so that each scenario sends one request per read. */
function askWith(client: GoogleClientOption) {
  return class Ask extends GooglePrompt({
    template: "Recommend a recipe with {ingredient}",
    client,
    maxRetries: 0,
  }) {};
}

describeSecretsSuite({
  name: "google",
  wire: googleGeminiSecretsWire,
  key: { shape: "an AIza key", key: "AIzaSyD-SECRET-ps7Kq2Vx9mLw4Rt8Zb3NqWe" },
  keyHeader: { name: "x-goog-api-key", value: (key) => key },
  setUps: [
    {
      name: "client options { apiKey, baseURL } (console captured)",
      console: true,
      prepare: async ({ baseURL }, key) => askWith({ apiKey: key, baseURL }),
    },
    {
      name: "a GoogleGenAI instance (console captured)",
      console: true,
      prepare: async ({ baseURL }, key) => askWith(new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: baseURL } })),
    },
  ],
  // @google/genai has no debug logging to capture; it writes only warnings to the console, which the
  // suite captures and searches for the key. What it checks here is mostly the errors.
  logsCaptured: () => true,
});
