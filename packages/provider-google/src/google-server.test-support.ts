/**
 * What this package's tests share: the testkit's Gemini loopback server (`startGoogleGeminiServer`,
 * through the real `@google/genai` SDK) behind the small interface the tests were written against,
 * and builders of Gemini's JSON lines.
 */
import { type RecordedRequest, startGoogleGeminiServer } from "@promptstream/testing";

/** A request as the server received it. */
export interface GeminiRequest {
  readonly method: string;
  /** The path with its query, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
  readonly url: string;
  readonly headers: RecordedRequest["headers"];
  readonly body: Record<string, unknown>;
}

/** How the server answers one request. */
export type GeminiScript =
  /** A stream: each line is one event's data; `hold` keeps the body open after them (until the client leaves). */
  | { readonly lines: readonly string[]; readonly hold?: boolean }
  /** A non-streamed answer, or an error body with its status. */
  | { readonly json: unknown; readonly status?: number };

export interface GeminiServer {
  readonly baseURL: string;
  readonly requests: readonly GeminiRequest[];
  /** Resolves when the client closed the last request's connection before its answer ended (it hung up). */
  readonly clientHungUp: Promise<void>;
  close(): Promise<void>;
}

/** Starts the server; `answer` picks the script for each request. */
export async function startGeminiServer(answer: (request: GeminiRequest) => GeminiScript): Promise<GeminiServer> {
  const asGemini = (request: RecordedRequest): GeminiRequest => ({
    method: request.method,
    url: request.path,
    headers: request.headers,
    body: (request.body ?? {}) as Record<string, unknown>,
  });
  const server = await startGoogleGeminiServer((request) => {
    const script = answer(asGemini(request));
    if ("json" in script) return { json: script.json, status: script.status };
    // Lines framed here, as they are: a test may send one that is not JSON.
    return { events: script.lines.map((line) => `data: ${line}\r\n\r\n`), stallAtEnd: script.hold };
  });
  return {
    baseURL: server.baseURL,
    get requests() {
      return server.requests.map(asGemini);
    },
    get clientHungUp() {
      const last = server.requests.at(-1);
      if (last === undefined) return Promise.reject(new Error("no request was received"));
      return last.outcome.then((outcome) => {
        if (outcome !== "closed-early") throw new Error("the client read the answer to its end");
      });
    },
    close: () => server.close(),
  };
}

/** One streamed response's JSON line, as Gemini writes it. */
export function geminiChunk(
  parts: readonly Record<string, unknown>[],
  extra: { finishReason?: string; usageMetadata?: Record<string, unknown>; promptFeedback?: unknown } = {},
): string {
  const { finishReason, usageMetadata, promptFeedback } = extra;
  const candidate: Record<string, unknown> = { content: { role: "model", parts }, index: 0 };
  if (finishReason !== undefined) candidate.finishReason = finishReason;
  return JSON.stringify({
    candidates: [candidate],
    ...(usageMetadata === undefined ? {} : { usageMetadata }),
    ...(promptFeedback === undefined ? {} : { promptFeedback }),
    modelVersion: "gemini-2.5-flash",
    responseId: "resp-test-1",
  });
}

/** A text answer in chunks, ending with `STOP` and usage. */
export function geminiTextLines(pieces: readonly string[], finishReason = "STOP"): string[] {
  return pieces.map((text, at) =>
    geminiChunk(
      [{ text }],
      at === pieces.length - 1
        ? {
            finishReason,
            usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 5, thoughtsTokenCount: 3, totalTokenCount: 15 },
          }
        : {},
    ),
  );
}
