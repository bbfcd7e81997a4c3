import type { RecordedRequest, ScriptedResponse } from "../servers/loopback-server.js";
import type { CassetteInteraction } from "./cassette-file.js";
import type { CassetteSession } from "./cassette-session.js";
import { matchRecordedRequest } from "./match-recorded-request.js";
import { credentialsOf, scrubJSON, scrubPath } from "./scrub-secrets.js";

/**
 * Answers a request from the session's cassette: the recorded response of the first interaction
 * not served yet with the same method, path and body, byte for byte. A request that matches none
 * gets a 400 whose message says what differed, in an error body every provider's SDK reads the
 * message from, so that the test fails with an `invalid_request` ProviderError that explains itself.
 */
export function replayExchange(request: RecordedRequest, session: CassetteSession): ScriptedResponse {
  // Scrubbed as the recorded request was, so that the two compare equal.
  const credentials = credentialsOf(request.headers, request.path, []);
  const sent = {
    method: request.method,
    path: scrubPath(request.path, credentials),
    body: scrubJSON(request.body, credentials),
  };
  const recorded = session.interactions.filter((interaction) => interaction !== undefined);
  const match = matchRecordedRequest(recorded, session.served, sent, session.ignoreBodyFields);
  if (match.type === "no-match") {
    const message =
      `cassette "${session.name}" (${session.path}) has no recorded answer for ${sent.method} ${sent.path}: ` +
      `${match.difference}. If the prompt changed on purpose, record the cassette again: ${session.recordCommand}`;
    session.mismatches.push(message);
    return errorResponse(400, message);
  }
  session.served.add(match.index);
  return recordedResponse(match.interaction, session);
}

/** An error body in the shapes of OpenAI (`error.message`), Anthropic (`type: "error"`) and Google (`error.status`) at once. */
export function errorResponse(status: number, message: string): ScriptedResponse {
  const body = {
    type: "error",
    error: { type: "invalid_request_error", code: status, status: "INVALID_ARGUMENT", message },
  };
  return { status, headers: { "content-type": "application/json" }, body: [JSON.stringify(body)] };
}

function recordedResponse({ response }: CassetteInteraction, session: CassetteSession): ScriptedResponse {
  return {
    status: response.status,
    headers: response.headers,
    body: session.timing === "recorded" ? atRecordedTimes(response.chunks, response.chunkTimesMs) : response.chunks,
    resetAtEnd: response.end === "reset",
    // Before a reset, time for the client to read the chunks: a reset discards what it has not read.
    endDelayMs: response.end === "reset" ? 50 : undefined,
  };
}

async function* atRecordedTimes(chunks: readonly string[], timesMs: readonly number[]): AsyncGenerator<string> {
  const start = performance.now();
  for (const [index, chunk] of chunks.entries()) {
    const wait = (timesMs[index] ?? 0) - (performance.now() - start);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    yield chunk;
  }
}
