import { AuthenticationError, type ReliabilityOptions } from "@promptstream/core";
import { expect } from "vitest";
import type { FaultScript } from "../fault-harness.js";
import { interrupted, type Outcome, timeoutFailure } from "../suite/expected-failure.js";
import type { FaultFamily } from "../suite/fault-suite.js";
import { READ_MODES, readAndCheck } from "../suite/read-and-check.js";
import { httpError } from "../suite/scenario-script.js";

const CONCURRENT_STREAMS = 100;
/**
 * The idle timeout of the stalled streams among the concurrent ones. It must not fire before their
 * first piece, or the stream is retried (a timeout before the first chunk is retryable) and the
 * scenario is no longer "a stall after a piece": with 100 streams opening at once while other test
 * files load both cores (CI runs them in parallel), a first piece took over 1 s to arrive.
 */
const CONCURRENT_IDLE_MS = 4_000;

/** The item at `n`, counting round a non-empty list again and again. */
function cycle<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error("cycle() needs a non-empty list");
  return item;
}

/** One fault of the concurrent scenario, for a stream of its own pieces. */
interface MixedFault {
  readonly name: string;
  readonly answer: (attempt: number, pieces: readonly string[]) => FaultScript;
  readonly options?: ReliabilityOptions;
  readonly outcome: (pieces: readonly string[]) => Outcome;
}

const dishPieces = (n: number): string[] => ["Recipe", " for", " dish", ` #${n}`, " with", " apples."];
const whole = (pieces: readonly string[]): FaultScript => ({ kind: "stream", pieces });
const firstThenWhole =
  (failing: FaultScript) =>
  (attempt: number, pieces: readonly string[]): FaultScript =>
    attempt === 1 ? failing : whole(pieces);

const MIXED_FAULTS: readonly MixedFault[] = [
  {
    name: "no fault",
    answer: (_, pieces) => whole(pieces),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 1 }),
  },
  {
    name: "500 then whole",
    answer: firstThenWhole(httpError(500, "The server had an error.")),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 2 }),
  },
  {
    name: "429 retry-after-ms 20 then whole",
    answer: firstThenWhole(httpError(429, "Rate limit reached.", { "retry-after-ms": "20" })),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 2 }),
  },
  {
    name: "reset after 2 pieces",
    answer: (_, pieces) => ({ kind: "stream", pieces, cut: { after: 2, how: "reset" } }),
    outcome: (pieces) => ({ failure: interrupted(pieces.slice(0, 2).join("")), attempts: 1 }),
  },
  {
    name: "401",
    answer: () => httpError(401, "Incorrect API key provided."),
    outcome: () => ({
      failure: {
        Class: AuthenticationError,
        name: "AuthenticationError",
        code: "authentication",
        retryable: false,
        partialText: "",
        status: 401,
      },
      attempts: 1,
    }),
  },
  {
    name: "no final event",
    answer: (_, pieces) => ({ kind: "stream", pieces, cut: { after: pieces.length, how: "truncate" } }),
    outcome: (pieces) => ({ failure: interrupted(pieces.join("")), attempts: 1 }),
  },
  {
    name: "malformed after 3 pieces",
    answer: (_, pieces) => ({ kind: "stream", pieces, cut: { after: 3, how: "malformed" } }),
    outcome: (pieces) => ({ failure: interrupted(pieces.slice(0, 3).join(""), false), attempts: 1 }),
  },
  {
    name: "529 then whole",
    answer: firstThenWhole(httpError(529, "Overloaded.")),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 2 }),
  },
  {
    name: "stall after 1 piece",
    answer: (_, pieces) => ({ kind: "stream", pieces, cut: { after: 1, how: "stall" } }),
    options: { idleTimeout: CONCURRENT_IDLE_MS },
    outcome: (pieces) => ({ failure: timeoutFailure(pieces[0] ?? "", "idle"), attempts: 1 }),
  },
  {
    name: "reset before the headers then whole",
    answer: firstThenWhole({ kind: "reset-before-headers" }),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 2 }),
  },
];

/**
 * The concurrency scenario: {@link CONCURRENT_STREAMS} streams at once over one server, each
 * with a fault of its own and read its own way, each checked as if it ran alone.
 */
export const concurrencyFaults: FaultFamily = ({ harness, scenario }) => {
  scenario(`${CONCURRENT_STREAMS} concurrent streams with faults mixed in`, async ({ serve, ask }) => {
    const attemptsByDish = new Map<number, number>();
    const server = await serve((_attempt, request) => {
      const n = Number(/dish #(\d+)/.exec(JSON.stringify(request.body))?.[1]);
      const seen = (attemptsByDish.get(n) ?? 0) + 1;
      attemptsByDish.set(n, seen);
      return cycle(MIXED_FAULTS, n).answer(seen, dishPieces(n));
    });
    const client = harness.wire.client(server.url);
    const runs = Array.from({ length: CONCURRENT_STREAMS }, async (_, n) => {
      const fault = cycle(MIXED_FAULTS, n);
      const stream = ask(client, `dish #${n}`).stream(undefined, fault.options);
      const mode = cycle(READ_MODES, n);
      await readAndCheck(
        stream,
        mode,
        fault.outcome(dishPieces(n)),
        harness.name,
        `stream ${n} (${fault.name}), read with ${mode}`,
      );
      return fault.outcome(dishPieces(n)).attempts;
    });
    const attempts = await Promise.all(runs);
    expect(server.requests).toHaveLength(attempts.reduce((sum, n) => sum + n, 0));
    for (const [n, count] of attemptsByDish) expect(count, `requests for stream ${n}`).toBe(attempts[n]);
  });
};
