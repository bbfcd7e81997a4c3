/**
 * Records an exchange against a loopback stand-in of a provider's API, as `PROMPTSTREAM_RECORD=1`
 * records one against the real API, then stops the stand-in and replays the cassette: what a
 * prompt gives in the two runs can then be compared.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PromptstreamError } from "@promptstream/core";
import { CASSETTE_PROVIDERS, type LoopbackServer, useCassette } from "@promptstream/testing";
import { vi } from "vitest";

/** The key used while recording: shaped like a real one, so that a leak would be plain. */
export const RECORDING_KEY = "sk-live-recording-example-0123456789abcdef";

export interface RecordThenReplayOptions<T> {
  readonly provider: keyof typeof CASSETTE_PROVIDERS;
  /** A loopback server speaking the provider's wire format: the "real API" while recording. */
  readonly standIn: LoopbackServer & { readonly baseURL: string };
  /** What the test does with its prompts: run once recording, once replaying. */
  readonly run: () => Promise<T>;
  /** The same prompts with a change: replayed, it must fail as a mismatch. */
  readonly runChanged?: () => Promise<unknown>;
}

export interface RecordedThenReplayed<T> {
  readonly recorded: T;
  readonly replayed: T;
  /** The cassette file's text. */
  readonly cassette: string;
  /** How many requests the stand-in received while recording. */
  readonly upstreamRequests: number;
  /** What the changed run failed with in replay, if there was one. */
  readonly changedFailure?: unknown;
}

export async function recordThenReplay<T>(options: RecordThenReplayOptions<T>): Promise<RecordedThenReplayed<T>> {
  const { provider, standIn } = options;
  const dir = await mkdtemp(join(tmpdir(), "promptstream-cassettes-"));
  try {
    vi.stubEnv(CASSETTE_PROVIDERS[provider].keyVariables[0], RECORDING_KEY);
    const recording = await useCassette("exchange", { provider, dir, mode: "record", upstream: standIn.baseURL });
    const recorded = await options.run().finally(() => recording.close());
    await standIn.close();
    vi.unstubAllEnvs();

    const replaying = await useCassette("exchange", { provider, dir, mode: "replay" });
    let changedFailure: unknown;
    try {
      const replayed = await options.run();
      if (replaying.mismatches.length > 0) throw new Error(replaying.mismatches.join("\n"));
      if (options.runChanged !== undefined)
        changedFailure = await options.runChanged().then(() => undefined, failureOf);
      const cassette = await readFile(recording.path, "utf8");
      return { recorded, replayed, cassette, upstreamRequests: standIn.requests.length, changedFailure };
    } finally {
      await replaying.close();
    }
  } finally {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a caller can see of a failure: its class, code, status and message. */
export function failureOf(error: unknown) {
  if (!PromptstreamError.isInstance(error)) throw error;
  const { name, code, status, retryable, message } = error;
  const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
  return { name, code, status, retryable, retryAfterMs, message };
}

/** Everything a stream gives: chunk contents, tool calls and results, and the final response's fields. */
export async function readWholly(stream: AsyncIterable<{ kind?: string; content: string }> & StreamResponse) {
  const contents: string[] = [];
  const tools: unknown[] = [];
  for await (const chunk of stream) {
    if (chunk.kind === undefined) contents.push(chunk.content);
    else if (chunk.kind === "tool-call" || chunk.kind === "tool-result") tools.push(toolEvent(chunk));
  }
  const { content, finishReason, usage, model, id } = await stream.response();
  return { contents, tools, content, finishReason, usage, model, id, attempts: stream.attempts };
}

interface StreamResponse {
  readonly attempts: number;
  response(): Promise<{ content: string; finishReason?: string; usage?: unknown; model?: string; id?: string }>;
}

function toolEvent(chunk: object) {
  const { kind, toolCall, result } = chunk as {
    kind: string;
    toolCall: { id: string; name: string; args?: unknown };
    result?: unknown;
  };
  return { kind, id: toolCall.id, name: toolCall.name, args: toolCall.args, result };
}
