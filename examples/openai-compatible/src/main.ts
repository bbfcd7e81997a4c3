/**
 * Streams a question through an OpenAI-compatible server and prints the model's reasoning apart
 * from its answer. With `COMPATIBLE_BASE_URL` set it uses that server (with `COMPATIBLE_API_KEY`
 * and `COMPATIBLE_MODEL`); without it, a built-in local server that answers like xAI's
 * grok-3-mini, reasoning first, and says so in a first line.
 */
import { ProviderError } from "@promptstream/core";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { z } from "zod";
import { compatibleServer } from "./compatible-servers.js";
import { LOCAL_MODEL, startLocalReasoningServer } from "./local-reasoning-server.js";

const baseURL = process.env.COMPATIBLE_BASE_URL || undefined;
const model = process.env.COMPATIBLE_MODEL || undefined;
if (baseURL !== undefined && model === undefined) {
  console.error("COMPATIBLE_MODEL is not set: name the model your server at COMPATIBLE_BASE_URL serves.");
  process.exit(1);
}

const local = baseURL === undefined ? await startLocalReasoningServer() : undefined;
if (local !== undefined) {
  console.log(
    `No COMPATIBLE_BASE_URL set: streaming from the built-in local server at ${local.baseURL}, which answers like ` +
      "xAI's grok-3-mini, reasoning first (set COMPATIBLE_BASE_URL, COMPATIBLE_API_KEY and COMPATIBLE_MODEL to use your server).\n",
  );
}

class PieApple extends OpenAIPrompt({
  template: "Which apple variety is best for {dish}? Answer in one sentence.",
  variables: z.object({ dish: z.string() }),
  ...compatibleServer({
    baseURL: baseURL ?? local?.baseURL ?? "",
    apiKey: process.env.COMPATIBLE_API_KEY || undefined,
    model: model ?? LOCAL_MODEL,
  }),
}) {}

try {
  const stream = new PieApple({ dish: "an apple pie" }).stream();
  let section: "Reasoning" | "Answer" | undefined;
  const enter = (next: "Reasoning" | "Answer") => {
    if (section === next) return;
    process.stdout.write(`${section === undefined ? "" : "\n\n"}${next}:\n`);
    section = next;
  };
  for await (const chunk of stream) {
    if (chunk.reasoning !== "") {
      enter("Reasoning");
      process.stdout.write(chunk.reasoning);
    }
    if (chunk.content !== "") {
      enter("Answer");
      process.stdout.write(chunk.content);
    }
  }
  const { model: answeredBy, finishReason, usage } = await stream.response();
  const tokens =
    usage === undefined
      ? "no usage reported"
      : `${usage.inputTokens} tokens in, ${usage.outputTokens} out, ${usage.reasoningTokens ?? "unknown"} reasoning`;
  console.log(`\n\n[${answeredBy}: finish reason ${finishReason}, ${tokens}]`);
} catch (error) {
  if (!(error instanceof ProviderError)) throw error;
  console.error(`\n${error.message}`);
  if (error.code === "invalid_request") {
    console.error(
      "If the server refuses stream_options or max_completion_tokens, see its quirk switches in src/compatible-servers.ts.",
    );
  }
  process.exitCode = 1;
} finally {
  await local?.close();
}
