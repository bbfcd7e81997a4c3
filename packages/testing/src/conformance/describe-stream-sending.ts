import { createServer, type Server } from "node:http";
import { fetchResponseStream, readResponseStream, StreamAbortedError } from "@promptstream/core/client";
import { afterEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../assertions.js";
import { answerFor, piecesFor, type StreamHelperContext, usageFor } from "./stream-helper-context.js";

/**
 * Registers the stream helper suite's tests of sending a stream on to a client: as a web
 * `Response` (text, event stream), piped to a Node response, and split with `tee()`, each read
 * back as a page would, through `@promptstream/core/client`; and the client leaving, which must
 * close the connection to the provider.
 */
export function describeStreamSending<TClient>(context: StreamHelperContext<TClient>): void {
  const { ask, requests, requestAt } = context;
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  /** An HTTP server on loopback whose every request pipes a new stream of `topic` with pipeToNodeResponse. */
  async function pipingServer(topic: string): Promise<{ url: string; piped: () => Promise<void> | undefined }> {
    let piped: Promise<void> | undefined;
    const server = createServer((_request, res) => {
      piped = ask(topic).stream().pipeToNodeResponse(res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    return { url: `http://127.0.0.1:${port}/`, piped: () => piped };
  }

  describe("sending a stream on to a client", () => {
    it("toTextResponse() streams the answer's text", async () => {
      const response = ask("pears").stream().toTextResponse();
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toBe(answerFor("pears"));
      expect(requests()).toHaveLength(1);
    });

    it("toEventStreamResponse() is read back by the client module as the same chunks and response", async () => {
      const client = readResponseStream(ask("plums").stream().toEventStreamResponse());
      const pieces: string[] = [];
      for await (const chunk of client) if (chunk.content !== "") pieces.push(chunk.content);
      expect(pieces).toEqual(piecesFor("plums"));
      const response = await client.response();
      expect(response.content).toBe(answerFor("plums"));
      expect(response.finishReason).toBe("stop");
      expect(response.usage).toMatchObject({
        inputTokens: usageFor("plums").input,
        outputTokens: usageFor("plums").output,
      });
      expect(response.id).toBe(context.expectedId("plums"));
      expect(response.model).toBe(context.expectedModel);
      expect(response.message).toEqual({ role: "assistant", content: answerFor("plums") });
    });

    it("cancelling the response body (the client went away) closes the connection to the provider", async () => {
      const reader = (
        ask("slow-sse-cancel").stream().toEventStreamResponse().body as ReadableStream<Uint8Array>
      ).getReader();
      const decoder = new TextDecoder();
      let received = "";
      // Some providers send a chunk with usage only before the first text.
      while (!received.includes(piecesFor("slow-sse-cancel")[0] ?? "")) {
        received += decoder.decode((await reader.read()).value, { stream: true });
      }
      await reader.cancel();
      expect(await requestAt(0).outcome).toBe("closed-early");
    });

    it("pipeToNodeResponse() serves an event stream that fetchResponseStream() reads whole", async () => {
      const { url, piped } = await pipingServer("figs");
      expect(await fetchResponseStream(url).text()).toBe(answerFor("figs"));
      await piped();
      expect(await requestAt(0).outcome).toBe("finished");
    });

    it("the client's abort() reaches the provider through pipeToNodeResponse(): its connection closes", async () => {
      const { url, piped } = await pipingServer("slow-pipe-abort");
      const client = fetchResponseStream(url);
      const error = await rejectionOf(
        (async () => {
          for await (const chunk of client) if (chunk.content !== "") client.abort();
        })(),
      );
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect(error).toMatchObject({ partialText: piecesFor("slow-pipe-abort")[0] });
      expect(await requestAt(0).outcome).toBe("closed-early");
      await piped();
    });

    it("tee() sends one branch to the client while the other gives the response, with one request", async () => {
      const [toClient, toStore] = ask("dates").stream().tee();
      const stored = toStore.response();
      expect(await readResponseStream(toClient.toEventStreamResponse()).text()).toBe(answerFor("dates"));
      expect((await stored).content).toBe(answerFor("dates"));
      expect(requests()).toHaveLength(1);
    });
  });
}
