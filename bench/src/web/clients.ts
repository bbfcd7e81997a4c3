/**
 * The client side of each pair, run by the orchestrator over a real loopback socket. Every client
 * collects the text with the bench's `TextCollector`; the event-stream clients also check that the
 * stream's own `text()` (from the final `response` event) is the same text.
 */
import { fetchResponseStream, readResponseStream } from "@promptstream/core/client";
import { type StreamResult, TextCollector } from "../consumers/consumer.js";
import type { ClientKind } from "./pairs.js";

/** `fetch` and a reader; the bytes decoded as they come. What the baselines' clients do. */
async function readRawText(url: string): Promise<StreamResult> {
  const response = await fetch(url);
  if (!response.ok || response.body === null) throw new Error(`the relay answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const collector = new TextCollector();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    collector.add(decoder.decode(value, { stream: true }));
  }
  collector.add(decoder.decode());
  return collector.result();
}

type ClientStream = ReturnType<typeof readResponseStream>;

async function collectChunks(stream: ClientStream): Promise<StreamResult> {
  const collector = new TextCollector();
  for await (const chunk of stream) collector.add(chunk.content);
  const result = collector.result();
  const final = await stream.text();
  if (final !== result.text) {
    throw new Error(
      `the response event's text (${final.length} chars) differs from the chunks' (${result.text.length})`,
    );
  }
  return result;
}

export function runClient(kind: ClientKind, url: string): Promise<StreamResult> {
  switch (kind) {
    case "raw-text":
      return readRawText(url);
    case "read-response-stream":
      return fetch(url).then((response) => collectChunks(readResponseStream(response)));
    case "fetch-response-stream":
      return collectChunks(fetchResponseStream(url));
  }
}
