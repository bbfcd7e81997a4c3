/**
 * What the tool tests (anthropic-tools.*.test.ts) share: the tools (zod 4 schemas) and the prompt
 * that offers them, the JSON Schemas Anthropic must receive for them, and a loopback server whose
 * answers each test scripts in order. Only those tests import this module.
 */
import { defineTool } from "@promptstream/core";
import {
  type AnthropicMessagesScript,
  type AnthropicMessagesServer,
  type RecordedRequest,
  startAnthropicMessagesServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, expect } from "vitest";
import { z } from "zod";
import { AnthropicPrompt } from "./index.js";

export const getWeather = defineTool({
  name: "get_weather",
  description: "Current weather in a city",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
});

export const getTime = defineTool({
  name: "get_time",
  description: "Local time in a city",
  parameters: z.object({ city: z.string() }),
});

/** A tool without arguments or description. */
export const listCities = defineTool({ name: "list_cities", parameters: z.object({}) });

/** The prompt's tools as Anthropic must receive them: zod's JSON Schema as `input_schema`. */
export const WIRE_TOOLS = [
  {
    name: "get_weather",
    description: "Current weather in a city",
    input_schema: {
      type: "object",
      properties: { city: { type: "string" }, unit: { default: "c", type: "string", enum: ["c", "f"] } },
      required: ["city"],
    },
  },
  {
    name: "get_time",
    description: "Local time in a city",
    input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
  { name: "list_cities", input_schema: { type: "object", properties: {} } },
];

export const QUESTION = "What should I wear in Paris today?";

/** The client options that reach `server`, with the SDK's retries and logs off. */
function clientOf(server: AnthropicMessagesServer) {
  return { baseURL: server.baseURL, apiKey: "sk-ant-test-tools-0001", maxRetries: 0, logLevel: "off" } as const;
}

type TestClient = ReturnType<typeof clientOf>;

/** The travel prompt, with the three tools, sent through `client`. */
export function travelAgentFor(client: TestClient) {
  return class TravelAgent extends AnthropicPrompt({
    template: "USER: {question}",
    tools: [getWeather, getTime, listCities],
    client,
  }) {};
}

/** A loopback server that answers with the scripts a test gave, in order. */
export interface ScriptedServer {
  /** Answers the next requests with `scripts`, in order; returns the bodies those requests will have sent. */
  answer(...scripts: AnthropicMessagesScript[]): { bodies(): Array<Record<string, unknown>> };
  readonly client: TestClient;
  readonly requestCount: number;
}

/** Starts a {@link ScriptedServer} before the file's tests and closes it after them. */
export function useScriptedServer(): ScriptedServer {
  const queue: AnthropicMessagesScript[] = [];
  let server: AnthropicMessagesServer | undefined;
  beforeAll(async () => {
    server = await startAnthropicMessagesServer(
      // A request no test scripted is answered with an API error, so that the test fails plainly.
      () =>
        queue.shift() ?? {
          status: 400,
          json: { type: "error", error: { type: "invalid_request_error", message: "unscripted" } },
        },
    );
  });
  afterAll(() => server?.close());
  const started = (): AnthropicMessagesServer => {
    if (server === undefined) throw new Error("the scripted server is started in beforeAll");
    return server;
  };
  return {
    answer(...scripts) {
      queue.length = 0;
      queue.push(...scripts);
      const from = started().requests.length;
      return { bodies: () => started().requests.slice(from).map(bodyOf) };
    },
    get client() {
      return clientOf(started());
    },
    get requestCount() {
      return started().requests.length;
    },
  };
}

function bodyOf(request: RecordedRequest): Record<string, unknown> {
  expect(request.path).toBe("/v1/messages");
  return request.body as Record<string, unknown>;
}

/** A stream item as a short label: a part by its kind (and call name), an event by its type (and block index). */
export function labelOf(item: object): string {
  const { kind, toolCall, type, index } = item as {
    kind?: string;
    toolCall?: { name: string };
    type?: string;
    index?: number;
  };
  if (kind !== undefined) return toolCall === undefined ? kind : `${kind} ${toolCall.name}`;
  return index === undefined ? String(type) : `${type} ${index}`;
}
