/** One `streamText` call, read through `textStream`; retries, telemetry and warning logs off. */
import { type LanguageModel, streamText } from "ai";
import { type StreamResult, TextCollector } from "./consumer.js";

// The AI SDK reads this global (typed by the `ai` package) to decide whether to log warnings.
globalThis.AI_SDK_LOG_WARNINGS = false;

export async function streamWithAiSdk(model: LanguageModel, prompt: string): Promise<StreamResult> {
  let failure: unknown;
  const collector = new TextCollector();
  const result = streamText({
    model,
    prompt,
    maxRetries: 0,
    experimental_telemetry: { isEnabled: false },
    onError: ({ error }) => {
      failure = error;
    },
  });
  for await (const text of result.textStream) collector.add(text);
  if (failure !== undefined) throw failure;
  return collector.result();
}
