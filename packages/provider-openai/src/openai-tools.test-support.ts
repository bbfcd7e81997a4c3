/**
 * What the tool tests (openai-tools.*.test.ts) share: the tools they give the model, a loopback
 * server that answers each request with the next script queued by the test, and how they read
 * a stream's items and the bodies the server received. Only those tests import this module.
 */

import { defineTool, isToolStreamPart } from "@promptstream/core";
import {
  createOpenAITextChunks,
  type OpenAIChatScript,
  type OpenAIChatServer,
  type RecordedRequest,
  startOpenAIChatServer,
} from "@promptstream/testing";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { z } from "zod";

/** A tool whose arguments have a default: the calls' `args` are the schema's output. */
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

/** A tool that takes no arguments. */
export const rollDice = defineTool({
  name: "roll_dice",
  description: "Rolls a six-sided die",
  parameters: z.object({}),
});

/** A loopback server that answers each request with the script the test queued next. */
export interface ToolServer {
  readonly server: OpenAIChatServer;
  readonly client: { readonly baseURL: string; readonly apiKey: string; readonly maxRetries: number };
  /** Queues the answers of the next requests, in order. */
  queue(...scripts: OpenAIChatScript[]): void;
  /** The bodies of the requests received since the test started (see {@link ToolServer.reset}). */
  bodies(): unknown[];
  /** Forgets the queue and the requests received so far: call it before each test. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts a {@link ToolServer}; a request with nothing queued is answered with a 500. */
async function startToolServer(): Promise<ToolServer> {
  let scripts: OpenAIChatScript[] = [];
  let seen = 0;
  const server = await startOpenAIChatServer(
    () => scripts.shift() ?? { status: 500, json: { error: { message: "nothing queued for this request" } } },
  );
  return {
    server,
    client: { baseURL: server.baseURL, apiKey: "test-key-tools", maxRetries: 0 },
    queue: (...next) => {
      scripts.push(...next);
    },
    bodies: () => server.requests.slice(seen).map((request: RecordedRequest) => request.body),
    reset: () => {
      scripts = [];
      seen = server.requests.length;
    },
    close: () => server.close(),
  };
}

/**
 * A {@link ToolServer} for a test file: started before its tests, reset before each, closed after
 * them. The object it returns reaches the current server, so a file writes `const tools = useToolServer()`.
 */
export function useToolServer(): ToolServer {
  let current: ToolServer | undefined;
  beforeAll(async () => {
    current = await startToolServer();
  });
  beforeEach(() => current?.reset());
  afterAll(() => current?.close());
  const now = (): ToolServer => {
    if (current === undefined) throw new Error("the tool server starts before the file's tests: use it inside them");
    return current;
  };
  return {
    get server() {
      return now().server;
    },
    get client() {
      return now().client;
    },
    queue: (...scripts) => now().queue(...scripts),
    bodies: () => now().bodies(),
    reset: () => now().reset(),
    close: () => now().close(),
  };
}

/** What a stream yielded, in order: `chunk` for an adapter's chunk, else the part's kind (and call name). */
export async function itemsOf(stream: AsyncIterable<object>): Promise<string[]> {
  const items: string[] = [];
  for await (const item of stream) {
    if (!isToolStreamPart(item as never)) {
      items.push("chunk");
      continue;
    }
    const part = item as { kind: string; toolCall?: { name: string } };
    items.push(part.toolCall === undefined ? part.kind : `${part.kind}:${part.toolCall.name}`);
  }
  return items;
}

/** A non-streamed completion whose message has these tool calls (and text, if given). */
export function toolCallCompletion(
  calls: ReadonlyArray<{ id: string; name: string; arguments: string }>,
  options: { content?: string | null; finishReason?: ChatCompletion.Choice["finish_reason"] } = {},
): ChatCompletion {
  return {
    id: "chatcmpl-tools-call",
    object: "chat.completion",
    created: 1_700_000_321,
    model: "gpt-4o-mini",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: options.content ?? null,
          refusal: null,
          tool_calls: calls.map(({ id, name, arguments: args }) => ({
            id,
            type: "function",
            function: { name, arguments: args },
          })),
        },
        finish_reason: options.finishReason ?? "tool_calls",
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 },
  };
}

/** The JSON Schema core sends for {@link getWeather}. */
const GET_WEATHER_PARAMETERS = {
  type: "object",
  properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"], default: "c" } },
  required: ["city"],
};

/** The function tool {@link getWeather} is sent as. */
export const WEATHER_TOOL = {
  type: "function",
  function: { name: "get_weather", description: "Current weather for a city", parameters: GET_WEATHER_PARAMETERS },
};

/** The function tool {@link getTime} is sent as. */
export const TIME_TOOL = {
  type: "function",
  function: {
    name: "get_time",
    parameters: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
  },
};

/** The streamed request's own fields, beside the body a test asserts. */
export const STREAM_FIELDS = { stream: true, stream_options: { include_usage: true } };

/** Asserts how many requests were sent since the last reset, and returns their bodies. */
export function expectRequests(tools: ToolServer, count: number): unknown[] {
  const bodies = tools.bodies();
  expect(bodies).toHaveLength(count);
  return bodies;
}

/** Streams to its end on a text answer, and returns the one body sent since the last reset. */
export async function streamedBodyOf(tools: ToolServer, send: () => { text(): Promise<string> }): Promise<unknown> {
  tools.queue({ chunks: createOpenAITextChunks("Sunny.") });
  await send().text();
  return expectRequests(tools, 1)[0];
}
