/**
 * The web figure's server/client pairs and its sizes. Shared by the relay server (which implements
 * each pair's server side) and the orchestrator (each pair's client side).
 */
import type { TextProfile } from "../scenario.js";

/** How a pair's client reads the body: raw bytes decoded to text, or promptstream's event-stream client. */
export type ClientKind = "raw-text" | "read-response-stream" | "fetch-response-stream";

export interface WebPair {
  readonly id: string;
  readonly label: string;
  /** What the relay server does with the stream, for the table's notes. */
  readonly server: string;
  readonly client: ClientKind;
}

/** In table order; the first is the baseline every ratio is to. */
export const WEB_PAIRS: readonly WebPair[] = [
  {
    id: "readable-pipe",
    label: "ReadableStream pipe (baseline)",
    server:
      "new Response(stream.toReadableStream().pipeThrough(new TextEncoderStream())), body read and res.write() per read",
    client: "raw-text",
  },
  {
    id: "text-response",
    label: "toTextResponse()",
    server: "stream.toTextResponse(), body read and res.write() per read",
    client: "raw-text",
  },
  {
    id: "event-stream-response",
    label: "toEventStreamResponse() + readResponseStream",
    server: "stream.toEventStreamResponse(), body read and res.write() per read",
    client: "read-response-stream",
  },
  {
    id: "pipe-node-events",
    label: "pipeToNodeResponse() + fetchResponseStream",
    server: "stream.pipeToNodeResponse(res) (event-stream)",
    client: "fetch-response-stream",
  },
  {
    id: "pipe-node-text",
    label: "pipeToNodeResponse({ format: text })",
    server: 'stream.pipeToNodeResponse(res, { format: "text" })',
    client: "raw-text",
  },
  {
    id: "raw-sdk-write",
    label: "openai SDK → res.write (2nd baseline)",
    server: "openai chat.completions.create({ stream: true }), res.write(delta) per chunk, no promptstream",
    client: "raw-text",
  },
  {
    // Not streamed: the relay's CPU here is the provider's own cost, which every promptstream pair includes.
    id: "buffered-text",
    label: "await stream.text(), one res.end (not streamed)",
    server: "res.end(await stream.text()): the whole text in one write at the end, the provider's cost alone",
    client: "raw-text",
  },
];

export interface WebConfig {
  readonly name: "full" | "smoke";
  readonly chunks: number;
  readonly profile: TextProfile;
  /** Untimed runs of every pair first (interleaved), so that every path is compiled before timing. */
  readonly warmups: number;
  /** Timed runs of every pair, interleaved (the order rotates each round); the figures are their medians. */
  readonly runs: number;
}

export const WEB_FULL: WebConfig = { name: "full", chunks: 20_000, profile: "english", warmups: 3, runs: 7 };
export const WEB_SMOKE: WebConfig = { name: "smoke", chunks: 200, profile: "english", warmups: 1, runs: 2 };

/** The relay's path for one run of a pair: `/web/{pair}/{profile}/{chunks}/{run id}`. */
export function relayPath(pairId: string, profile: TextProfile, chunks: number, runId: number): string {
  return `/web/${pairId}/${profile}/${chunks}/${runId}`;
}

export function parseRelayPath(
  path: string,
): { pairId: string; profile: TextProfile; chunks: number; runId: number } | undefined {
  const match = /^\/web\/([a-z-]+)\/(english|multilingual)\/(\d+)\/(\d+)$/.exec(path);
  if (match === null) return undefined;
  return {
    pairId: match[1] ?? "",
    profile: match[2] as TextProfile,
    chunks: Number(match[3]),
    runId: Number(match[4]),
  };
}

/** What the relay reports over IPC after each response. */
export interface RelayReport {
  readonly type: "report";
  readonly runId: number;
  /** process.cpuUsage() (user + system) of the relay from the request's arrival to the response's end. */
  readonly cpuUs: number;
  /** Bytes the socket took for this response: status line, headers, chunked framing and body. */
  readonly wireBytes: number;
  /** `res.write()` calls for this response (by the relay or by pipeToNodeResponse): how the chunks were batched. */
  readonly writes: number;
  readonly error?: string;
}
