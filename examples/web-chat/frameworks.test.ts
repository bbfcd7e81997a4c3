/**
 * The framework routes for real: Hono and Express over HTTP, the Next.js-style handler called
 * with a `Request`; each answer read back with `@promptstream/core/client`, each against a
 * loopback provider, and a client's abort seen by the provider as its connection closing.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type ClientResponseStream,
  fetchResponseStream,
  readResponseStream,
  StreamAbortedError,
} from "@promptstream/core/client";
import { createOpenAITextChunks } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app as expressApp } from "./src/frameworks/express-app.js";
import { app as honoApp, serveHono } from "./src/frameworks/hono-app.js";
import { POST } from "./src/frameworks/next-route.js";
import { type ScriptedProvider, startScriptedProvider } from "./test-support.js";

const ANSWER = "Shakshuka: eggs poached in a spiced tomato and pepper sauce.";
const body = JSON.stringify({ question: "A quick dinner with eggs?" });
const post = { method: "POST", headers: { "content-type": "application/json" }, body };

let provider: ScriptedProvider;
let honoUrl: string;
let honoServer: { close(callback: () => void): unknown };
let expressUrl: string;
let expressServer: Server;

beforeAll(async () => {
  provider = await startScriptedProvider();
  const hono = await serveHono();
  honoUrl = hono.url;
  honoServer = hono.server;
  expressServer = expressApp.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => expressServer.once("listening", resolve));
  expressUrl = `http://127.0.0.1:${(expressServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => honoServer?.close(() => resolve()));
  expressServer?.closeAllConnections();
  await new Promise<void>((resolve) => expressServer?.close(() => resolve()));
  await provider?.close();
});

function answerInFull(): void {
  provider.answerWith(() => ({ chunks: createOpenAITextChunks(ANSWER), chunkDelayMs: 5 }));
}

/** Reads the first piece, aborts, and checks that the provider saw its connection close. */
async function abortAfterFirstPiece(stream: ClientResponseStream): Promise<void> {
  const text = stream.textStream[Symbol.asyncIterator]();
  expect((await text.next()).value).toBe("Shakshuka:");
  stream.abort();
  await expect(text.next()).rejects.toBeInstanceOf(StreamAbortedError);
  expect(await provider.lastRequest().outcome).toBe("closed-early");
}

/** Slow and never ending: only a cancelled provider request closes this connection. */
function answerForever(): void {
  provider.answerWith(() => ({ chunks: createOpenAITextChunks(ANSWER), chunkDelayMs: 100, stallAtEnd: true }));
}

describe("Hono with @hono/node-server", () => {
  it("streams the answer that the client module reads back", async () => {
    answerInFull();
    expect(await fetchResponseStream(`${honoUrl}/chat`, post).text()).toBe(ANSWER);
  });

  it("a client abort cancels the provider request", async () => {
    answerForever();
    await abortAfterFirstPiece(fetchResponseStream(`${honoUrl}/chat`, post));
  });

  it("answers 400 to a request without a question (in process, through app.request)", async () => {
    const response = await honoApp.request("/chat", { method: "POST", body: "{}" });
    expect(response.status).toBe(400);
  });
});

describe("Express 5 with pipeToNodeResponse", () => {
  it("streams the answer that the client module reads back", async () => {
    answerInFull();
    expect(await fetchResponseStream(`${expressUrl}/chat`, post).text()).toBe(ANSWER);
  });

  it("a client abort cancels the provider request", async () => {
    answerForever();
    await abortAfterFirstPiece(fetchResponseStream(`${expressUrl}/chat`, post));
  });
});

describe("Next.js-style route handler", () => {
  it("answers a Request with a Response that the client module reads back", async () => {
    answerInFull();
    const response = await POST(new Request("http://localhost/api/chat", post));
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(await readResponseStream(response).text()).toBe(ANSWER);
  });

  it("cancelling the Response's body cancels the provider request", async () => {
    answerForever();
    await abortAfterFirstPiece(readResponseStream(POST(new Request("http://localhost/api/chat", post))));
  });

  it("answers 400 to a request without a question", async () => {
    const response = await POST(new Request("http://localhost/api/chat", { method: "POST", body: "{}" }));
    expect(response.status).toBe(400);
  });
});
