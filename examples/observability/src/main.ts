/**
 * A weather agent, observed: every call goes through a logging middleware and through
 * `otelMiddleware`, whose spans the OTel SDK prints to the console. The first question runs the
 * whole tool loop; the second is aborted after its first words, to show how a failure looks.
 * With OPENAI_API_KEY set it calls the real API; without, a built-in local server answers.
 */
import { StreamAbortedError, useMiddleware } from "@promptstream/core";
import { otelMiddleware } from "@promptstream/otel";
import { useLocalOpenAIWhenNoKey } from "@promptstream/testing";
import { WeatherAgent } from "./agent.js";
import { loggingMiddleware } from "./logging-middleware.js";
import { startTracing } from "./tracing.js";

const tracing = startTracing();
// For every prompt, in this order: the log line, then the spans (recordContent adds the prompt and the answer).
useMiddleware(loggingMiddleware());
useMiddleware(otelMiddleware({ recordContent: process.env.RECORD_CONTENT === "1" }));

const stopLocalOpenAI = await useLocalOpenAIWhenNoKey();
try {
  console.log("== a question, with its tool loop ==");
  const stream = new WeatherAgent({ question: "How much warmer is Rome than Paris right now?" }).stream();
  // Whether the last thing written was text that ended mid-line: a call, or the log line, then starts a new one.
  let midLine = false;
  for await (const chunk of stream) {
    if (midLine && chunk.kind !== undefined) {
      process.stdout.write("\n");
      midLine = false;
    }
    if (chunk.kind === "tool-call") console.log(`  -> ${chunk.toolCall.name}(${JSON.stringify(chunk.toolCall.args)})`);
    else if (chunk.kind === undefined && chunk.content !== "") {
      process.stdout.write(chunk.content);
      midLine = !chunk.content.endsWith("\n");
    }
  }
  console.log("\n-- its spans, as the console exporter prints them --");
  await tracing.flush();

  console.log("\n== a question aborted after its first words ==");
  const aborted = new WeatherAgent({ question: "What is the weather like in Tokyo?" }).stream();
  try {
    for await (const chunk of aborted) if (chunk.kind === undefined && chunk.content !== "") aborted.abort();
  } catch (error) {
    if (!(error instanceof StreamAbortedError)) throw error;
  }
  console.log("-- its spans --");
  await tracing.flush();
} finally {
  await stopLocalOpenAI();
  await tracing.shutdown();
}
