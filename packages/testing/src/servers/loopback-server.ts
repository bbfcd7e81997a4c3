import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the loopback server received. The `authorization` header is recorded as sent, for tests to assert on. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The JSON body, parsed; `undefined` when there was none. */
  readonly body: unknown;
  /** Resolves `"finished"` when the response was sent whole, `"closed-early"` when the client hung up first. */
  readonly outcome: Promise<"finished" | "closed-early">;
}

/** What a handler answers with: a status, headers, and a body written in pieces. */
export interface ScriptedResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** The pieces of the body, written one by one in this order. */
  readonly body: Iterable<string> | AsyncIterable<string>;
  /** A pause before each piece after the first, in milliseconds. */
  readonly pieceDelayMs?: number;
  /** End by destroying the socket instead of finishing the response. */
  readonly resetAtEnd?: boolean;
  /**
   * A fault before the status line: `"reset"` destroys the socket without answering,
   * `"stall"` sends nothing until the client hangs up or the server closes. The body is not sent.
   */
  readonly beforeHeaders?: "reset" | "stall";
  /**
   * A pause after the last piece, before the response ends, is reset or stalls, in milliseconds:
   * e.g. so that the client reads the pieces before a reset, which would discard what it had not read.
   */
  readonly endDelayMs?: number;
  /** After the body pieces, send nothing more (neither end nor reset) until the client hangs up or the server closes. */
  readonly stallAtEnd?: boolean;
}

/** Answers one request. */
export type LoopbackHandler = (request: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>;

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Stops the server and drops its open connections. */
  close(): Promise<void>;
}

/** Options of {@link startLoopbackServer}. */
export interface LoopbackServerOptions {
  /**
   * Let the process exit while the server is still listening (`server.unref()`), for a server
   * shared by a whole test file that nobody closes. Default: false.
   */
  readonly unref?: boolean;
}

/** Starts an HTTP server on 127.0.0.1 on a free port, answering each request with `handler`. */
export async function startLoopbackServer(
  handler: LoopbackHandler,
  options: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void handle(req, res, handler, requests);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  if (options.unref === true) server.unref();
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => closeServer(server) };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  handler: LoopbackHandler,
  requests: RecordedRequest[],
): Promise<void> {
  const outcome = new Promise<"finished" | "closed-early">((resolve) => {
    res.on("close", () => resolve(res.writableFinished ? "finished" : "closed-early"));
  });
  const raw = await readBody(req);
  const request: RecordedRequest = {
    method: req.method ?? "GET",
    path: req.url ?? "/",
    headers: req.headers,
    body: raw === "" ? undefined : JSON.parse(raw),
    outcome,
  };
  requests.push(request);
  try {
    const scripted = await handler(request);
    if (scripted.beforeHeaders === "reset") {
      res.socket?.destroy();
      return;
    }
    if (scripted.beforeHeaders === "stall") {
      await outcome;
      return;
    }
    res.writeHead(scripted.status ?? 200, scripted.headers);
    res.flushHeaders();
    let first = true;
    for await (const piece of scripted.body) {
      if (res.destroyed) return;
      if (!first && scripted.pieceDelayMs) await delay(scripted.pieceDelayMs);
      first = false;
      if (res.destroyed) return;
      res.write(piece);
    }
    if (scripted.endDelayMs) await delay(scripted.endDelayMs);
    if (res.destroyed) return;
    if (scripted.stallAtEnd === true) await outcome;
    else if (scripted.resetAtEnd === true) res.socket?.destroy();
    else res.end();
  } catch (error) {
    // Once the status line is out, a body that fails is cut as a server would cut it: by a
    // reset, not by text appended to what the client has already started to parse.
    if (res.headersSent) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(`loopback handler failed: ${String(error)}`);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (piece: string) => {
      body += piece;
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
