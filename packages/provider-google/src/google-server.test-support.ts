/**
 * A minimal Gemini API loopback server for this package's tests: it records each request the
 * real `@google/genai` SDK sends, and answers `:streamGenerateContent?alt=sse` with server-sent
 * events (`data: <json>\r\n\r\n`, as Gemini frames them) and `:generateContent` with JSON.
 * (A fuller Gemini wire format is being added to @promptstream/testing; this one stays local.)
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the server received it. */
export interface GeminiRequest {
  readonly method: string;
  /** The path with its query, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
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
  readonly requests: GeminiRequest[];
  /** Resolves when the client closed a held stream's connection (it hung up). */
  readonly clientHungUp: Promise<void>;
  close(): Promise<void>;
}

/** Starts the server; `answer` picks the script for each request. */
export async function startGeminiServer(answer: (request: GeminiRequest) => GeminiScript): Promise<GeminiServer> {
  const requests: GeminiRequest[] = [];
  let hungUp: () => void = () => {};
  const clientHungUp = new Promise<void>((resolve) => {
    hungUp = resolve;
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (piece: string) => {
      text += piece;
    });
    req.on("end", () => {
      const request: GeminiRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
      requests.push(request);
      const script = answer(request);
      if ("json" in script) {
        res.writeHead(script.status ?? 200, { "content-type": "application/json" });
        res.end(JSON.stringify(script.json));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const line of script.lines) res.write(`data: ${line}\r\n\r\n`);
      if (script.hold === true) res.on("close", () => hungUp());
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    clientHungUp,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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
