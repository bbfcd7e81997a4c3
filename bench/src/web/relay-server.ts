/**
 * The web figure's relay server, run as a child process so that its CPU time is measured apart from
 * the client's (the orchestrator) and the provider server's (another child). For each request
 * `GET /web/{pair}/{profile}/{chunks}/{run}` it streams `chunks` deltas from the loopback provider
 * server (argv[2]) through `@promptstream/provider-openai` (or the raw openai SDK, for the second
 * baseline) and sends them on the way the pair says; after the response it reports its CPU time,
 * the bytes the socket took and the writes over IPC. `{ type: "gc" }` over IPC runs a full gc and
 * answers `{ type: "gc-done" }`, so that no run pays for the garbage of the one before.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import OpenAI, { type ClientOptions } from "openai";
import { API_KEY, PROMPT } from "../consumers/consumer.js";
import { scenarioBase, type TextProfile } from "../scenario.js";
import { drained } from "../server/drained.js";
import { parseRelayPath, type RelayReport } from "./pairs.js";

const providerOrigin = process.argv[2];
if (providerOrigin === undefined) throw new Error("usage: relay-server.js <provider origin>");

class BenchPrompt extends OpenAIPrompt({
  template: "{question}",
  callParams: { model: "gpt-4o-mini" },
  maxRetries: 0,
}) {}

const TEXT_HEADERS = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" };

// One client per upstream scenario, made once (as a server would), not per request.
const promptClients = new Map<string, ClientOptions>();
const sdkClients = new Map<string, OpenAI>();

function upstreamBase(profile: TextProfile, chunks: number): string {
  return `${scenarioBase(providerOrigin ?? "", { chunks, mode: "burst", profile })}/v1`;
}

function promptStream(profile: TextProfile, chunks: number) {
  const baseURL = upstreamBase(profile, chunks);
  let client = promptClients.get(baseURL);
  if (client === undefined) {
    client = { baseURL, apiKey: API_KEY };
    promptClients.set(baseURL, client);
  }
  return new BenchPrompt({ question: PROMPT }, { client }).stream();
}

/**
 * A web `Response` sent on through `node:http` the plain way: its headers, then each read of its
 * body written as it comes, waiting for `drain` when the socket is full. The same for every pair
 * that makes a `Response`, so that they differ only in how the body is made.
 */
async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  const body = response.body;
  if (body === null) {
    res.end();
    return;
  }
  const reader = body.getReader();
  // The client left: cancel the body, which cancels the provider request (as a real server must).
  const onClose = (): void => void reader.cancel().catch(() => {});
  res.once("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } finally {
    res.off("close", onClose);
  }
}

/** The openai SDK's stream written to the socket by hand: what a server without promptstream does. */
async function sendRawSdk(profile: TextProfile, chunks: number, res: ServerResponse): Promise<void> {
  const baseURL = upstreamBase(profile, chunks);
  let client = sdkClients.get(baseURL);
  if (client === undefined) {
    client = new OpenAI({ baseURL, apiKey: API_KEY, maxRetries: 0 });
    sdkClients.set(baseURL, client);
  }
  const stream = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: PROMPT }],
    stream: true,
  });
  res.writeHead(200, TEXT_HEADERS);
  for await (const chunk of stream) {
    const content = chunk.choices[0]?.delta?.content;
    if (content && !res.write(content)) await drained(res);
  }
  res.end();
}

function serve(pairId: string, profile: TextProfile, chunks: number, res: ServerResponse): Promise<void> {
  switch (pairId) {
    case "readable-pipe": {
      const body = promptStream(profile, chunks).toReadableStream().pipeThrough(new TextEncoderStream());
      return sendWebResponse(new Response(body, { headers: TEXT_HEADERS }), res);
    }
    case "text-response":
      return sendWebResponse(promptStream(profile, chunks).toTextResponse(), res);
    case "event-stream-response":
      return sendWebResponse(promptStream(profile, chunks).toEventStreamResponse(), res);
    case "pipe-node-events":
      return promptStream(profile, chunks).pipeToNodeResponse(res);
    case "pipe-node-text":
      return promptStream(profile, chunks).pipeToNodeResponse(res, { format: "text" });
    case "buffered-text":
      return promptStream(profile, chunks)
        .text()
        .then((text) => {
          res.writeHead(200, TEXT_HEADERS).end(text);
        });
    case "raw-sdk-write":
      return sendRawSdk(profile, chunks, res);
    default:
      throw new Error(`no pair ${pairId}`);
  }
}

/** Resolves once the response is finished (all handed to the socket) or the client went away. */
function ended(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.writableFinished || res.destroyed) return resolve();
    res.once("finish", resolve);
    res.once("close", resolve);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const socket = req.socket;
  const bytesBefore = socket.bytesWritten;
  const route = parseRelayPath(req.url ?? "");
  if (route === undefined) {
    res.writeHead(404).end();
    return;
  }
  // Counts writes for every pair alike (one closure call per write), to show how chunks were batched.
  let writes = 0;
  const write = res.write;
  res.write = function countedWrite(this: ServerResponse, ...args: Parameters<ServerResponse["write"]>) {
    writes += 1;
    return write.apply(this, args);
  } as ServerResponse["write"];
  let error: string | undefined;
  try {
    await serve(route.pairId, route.profile, route.chunks, res);
  } catch (caught) {
    error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    res.destroy();
  }
  await ended(res);
  const cpu = process.cpuUsage(cpuBefore);
  const report: RelayReport = {
    type: "report",
    runId: route.runId,
    cpuUs: cpu.user + cpu.system,
    wireBytes: socket.bytesWritten - bytesBefore,
    writes,
    ...(error === undefined ? {} : { error }),
  };
  process.send?.(report);
}

const server = createServer((req, res) => void handle(req, res));
// Longer than undici's 4 s keep-alive, so a pooled socket is never closed under a request.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.requestTimeout = 0;

process.on("message", (message: { type?: string }) => {
  if (message.type !== "gc") return;
  globalThis.gc?.();
  process.send?.({ type: "gc-done" });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the relay has no port");
  process.send?.({ port: address.port });
});

// The parent went away (finished or crashed): do not outlive it. A normal exit, so --cpu-prof writes its profile.
process.on("disconnect", () => process.exit(0));
