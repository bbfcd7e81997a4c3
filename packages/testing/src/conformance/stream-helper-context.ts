import { afterEach, beforeEach } from "vitest";
import { splitWords } from "../split-words.js";
import type {
  ConformanceRequest,
  ConformanceScript,
  ConformanceServer,
  ConformanceUsage,
  StreamHelperHarness,
} from "./conformance-harness.js";

/** The pause between the events of a topic starting with "slow": time for a reader to leave or abort in the middle. */
const SLOW_DELAY_MS = 30;
const MODEL = "stream-helpers-model-2025-01-01";
/** The topic whose answer is written in one piece; see {@link ConformanceScript} `inOneWrite`. */
export const BUFFERED_TOPIC = "buffered";

/** The answer to a topic: 25 words for a slow one, so that there is a middle to leave in. */
export function answerFor(topic: string): string {
  const words = topic.startsWith("slow")
    ? Array.from({ length: 25 }, (_, i) => `word${i}`).join(" ")
    : `three facts about ${topic}: it is ${topic}, it is unique, and it streams.`;
  return `About ${topic}: ${words}`;
}

/** The non-empty pieces of text the server streams for a topic, in order: the tests derive their expectations from these. */
export function piecesFor(topic: string): string[] {
  return splitWords(answerFor(topic));
}

/** The token counts the server reports for a topic: different for each, so that a mix-up shows. */
export function usageFor(topic: string): ConformanceUsage {
  return { input: 10 + topic.length, output: piecesFor(topic).length };
}

/** The response id the server sends for a topic. */
function idFor(topic: string): string {
  return `answer-${topic}`;
}

function scriptFor(topic: string): ConformanceScript {
  const concurrent = /^concurrent-(\d+)$/.exec(topic);
  return {
    kind: "text",
    pieces: piecesFor(topic),
    finishReason: "stop",
    usage: usageFor(topic),
    id: idFor(topic),
    model: MODEL,
    // Concurrent streams get different paces, so that their events interleave.
    delayMs: topic.startsWith("slow") ? SLOW_DELAY_MS : concurrent ? (Number(concurrent[1]) % 4) + 1 : undefined,
    inOneWrite: topic === BUFFERED_TOPIC,
  };
}

/** The topic a request asks about, from the rendered "Tell me about {topic}" wherever the wire format puts it. */
export function topicOf(request: ConformanceRequest): string {
  const topic = /Tell me about ([\w-]+)/.exec(JSON.stringify(request.body))?.[1];
  if (topic === undefined) throw new Error(`no topic in the request: ${JSON.stringify(request.body)}`);
  return topic;
}

/**
 * Registers a fresh server for each test of the suite, answering each topic with its own text,
 * and returns what the tests use: the prompt, the requests received and the expected fields.
 */
export function createStreamHelperContext<TClient>(harness: StreamHelperHarness<TClient>) {
  let server: ConformanceServer<TClient> | undefined;
  beforeEach(async () => {
    server = await harness.startServer();
    server.script((request) => scriptFor(topicOf(request)));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function current(): ConformanceServer<TClient> {
    if (server === undefined) throw new Error("the stream helper suite's server runs only inside its tests");
    return server;
  }
  const unreported = new Set(harness.unreportedFields ?? []);

  return {
    provider: harness.provider ?? harness.name,
    /** The suite's prompt for a topic; no retries, so that each read sends exactly one request. */
    ask(topic: string, options: { signal?: AbortSignal } = {}) {
      const TopicPrompt = harness.Prompt({
        template: "Tell me about {topic}",
        client: current().client,
        maxRetries: 0,
      });
      return new TopicPrompt({ topic }, options);
    },
    /** Every request the server received in this test. */
    requests(): readonly ConformanceRequest[] {
      return current().requests;
    },
    /** The request the server received at `index` (0-based), failing clearly when there is none. */
    requestAt(index: number): ConformanceRequest {
      const request = current().requests[index];
      if (request === undefined) throw new Error(`no request #${index}: the server saw ${current().requests.length}`);
      return request;
    },
    /** The `id` the response must have for a topic: the scripted one, or `undefined` where the provider sends none. */
    expectedId(topic: string): string | undefined {
      return unreported.has("id") ? undefined : idFor(topic);
    },
    /** The `model` the response must have: the scripted one, or `undefined` where the provider sends none. */
    expectedModel: unreported.has("model") ? undefined : MODEL,
  };
}

/** What the stream helper tests use, for one adapter. */
export type StreamHelperContext<TClient> = ReturnType<typeof createStreamHelperContext<TClient>>;

/** Resolves after `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
