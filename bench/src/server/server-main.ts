/**
 * The loopback server, run as a child process so that its CPU time is not counted as the
 * client's. It serves `POST /s/{chunks}/{burst|paced}/{english|multilingual}/v1/chat/completions`
 * (OpenAI Chat Completions), `.../v1/messages` (Anthropic Messages), `.../v1/responses` (OpenAI
 * Responses) and `.../v1beta/models/{model}:streamGenerateContent?alt=sse` (Google Gemini), the tool-call
 * streams at `POST /t/{calls}/{fragments}/v1/...` (always burst), and tells its parent the port over IPC.
 *
 * Bodies are serialised once per scenario and kept: `burst` writes the whole body in 64 KiB
 * writes as fast as the socket takes them; `paced` writes one event per write, one every 1 ms.
 */
import { createServer, type ServerResponse } from "node:http";
import { parseScenarioPath, type TextProfile, type Wire } from "../scenario.js";
import { parseToolScenarioPath } from "../tool-scenario.js";
import { drained } from "./drained.js";
import { geminiEvents } from "./gemini-sse-events.js";
import { responsesEvents } from "./responses-sse-events.js";
import { anthropicEvents, openaiEvents } from "./sse-events.js";
import { anthropicToolEvents, openaiToolEvents } from "./tool-sse-events.js";

const WRITE_SIZE = 64 * 1024;
/**
 * `--drop-chunk`: serve every stream without its second text delta, and every tool-call stream
 * without the third fragment of its first call (for the bench's own test).
 */
const DROP = process.argv.includes("--drop-chunk");
const PACE_MS = 1;

interface Serialised {
  readonly body: Buffer;
  readonly events: readonly Buffer[];
}

/** What a request asks for: its cache key, how to serialise it, and how to write it. */
interface Route {
  readonly key: string;
  readonly events: () => string[];
  readonly mode: "burst" | "paced";
}

const cache = new Map<string, Serialised>();

/** Each wire format's text stream. */
const TEXT_EVENTS: Readonly<Record<Wire, (profile: TextProfile, chunks: number, drop?: number) => string[]>> = {
  openai: openaiEvents,
  anthropic: anthropicEvents,
  "openai-responses": responsesEvents,
  "google-gemini": geminiEvents,
};

function serialised(route: Route): Serialised {
  let entry = cache.get(route.key);
  if (entry === undefined) {
    const events = route.events().map((event) => Buffer.from(event));
    entry = { body: Buffer.concat(events), events };
    cache.set(route.key, entry);
  }
  return entry;
}

function routeOf(path: string): Route | undefined {
  const text = parseScenarioPath(path);
  if (text !== undefined) {
    const drop = DROP ? 1 : undefined;
    return {
      key: `${text.wire}:${text.profile}:${text.chunks}`,
      events: () => TEXT_EVENTS[text.wire](text.profile, text.chunks, drop),
      mode: text.mode,
    };
  }
  const tools = parseToolScenarioPath(path);
  if (tools === undefined) return undefined;
  return {
    key: `${tools.wire}:tools:${tools.calls}x${tools.fragments}`,
    events: () =>
      tools.wire === "openai" ? openaiToolEvents(tools, { drop: DROP }) : anthropicToolEvents(tools, { drop: DROP }),
    mode: "burst",
  };
}

async function writeBurst(res: ServerResponse, body: Buffer): Promise<void> {
  for (let offset = 0; offset < body.length && !res.destroyed; offset += WRITE_SIZE) {
    if (!res.write(body.subarray(offset, offset + WRITE_SIZE))) await drained(res);
  }
  res.end();
}

function writePaced(res: ServerResponse, events: readonly Buffer[]): void {
  let next = 0;
  const timer = setInterval(() => {
    const event = events[next];
    if (res.destroyed || event === undefined) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(event);
    next += 1;
    if (next === events.length) {
      clearInterval(timer);
      res.end();
    }
  }, PACE_MS);
}

const server = createServer((req, res) => {
  const route = req.method === "POST" ? routeOf(req.url ?? "") : undefined;
  if (route === undefined) {
    res
      .writeHead(404, { "content-type": "application/json" })
      .end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
    return;
  }
  const { body, events } = serialised(route);
  req.resume();
  req.on("end", () => {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "x-request-id": "req_bench",
      "request-id": "req_bench",
    });
    if (route.mode === "burst") void writeBurst(res, body);
    else writePaced(res, events);
  });
});

// Longer than undici's 4 s keep-alive, so a pooled socket is never closed under a request.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.requestTimeout = 0;

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no port");
  process.send?.({ port: address.port });
});

// The parent went away (finished or crashed): do not outlive it.
process.on("disconnect", () => process.exit(0));
