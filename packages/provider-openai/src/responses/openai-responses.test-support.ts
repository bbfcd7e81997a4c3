/**
 * What the Responses adapter's tests (openai-responses.*.test.ts) share: the testkit's Responses
 * loopback server, answering each request with the next script queued by the test (framed as OpenAI
 * frames it, `event: <payload.type>\ndata: <json>\n\n`), and builders for the events. Only those
 * tests import this module.
 */

import { type OpenAIResponsesScript, type RecordedRequest, startOpenAIResponsesServer } from "@promptstream/testing";
import { afterAll, beforeAll, beforeEach } from "vitest";

/** How the server answers one request. */
export type ResponsesScript =
  | {
      /** Each event is framed with its `type` as the event name; a string is a JSON line, sent as is. */
      readonly events: ReadonlyArray<object | string>;
      /** Destroy the socket after the events instead of ending the response. */
      readonly resetAtEnd?: boolean;
      /** A pause between events, in milliseconds (for tests that leave a stream early). */
      readonly eventDelayMs?: number;
      /** After the events, send nothing more until the client hangs up. */
      readonly stallAtEnd?: boolean;
    }
  | { readonly json: unknown; readonly status?: number };

/** A loopback Responses API server that answers each request with the script the test queued next. */
export interface ResponsesServer {
  /** Client options for the loopback server: promptstream retries, never the SDK. */
  readonly client: { readonly baseURL: string; readonly apiKey: string; readonly maxRetries: number };
  /** Every request received since the last reset. */
  readonly requests: readonly RecordedRequest[];
  /** Queues the answers of the next requests, in order. */
  queue(...scripts: ResponsesScript[]): void;
  /** The bodies of the requests received since the last reset. */
  bodies(): unknown[];
}

/** The key the tests' clients send: never in an error message. */
export const TEST_KEY = "sk-test-responses-SECRET-9f8e7d";

/**
 * A {@link ResponsesServer} for a test file: started before its tests, reset before each, closed
 * after them. A request with nothing queued is answered with a 500, and one to another path with a 404.
 */
export function useResponsesServer(): ResponsesServer {
  let scripts: ResponsesScript[] = [];
  let seen = 0;
  let server: Awaited<ReturnType<typeof startOpenAIResponsesServer>> | undefined;
  beforeAll(async () => {
    server = await startOpenAIResponsesServer((request) => {
      if (request.method !== "POST" || request.path !== "/v1/responses")
        return { status: 404, json: { error: { message: `no route ${request.method} ${request.path}` } } };
      return toAnswer(scripts.shift() ?? { status: 500, json: { error: { message: "nothing queued" } } });
    });
  });
  beforeEach(() => {
    scripts = [];
    seen = server?.requests.length ?? 0;
  });
  afterAll(() => server?.close());
  const running = () => {
    if (server === undefined) throw new Error("the server starts before the file's tests: use it inside them");
    return server;
  };
  return {
    get client() {
      return { baseURL: `${running().url}/v1`, apiKey: TEST_KEY, maxRetries: 0 };
    },
    get requests() {
      return running().requests.slice(seen);
    },
    queue: (...next) => {
      scripts.push(...next);
    },
    bodies: () =>
      running()
        .requests.slice(seen)
        .map((request) => request.body),
  };
}

function toAnswer(script: ResponsesScript): OpenAIResponsesScript {
  if ("json" in script) return { json: script.json, status: script.status };
  // A string event is a JSON line kept as written (its layout is what a test checks): framed here.
  const events = script.events.map((event) => (typeof event === "string" ? frame(event) : event));
  return { events, eventDelayMs: script.eventDelayMs, resetAtEnd: script.resetAtEnd, stallAtEnd: script.stallAtEnd };
}

/** One event as OpenAI frames it: its payload's `type` as the event name. */
function frame(data: string): string {
  const { type } = JSON.parse(data) as { type: string };
  return `event: ${type}\ndata: ${data}\n\n`;
}

// ---------------------------------------------------------------------------------------------
// Events, as OpenAI sends them (trimmed to the fields the adapter and the SDK types use).
// ---------------------------------------------------------------------------------------------

export const RESPONSE_ID = "resp_test_0001";
export const MODEL = "gpt-5-mini-2025-08-07";

/** A Response object in a given state. */
export function responseObject(
  status: "in_progress" | "completed" | "incomplete" | "failed",
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { id: RESPONSE_ID, object: "response", created_at: 1_760_000_000, status, model: MODEL, output: [], ...extra };
}

export const USAGE = {
  input_tokens: 21,
  input_tokens_details: { cached_tokens: 5 },
  output_tokens: 40,
  output_tokens_details: { reasoning_tokens: 12 },
  total_tokens: 61,
};

/** The events of a response that writes `pieces` in one message, then completes. */
export function textEvents(pieces: readonly string[], completed: Record<string, unknown> = {}): object[] {
  const text = pieces.join("");
  const message = { id: "msg_1", type: "message", role: "assistant", status: "completed", content: [outputText(text)] };
  return [
    { type: "response.created", sequence_number: 0, response: responseObject("in_progress") },
    { type: "response.in_progress", sequence_number: 1, response: responseObject("in_progress") },
    {
      type: "response.output_item.added",
      output_index: 0,
      item: { ...message, status: "in_progress", content: [] },
    },
    { type: "response.content_part.added", item_id: "msg_1", output_index: 0, content_index: 0, part: outputText("") },
    ...pieces.map((delta) => ({
      type: "response.output_text.delta",
      item_id: "msg_1",
      output_index: 0,
      content_index: 0,
      delta,
      logprobs: [],
    })),
    { type: "response.output_text.done", item_id: "msg_1", output_index: 0, content_index: 0, text, logprobs: [] },
    { type: "response.output_item.done", output_index: 0, item: message },
    {
      type: "response.completed",
      response: responseObject("completed", { output: [message], usage: USAGE, ...completed }),
    },
  ];
}

/** The events of a response that calls one function with `args`, streamed in two pieces. */
export function functionCallEvents(callId: string, name: string, args: string): object[] {
  const item = { id: "fc_1", type: "function_call", call_id: callId, name, arguments: args, status: "completed" };
  const half = Math.ceil(args.length / 2);
  return [
    { type: "response.created", response: responseObject("in_progress") },
    { type: "response.output_item.added", output_index: 0, item: { ...item, arguments: "", status: "in_progress" } },
    { type: "response.function_call_arguments.delta", item_id: "fc_1", output_index: 0, delta: args.slice(0, half) },
    { type: "response.function_call_arguments.delta", item_id: "fc_1", output_index: 0, delta: args.slice(half) },
    { type: "response.function_call_arguments.done", item_id: "fc_1", output_index: 0, arguments: args },
    { type: "response.output_item.done", output_index: 0, item },
    { type: "response.completed", response: responseObject("completed", { output: [item], usage: USAGE }) },
  ];
}

function outputText(text: string) {
  return { type: "output_text", text, annotations: [], logprobs: [] };
}
