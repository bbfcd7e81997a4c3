import type { RecordedRequest, ScriptedResponse } from "../servers/loopback-server.js";
import type { CassetteResponseEnd } from "./cassette-file.js";
import type { CassetteSession } from "./cassette-session.js";
import {
  credentialsOf,
  recordableResponseHeaders,
  scrubChunks,
  scrubJSON,
  scrubPath,
  scrubText,
} from "./scrub-secrets.js";
import { splitAtEventBoundaries } from "./split-at-event-boundaries.js";

// Hop-by-hop headers, and the encoding headers fetch handles itself (it sends its own
// accept-encoding and hands back the body decoded, so the upstream's content-encoding no longer applies).
const NOT_FORWARDED = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "accept-encoding",
  "content-encoding",
]);

/**
 * Forwards a request to the session's upstream with its auth headers, streams the answer back
 * as it arrives, and fills the request's slot in the session with the exchange, keys scrubbed,
 * once the answer has ended.
 */
export async function recordExchange(
  request: RecordedRequest,
  session: CassetteSession,
  pathPrefix: string,
): Promise<ScriptedResponse> {
  const slot = session.interactions.push(undefined) - 1;
  const credentials = credentialsOf(
    request.headers,
    request.path,
    session.provider.keyVariables.map((name) => process.env[name]),
  );
  const target = `${session.upstream.replace(/\/$/, "")}${request.path.slice(pathPrefix.length)}`;
  const abort = new AbortController();
  // The client hung up (a `break`, an abort): stop the upstream too, rather than let it run on.
  void request.outcome.then((outcome) => outcome === "closed-early" && abort.abort());
  let response: Response;
  try {
    response = await fetch(target, {
      method: request.method,
      headers: forwardedHeaders(request.headers),
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: abort.signal,
    });
  } catch (error) {
    // Not recorded: a cassette holds what the API answered, not that the network was down.
    const message = scrubText(`recording proxy: ${target} could not be reached: ${String(error)}`, credentials);
    return {
      status: 502,
      headers: { "content-type": "application/json" },
      body: [JSON.stringify({ error: { message } })],
    };
  }
  const chunks: string[] = [];
  const chunkTimesMs: number[] = [];
  let finish!: (end: CassetteResponseEnd) => void;
  const finished = new Promise<void>((resolve) => {
    finish = (end) => {
      const isEventStream = response.headers.get("content-type")?.includes("text/event-stream") === true;
      const events = splitAtEventBoundaries({ pieces: chunks, timesMs: chunkTimesMs }, isEventStream);
      const scrubbedChunks = scrubChunks(events.pieces, credentials);
      session.interactions[slot] = {
        request: {
          method: request.method,
          path: scrubPath(request.path, credentials),
          model: modelOf(request),
          body: scrubJSON(request.body, credentials),
        },
        response: {
          status: response.status,
          headers: recordableResponseHeaders(response.headers, credentials),
          chunks: scrubbedChunks,
          // Chunks merged to scrub a key split between two of them arrive when the last did.
          chunkTimesMs: scrubbedChunks.length === events.pieces.length ? events.timesMs : [events.timesMs.at(-1) ?? 0],
          end,
        },
      };
      session.inFlight.delete(finished);
      resolve();
    };
  });
  session.inFlight.add(finished);
  return {
    status: response.status,
    headers: forwardedResponseHeaders(response.headers),
    body: relay(response.body, chunks, chunkTimesMs, finish),
  };
}

async function* relay(
  body: ReadableStream<Uint8Array> | null,
  chunks: string[],
  chunkTimesMs: number[],
  finish: (end: CassetteResponseEnd) => void,
): AsyncGenerator<string> {
  const start = performance.now();
  const decoder = new TextDecoder();
  let end: CassetteResponseEnd = "reset";
  try {
    const reader = body?.getReader();
    for (let read = await reader?.read(); read !== undefined && !read.done; read = await reader?.read()) {
      // stream: true keeps a character split across two reads whole for the next chunk.
      const text = decoder.decode(read.value, { stream: true });
      if (text === "") continue;
      chunks.push(text);
      chunkTimesMs.push(Math.round(performance.now() - start));
      yield text;
    }
    const rest = decoder.decode();
    if (rest !== "") {
      chunks.push(rest);
      chunkTimesMs.push(Math.round(performance.now() - start));
      yield rest;
    }
    end = "complete";
  } finally {
    // Also when the client left early: what arrived until then is replayed, then a reset.
    finish(end);
  }
}

function forwardedHeaders(headers: RecordedRequest["headers"]): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    forwarded[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return forwarded;
}

function forwardedResponseHeaders(headers: Headers): Record<string, string> {
  const forwarded: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!NOT_FORWARDED.has(name)) forwarded[name] = value;
  });
  return forwarded;
}

/** The model: in the body for OpenAI and Anthropic, in the path for Gemini (`/models/{model}:...`). */
function modelOf(request: RecordedRequest): string | undefined {
  const inBody = (request.body as { model?: unknown } | undefined)?.model;
  if (typeof inBody === "string") return inBody;
  return /\/models\/([^:/?]+)/.exec(request.path)?.[1];
}
