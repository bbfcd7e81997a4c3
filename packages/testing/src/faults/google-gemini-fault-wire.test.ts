import { ApiError } from "@google/genai";
import { afterEach, describe, expect, it } from "vitest";
import { trackServers } from "../assertions.js";
import { geminiTextOf, readGeminiStream } from "../google-gemini-sdk.test-support.js";
import type { FaultScript } from "./fault-harness.js";
import { googleGeminiFaultWire } from "./google-gemini-fault-wire.js";

const serve = trackServers(afterEach, (script: FaultScript) => googleGeminiFaultWire.start(() => script));
const PIECES = ["Apples", " are", " crisp", " and", " sweet."];

/** Streams from a fault server through @google/genai, with the wire's own client options. */
async function read(script: FaultScript) {
  const server = await serve(script);
  const { baseURL } = googleGeminiFaultWire.client(server.url);
  return { server, ...(await readGeminiStream(baseURL)) };
}

const finishReasons = (chunks: Awaited<ReturnType<typeof read>>["chunks"]) =>
  chunks.flatMap((chunk) => chunk.candidates?.[0]?.finishReason ?? []);

describe("googleGeminiFaultWire through @google/genai", () => {
  it("streams a whole answer that ends with STOP", async () => {
    const { chunks, error, server } = await read({ kind: "stream", pieces: PIECES });
    expect(error).toBeUndefined();
    expect(geminiTextOf(chunks)).toBe(PIECES.join(""));
    expect(finishReasons(chunks)).toEqual(["STOP"]);
    expect(server.requests[0]?.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  });

  it("error-event: Google's error object as a chunk makes the SDK throw an ApiError 500 after 3 pieces", async () => {
    const { chunks, error, server } = await read({
      kind: "stream",
      pieces: PIECES,
      cut: { after: 3, how: "error-event" },
    });
    expect(geminiTextOf(chunks)).toBe(PIECES.slice(0, 3).join(""));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500 });
    expect((error as ApiError).message).toContain("got status: INTERNAL.");
    // No automatic continuation: the SDK resumes only from a continuationToken.
    expect(server.requests).toHaveLength(1);
  });

  it("truncate: every piece, but no chunk with a finishReason; the SDK ends quietly, without a new request", async () => {
    const all = await read({ kind: "stream", pieces: PIECES, cut: { after: PIECES.length, how: "truncate" } });
    expect(all.error).toBeUndefined();
    expect(geminiTextOf(all.chunks)).toBe(PIECES.join(""));
    expect(finishReasons(all.chunks)).toEqual([]);
    expect(all.server.requests).toHaveLength(1);
    const some = await read({ kind: "stream", pieces: PIECES, cut: { after: 2, how: "truncate" } });
    expect(geminiTextOf(some.chunks)).toBe(PIECES.slice(0, 2).join(""));
  });

  it("reset: the pieces, then the SDK's stream fails", async () => {
    const { chunks, error, server } = await read({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "reset" } });
    expect(geminiTextOf(chunks)).toBe(PIECES.slice(0, 3).join(""));
    expect(error).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it("malformed: the pieces, then the SDK fails to parse the cut-off chunk", async () => {
    const { chunks, error } = await read({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "malformed" } });
    expect(geminiTextOf(chunks)).toBe(PIECES.slice(0, 3).join(""));
    expect(error).toBeInstanceOf(SyntaxError);
  });

  it("http-error: Google's error body, retry-after-ms as the RetryInfo's retryDelay", async () => {
    const { error } = await read({
      kind: "http-error",
      status: 429,
      message: "Rate limit reached.",
      headers: { "retry-after-ms": "20", "retry-after": "1" },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429 });
    expect(JSON.parse((error as ApiError).message)).toEqual({
      error: {
        code: 429,
        message: "Rate limit reached.",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "0.02s" }],
      },
    });
  });

  it("reset-before-headers: a connection error", async () => {
    const { error } = await read({ kind: "reset-before-headers" });
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApiError);
  });

  it("tool-calls-cut: the text and the first call, the last call's chunk cut in its middle by a reset", async () => {
    const argsText = '{"city":"Paris","days":3}';
    const { chunks, error } = await read({
      kind: "tool-calls-cut",
      pieces: ["Looking."],
      calls: [
        { id: "call_1", name: "get_weather", argsText },
        { id: "call_2", name: "get_weather", argsText },
      ],
    });
    expect(geminiTextOf(chunks)).toBe("Looking.");
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([
      { id: "call_1", name: "get_weather", args: { city: "Paris", days: 3 } },
    ]);
    expect(error).toBeInstanceOf(Error);
  });
});
