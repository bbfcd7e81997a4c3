/**
 * What the tool tests (ollama-tools.*.test.ts) share: the tools they give the model, what Ollama
 * is sent for them, the loopback servers they start, and how they read a stream's items.
 */
import { defineTool, isToolStreamPart, type ResponseChunk } from "@promptstream/core";
import type { LoopbackServer, RecordedRequest } from "@promptstream/testing";
import { z } from "zod";
import { type OllamaChatScript, startOllamaChatServer } from "./src/ollama-chat-server.js";

/** A tool whose arguments have a default: the calls' typed `args` are the schema's output. */
export const getWeather = defineTool({
  name: "get_weather",
  description: "Current weather for a city",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
});

/** A tool without a description. */
export const getTime = defineTool({
  name: "get_time",
  parameters: z.object({ zone: z.string() }),
});

/** The tool {@link getWeather} is sent as. */
export const WEATHER_TOOL = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"], default: "c" } },
      required: ["city"],
    },
  },
};

/** The tool {@link getTime} is sent as: no `description`, as it has none. */
export const TIME_TOOL = {
  type: "function",
  function: {
    name: "get_time",
    parameters: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
  },
};

/** The question the tool tests' prompts ask. */
export const QUESTION = "Weather in Paris, and the time in Tokyo?";
/** {@link QUESTION} as the user message Ollama is sent. */
export const USER_MESSAGE = { role: "user", content: QUESTION };

/** The final line's reason and counts for an answer that calls tools: Ollama says "stop" there too. */
export const TOOL_STOP = { doneReason: "stop", usage: { input: 40, output: 18 } } as const;

const servers: LoopbackServer[] = [];

/** Starts an Ollama loopback server answering each request with `script`; see {@link closeServers}. */
export async function serve(
  script: OllamaChatScript | ((request: RecordedRequest) => OllamaChatScript),
): Promise<LoopbackServer> {
  const server = await startOllamaChatServer(typeof script === "function" ? script : () => script);
  servers.push(server);
  return server;
}

/** Closes the servers started by {@link serve}: call it after each test. */
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
}

/** What a stream yielded, in order: `text:<content>` for a chunk with text, else a part's kind (and call id). */
export async function itemsOf(stream: AsyncIterable<ResponseChunk>): Promise<string[]> {
  const items: string[] = [];
  for await (const item of stream) {
    if (!isToolStreamPart(item)) {
      if (item.content !== "") items.push(`text:${item.content}`);
      continue;
    }
    items.push("toolCall" in item ? `${item.kind}:${item.toolCall.id}` : item.kind);
  }
  return items;
}
