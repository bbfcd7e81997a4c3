/**
 * The floor's SSE parser: the least work that turns a fetch body into events. It splits on one
 * line ending, `newline` ("\n", or "\r\n" for Gemini's stream, which ends its lines so), keeps
 * `event:` and `data:` fields, and yields an event at each blank line. It does not handle mixed
 * line endings, comments, `id:` or `retry:` (the bench server sends none).
 */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

export async function* sseEvents(
  body: ReadableStream<Uint8Array>,
  newline = "\n",
): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  let data = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let start = 0;
    let end = buffer.indexOf(newline, start);
    while (end !== -1) {
      const line = buffer.slice(start, end);
      start = end + newline.length;
      if (line === "") {
        if (data !== "") yield { event, data };
        event = "";
        data = "";
      } else if (line.startsWith("data: ")) {
        data = data === "" ? line.slice(6) : `${data}\n${line.slice(6)}`;
      } else if (line.startsWith("event: ")) {
        event = line.slice(7);
      }
      end = buffer.indexOf(newline, start);
    }
    buffer = buffer.slice(start);
  }
}

/** POSTs JSON and returns the response body, failing on a non-2xx status. */
export async function postForStream(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok || response.body === null)
    throw new Error(`HTTP ${response.status} from ${url}: ${await response.text()}`);
  return response.body;
}
