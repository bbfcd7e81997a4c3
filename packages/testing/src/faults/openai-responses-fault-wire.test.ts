import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { trackServers } from "../assertions.js";
import { lastEvent, readResponsesStream, textOf } from "../openai-responses-sdk.test-support.js";
import type { FaultScript } from "./fault-harness.js";
import { openAIResponsesFaultWire } from "./openai-responses-fault-wire.js";

const serve = trackServers(afterEach, (script: FaultScript) => openAIResponsesFaultWire.start(() => script));
const PIECES = ["Apples", " are", " crisp", " and", " sweet."];

/** Streams from a fault server through the openai SDK, with the wire's own client options. */
async function read(script: FaultScript) {
  const server = await serve(script);
  const { baseURL } = openAIResponsesFaultWire.client(server.url);
  return { server, ...(await readResponsesStream(baseURL)) };
}

describe("openAIResponsesFaultWire through the openai SDK", () => {
  it("streams a whole answer that ends with response.completed", async () => {
    const { events, error, server } = await read({ kind: "stream", pieces: PIECES });
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe(PIECES.join(""));
    lastEvent(events, "response.completed");
    expect(server.requests[0]?.path).toBe("/v1/responses");
  });

  it("error-event: an error event then response.failed makes the SDK throw the message after 3 pieces", async () => {
    const { events, error } = await read({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "error-event" } });
    expect(textOf(events)).toBe(PIECES.slice(0, 3).join(""));
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ status: undefined, type: "server_error" });
    expect((error as Error).message).toContain("The server had an error");
  });

  it("truncate: every piece, but no response.completed", async () => {
    const all = await read({ kind: "stream", pieces: PIECES, cut: { after: PIECES.length, how: "truncate" } });
    expect(all.error).toBeUndefined();
    expect(textOf(all.events)).toBe(PIECES.join(""));
    lastEvent(all.events, "response.output_item.done");
    const some = await read({ kind: "stream", pieces: PIECES, cut: { after: 2, how: "truncate" } });
    expect(textOf(some.events)).toBe(PIECES.slice(0, 2).join(""));
    lastEvent(some.events, "response.output_text.delta");
  });

  it("reset: the pieces, then the SDK's stream fails", async () => {
    const { events, error } = await read({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "reset" } });
    expect(textOf(events)).toBe(PIECES.slice(0, 3).join(""));
    expect(error).toBeInstanceOf(Error);
  });

  it("malformed: the pieces, then the SDK fails to parse the cut-off event", async () => {
    const { events, error } = await read({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "malformed" } });
    expect(textOf(events)).toBe(PIECES.slice(0, 3).join(""));
    expect(error).toBeInstanceOf(SyntaxError);
  });

  it("http-error: OpenAI's error body, status and headers", async () => {
    const { error } = await read({
      kind: "http-error",
      status: 429,
      message: "Rate limit reached.",
      headers: { "retry-after-ms": "20" },
    });
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "rate_limit_exceeded", type: "requests" });
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after-ms")).toBe("20");
  });

  it("reset-before-headers: a connection error", async () => {
    const { error } = await read({ kind: "reset-before-headers" });
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it("tool-calls-cut: the calls' items, the last one's arguments cut by a reset", async () => {
    const argsText = '{"city":"Paris","days":3}';
    const { events, error } = await read({
      kind: "tool-calls-cut",
      pieces: ["Looking."],
      calls: [
        { id: "call_1", name: "get_weather", argsText },
        { id: "call_2", name: "get_weather", argsText },
      ],
    });
    expect(textOf(events)).toBe("Looking.");
    const fragments = (index: number) =>
      events
        .flatMap((event) =>
          event.type === "response.function_call_arguments.delta" && event.output_index === index ? [event.delta] : [],
        )
        .join("");
    expect(fragments(1)).toBe(argsText);
    expect(fragments(2).length).toBeGreaterThan(0);
    expect(argsText.startsWith(fragments(2)) && fragments(2) !== argsText).toBe(true);
    expect(error).toBeInstanceOf(Error);
  });
});
