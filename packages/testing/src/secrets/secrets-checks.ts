/**
 * Provider-neutral checks that an API key stays secret: where a key shows in an error (its
 * `cause` chain included) or in what an SDK logs, and the user-side reads of a prompt that the
 * secrets suites of the provider packages run against their loopback servers. Free of vitest:
 * each check returns what it found (a test asserts it is empty) or throws when a read did not go
 * the way the scenario needs.
 */

import { inspect } from "node:util";
import { PromptstreamError } from "@promptstream/core";
import { failureOfLoop, rejectionOf } from "../assertions.js";
import type { RecordedRequest } from "../servers/loopback-server.js";

// ---------------------------------------------------------------------------------------------
// Where a key shows up

/** The errors of a `cause` chain, from `error` down (a cycle stops it). */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && !chain.includes(current); ) {
    chain.push(current);
    current = typeof current === "object" ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}

function attempt(write: () => string | undefined): string {
  try {
    return write() ?? "";
  } catch (failure) {
    return `<could not serialise: ${String(failure)}>`;
  }
}

/** Where `key` shows in `error` and each of its causes: `[]` when nowhere. */
export function whereKeyShows(error: unknown, key: string): string[] {
  const places: string[] = [];
  causeChain(error).forEach((link, depth) => {
    const at = depth === 0 ? "error" : `cause ${depth}`;
    if (link instanceof Error && link.message.includes(key)) places.push(`${at}: message`);
    if (attempt(() => String(link)).includes(key)) places.push(`${at}: String()`);
    if (attempt(() => JSON.stringify(link)).includes(key)) places.push(`${at}: JSON.stringify()`);
    if (inspect(link, { depth: 10 }).includes(key)) places.push(`${at}: util.inspect(depth 10)`);
  });
  return places;
}

/**
 * What is wrong with the errors a scenario returned: none at all, one that is not a promptstream
 * error or lacks the scenario's `code`, and every place `key` shows in them. `[]` when all is well.
 */
export function keyInErrors(errors: readonly unknown[], code: string, key: string): string[] {
  if (errors.length === 0) return ["no error was returned"];
  return errors.flatMap((error, index) => {
    const problems: string[] = [];
    if (!PromptstreamError.isInstance(error))
      problems.push(`error ${index} is not a PromptstreamError: ${inspect(error)}`);
    const actual = (error as { code?: unknown } | null | undefined)?.code;
    if (actual !== code) problems.push(`error ${index} has code ${String(actual)}, not ${code}`);
    return [
      ...problems,
      ...whereKeyShows(error, key).map((place) => `error ${index} (${(error as Error).name}) ${place}`),
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// What an SDK logs

/** One call of a logger: its level and each argument as a logger would write it, serialised at once. */
export interface LogRecord {
  readonly level: string;
  readonly first: string;
  /** Each argument through `util.inspect` (depth 10), `JSON.stringify` and `String` (where they work). */
  readonly written: readonly string[];
}

/** A log call as a {@link LogRecord}, serialised at once. */
export function recordLogCall(level: string, args: readonly unknown[]): LogRecord {
  const written = args.flatMap((arg) => [
    inspect(arg, { depth: 10 }),
    attempt(() => JSON.stringify(arg)),
    attempt(() => String(arg)),
    ...(arg instanceof Headers ? [JSON.stringify([...arg])] : []),
  ]);
  return { level, first: typeof args[0] === "string" ? args[0] : inspect(args[0], { depth: 0 }), written };
}

/** A logger for an SDK's `logger` option that keeps everything it is given. */
export function capturingLogger(records: LogRecord[]) {
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      records.push(recordLogCall(level, args));
    };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}

/** The log calls that hold `key`, as `level: first argument`: `[]` when none. */
export function logsHolding(records: readonly LogRecord[], key: string): string[] {
  return records
    .filter((entry) => entry.written.some((text) => text.includes(key)))
    .map((entry) => `${entry.level}: ${entry.first}`);
}

/** Whether an SDK's debug logs were captured at all (a capture that sees nothing proves nothing). */
export function debugLogsCaptured(records: readonly LogRecord[]): boolean {
  return records.some((entry) => entry.level === "debug" && entry.first.includes("sending request"));
}

/** The `console` methods a secrets suite captures. */
export const CAPTURED_CONSOLE_METHODS = ["log", "debug", "info", "warn", "error", "trace"] as const;

// ---------------------------------------------------------------------------------------------
// Scenarios

/** The variables every secrets scenario prompts with. */
export const SECRETS_VARS = { ingredient: "apples" } as const;

/** What the scenarios read of a stream. */
export interface SecretsStream extends AsyncIterable<{ readonly content: string }> {
  text(): Promise<string>;
  response(): Promise<unknown>;
  abort(): void;
}

/** A prompt class as the scenarios use it: built from {@link SECRETS_VARS}, streamed or called. */
export type SecretsAsk = new (vars: {
  ingredient: string;
}) => {
  stream(params?: undefined, options?: { signal?: AbortSignal }): SecretsStream;
  call(params?: undefined, options?: { signal?: AbortSignal }): Promise<unknown>;
};

/** Where a scenario's requests go. */
export interface SecretsTarget {
  readonly baseURL: string;
  readonly requests: readonly RecordedRequest[];
}

/** Reads a stream that fails before its first chunk in the three ways a user would, and a call(). */
export async function failuresBeforeAnyChunk(Ask: SecretsAsk): Promise<unknown[]> {
  const fromText = await rejectionOf(new Ask(SECRETS_VARS).stream().text());
  const { error: fromLoop, received } = await failureOfLoop(new Ask(SECRETS_VARS).stream());
  if (received !== "")
    throw new Error(`the loop received ${JSON.stringify(received)} before failing, expected nothing`);
  const fromCall = await rejectionOf(new Ask(SECRETS_VARS).call());
  return [fromText, fromLoop, fromCall];
}

/** Reads a stream that fails in its middle: the loop's error, and text() and response() after it. */
export async function failuresMidStream(Ask: SecretsAsk): Promise<unknown[]> {
  const stream = new Ask(SECRETS_VARS).stream();
  const { error, received } = await failureOfLoop(stream);
  if (received === "") throw new Error("the loop received nothing before failing, expected some text");
  return [error, await rejectionOf(stream.text()), await rejectionOf(stream.response())];
}

/** Aborts a stream with stream.abort() after its first text: the loop's error (a StreamAbortedError) and text()'s. */
export async function failuresOfStreamAbort(Ask: SecretsAsk): Promise<unknown[]> {
  const stream = new Ask(SECRETS_VARS).stream();
  const { error } = await failureOfLoop({
    async *[Symbol.asyncIterator]() {
      for await (const chunk of stream) {
        yield chunk;
        if (chunk.content !== "") stream.abort();
      }
    },
  });
  if ((error as { name?: unknown } | null | undefined)?.name !== "StreamAbortedError") {
    throw new Error(`the loop failed with ${inspect(error)}, expected a StreamAbortedError`);
  }
  return [error, await rejectionOf(stream.text())];
}

/** Aborts a stream (after its first text) and a call() (after 30 ms) by their signals: the errors. */
export async function failuresOfAbortSignals(Ask: SecretsAsk): Promise<unknown[]> {
  const streamController = new AbortController();
  const stream = new Ask(SECRETS_VARS).stream(undefined, { signal: streamController.signal });
  const { error: fromLoop } = await failureOfLoop({
    async *[Symbol.asyncIterator]() {
      for await (const chunk of stream) {
        yield chunk;
        if (chunk.content !== "") streamController.abort();
      }
    },
  });
  const callController = new AbortController();
  setTimeout(() => callController.abort(), 30);
  const fromCall = await rejectionOf(new Ask(SECRETS_VARS).call(undefined, { signal: callController.signal }));
  return [fromLoop, fromCall];
}
