import { createServer, type Server, type ServerResponse } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, fetchResponseStream, RateLimitError, ServerStreamError } from "../client.js";
import { definePrompt, type PipeToNodeResponseOptions } from "../index.js";
import { rejectionOf } from "../test-support.js";
import { createToolAdapter, type ScriptItem, usage } from "../tools/tool-adapter.test-support.js";

const words = ["Slice ", "the ", "apples, ", "then ", "bake ", "them."];
const answerItems: ScriptItem[] = [
  ...words.map((content) => ({ content })),
  { finishReason: "stop", usage: usage(9, 6) },
];

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function chatFor(items: readonly ScriptItem[], paced = true, requests = 1) {
  const adapter = createToolAdapter({ streams: Array.from({ length: requests }, () => items), paced });
  class Chat extends definePrompt(adapter)({ template: "USER: {question}" }) {}
  return { adapter, stream: () => new Chat({ question: "How do I bake apples?" }).stream() };
}

/** A server whose one route pipes `stream` with `options`; `piped` resolves when pipeToNodeResponse did. */
async function serve(
  stream: () => { pipeToNodeResponse(res: ServerResponse, options?: PipeToNodeResponseOptions): Promise<void> },
  options?: PipeToNodeResponseOptions,
) {
  let piped!: Promise<void>;
  const server = createServer((_request, res) => {
    piped = stream().pipeToNodeResponse(res, options);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/chat`, port, piped: () => piped };
}

describe("pipeToNodeResponse", () => {
  it("writes an event stream that the client module reads back whole", async () => {
    const { stream } = chatFor(answerItems, true, 2);
    const { url, piped } = await serve(stream);
    const response = await fetch(url);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const client = fetchResponseStream(url);
    expect(await client.text()).toBe(words.join(""));
    expect((await client.response()).usage?.totalTokens).toBe(15);
    await response.body?.cancel();
    await piped();
  });

  it("writes the text alone with format: text, with the status and headers given", async () => {
    const { stream } = chatFor(answerItems);
    const { url } = await serve(stream, { format: "text", status: 202, headers: { "x-request-id": "r-7" } });
    const response = await fetch(url);
    expect(response.status).toBe(202);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("x-request-id")).toBe("r-7");
    expect(await response.text()).toBe(words.join(""));
  });

  it("sends a provider's failure as an error event the client turns back into its class", async () => {
    const failure = new RateLimitError("Slow down.", { provider: "memory", status: 429 });
    const { stream } = chatFor([{ content: "Slice " }, { fail: failure }]);
    const { url } = await serve(stream);
    const error = await rejectionOf(fetchResponseStream(url).text());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ partialText: "Slice " });
  });

  it("breaks the connection of a text response that fails mid-stream, so a cut answer never looks whole", async () => {
    const failure = new RateLimitError("Slow down.", { provider: "memory", status: 429 });
    const { stream } = chatFor([{ content: "Slice " }, { fail: failure }]);
    const { url, piped } = await serve(stream, { format: "text" });
    const response = await fetch(url);
    await expect(response.text()).rejects.toThrow();
    await piped();
  });

  it("cancels the provider request when the client goes away, and resolves", async () => {
    const { adapter, stream } = chatFor([{ content: "Slice " }, { hang: true }]);
    const { url, piped } = await serve(stream);
    const client = fetchResponseStream(url);
    const iterator = client[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ content: "Slice " });
    client.abort();
    await piped();
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(adapter.events).toContain("stream 0: closed");
  });

  it("waits for a slow client (backpressure) instead of reading the whole answer into memory", async () => {
    const piece = "x".repeat(4096);
    const total = 4000; // 16 MB: far more than the socket buffers hold
    const { adapter, stream } = chatFor(
      Array.from({ length: total }, () => ({ content: piece })),
      false,
    );
    const { port, piped } = await serve(stream, { format: "text" });
    const socket = connect(port, "127.0.0.1");
    socket.write("GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    socket.pause();
    const yielded = () => adapter.events.filter((event) => event.includes(": chunk")).length;
    // Wait until the server stops pulling chunks: it waits for the socket to drain.
    let last = -1;
    for (let still = 0; still < 5; ) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      const now = yielded();
      still = now === last && now > 0 ? still + 1 : 0;
      last = now;
    }
    expect(last).toBeLessThan(total / 2);
    let received = 0;
    socket.on("data", (data: Buffer) => {
      received += data.length;
    });
    socket.resume();
    await piped();
    expect(yielded()).toBe(total);
    await expect.poll(() => received).toBeGreaterThan(total * piece.length);
    socket.destroy();
  });
});

describe("fetchResponseStream", () => {
  it("fails with a ConnectionError naming no key when the server cannot be reached", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    await new Promise((resolve) => server.close(resolve));
    const error = await rejectionOf(fetchResponseStream(`http://127.0.0.1:${port}/chat`).text());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "connection", provider: "server" });
  });

  it("fails with a ServerStreamError when a route answers 200 with a page instead of an event stream", async () => {
    const server = createServer((_request, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<h1>Sign in</h1>");
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const error = await rejectionOf(fetchResponseStream(`http://127.0.0.1:${port}/`).text());
    expect(error).toBeInstanceOf(ServerStreamError);
    expect((error as Error).message).toContain('"text/html"');
  });
});
