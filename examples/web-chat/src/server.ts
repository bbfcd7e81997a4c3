/**
 * The web chat's server, on plain `node:http`: the page, its script, and `POST /chat`, which
 * streams the answer as the event stream that `@promptstream/core/client` reads.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { bundlePage, type PageAssets } from "./bundle-page.js";
import { Chat, questionOf } from "./chat.js";

/** A running web chat. */
export interface WebChatServer {
  /** `http://<host>:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

/** Options of {@link startWebChat}. */
export interface WebChatOptions {
  /** Default 0: a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Retries of a failed provider call before the first chunk (promptstream's default: 2). */
  readonly maxRetries?: number;
}

export async function startWebChat(options: WebChatOptions = {}): Promise<WebChatServer> {
  const page = await bundlePage();
  const server = createServer((req, res) => {
    handle(req, res, page, options).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("The server failed.");
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, page: PageAssets, options: WebChatOptions) {
  if (req.method === "GET" && (req.url === "/" || req.url === "/index.html")) {
    return send(res, 200, "text/html; charset=utf-8", page.html);
  }
  if (req.method === "GET" && req.url === "/chat-page.js") {
    return send(res, 200, "text/javascript; charset=utf-8", page.script);
  }
  if (req.method === "POST" && req.url === "/chat") {
    const question = questionOf(await readJson(req));
    if (question === undefined) return send(res, 400, "text/plain; charset=utf-8", 'Send {"question": "..."}.');
    const stream = new Chat({ question }).stream(undefined, { maxRetries: options.maxRetries });
    // Resolves when the answer ended or the browser left; a failure arrives in the stream as an `error` event.
    return stream.pipeToNodeResponse(res);
  }
  send(res, 404, "text/plain; charset=utf-8", "Not found.");
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type }).end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = "";
  for await (const piece of req) body += piece;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
