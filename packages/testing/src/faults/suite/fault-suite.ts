import type { CallResponse, ReliabilityOptions, ResponseChunk, ResponseStream } from "@promptstream/core";
import { expect, it } from "vitest";
import { closedLoopbackPort } from "../../assertions.js";
import type { LoopbackServer } from "../../servers/loopback-server.js";
import type { FaultHarness } from "../fault-harness.js";
import type { ExpectedFailure, Outcome } from "./expected-failure.js";
import { READ_MODES, type ReadMode, readAndCheck } from "./read-and-check.js";
import { expectHandlesBack, trackResources, watchedHandles } from "./resource-tracker.js";
import { type Answer, TEMPLATE } from "./scenario-script.js";
import { outcomeSoon, pause } from "./suite-timers.js";

const SCENARIO_TIMEOUT_MS = 15_000;

/** A scripted server, with when each request arrived (`performance.now()`). */
interface FaultServer extends LoopbackServer {
  readonly arrivals: readonly number[];
}

interface Prompt {
  stream(callParams?: undefined, options?: ReliabilityOptions): ResponseStream<ResponseChunk, CallResponse>;
}

/** What a scenario needs: servers closed after it, and the prompt pointed at one. */
interface ScenarioContext<TClient> {
  serve(answer: Answer): Promise<FaultServer>;
  ask(client: TClient, ingredient?: string, options?: ReliabilityOptions): Prompt;
}

/** A scenario whose stream is read once per read mode, each time from a fresh server. */
export interface ReadScenario {
  /** What each request is answered with; `undefined` for a URL where nothing listens. */
  readonly answer: Answer | undefined;
  /** Call-level reliability options (the definition sets `retryDelayMs: 1`; `maxRetries` keeps its default, 2). */
  readonly options?: ReliabilityOptions;
  readonly outcome: Outcome;
  /** For a failure that a retry hides: what a user sees of it with `maxRetries: 0` (one more run, read with `for await`). */
  readonly withRetriesOff?: ExpectedFailure;
  /**
   * The requests (1 for the first) the client must have hung up on, giving up on a stall, or
   * `true` for all of them; checked before the server closes.
   */
  readonly clientHangsUp?: true | readonly number[];
  /** The least time between two requests, e.g. the `retry-after-ms` the server asked for. */
  readonly minRetryGapMs?: number;
  /** The most time between two requests, e.g. to show that a longer `retry-after` was not the one used. */
  readonly maxRetryGapMs?: number;
}

/** What the suite keeps across its scenarios: the rejections nobody handled, and the tally it ends by printing. */
export interface SuiteRecord {
  readonly unhandled: unknown[];
  readonly tally: { scenarios: number; passed: number; knownBugs: number };
}

/** What a scenario family registers its scenarios with. */
interface FaultSuite<TClient> {
  readonly harness: FaultHarness<TClient>;
  /** Registers one scenario: its body, then the checks every scenario shares. */
  scenario(name: string, body: (context: ScenarioContext<TClient>) => Promise<void>): void;
  /** Registers each read scenario, by name: read with each read mode, then, if it says so, with retries off. */
  readScenarios(scenarios: Readonly<Record<string, ReadScenario>>): void;
}

/** A family of scenarios, e.g. the HTTP statuses: registers them, in order, on the suite. */
export type FaultFamily = <TClient>(suite: FaultSuite<TClient>) => void;

/** The suite of `harness`'s scenarios, counted in `record`; call it inside the suite's `describe`. */
export function createFaultSuite<TClient>(harness: FaultHarness<TClient>, record: SuiteRecord): FaultSuite<TClient> {
  const { unhandled, tally } = record;

  function scenario(name: string, body: (context: ScenarioContext<TClient>) => Promise<void>): void {
    const bug = harness.knownBugs?.[name];
    tally.scenarios += 1;
    if (bug !== undefined) tally.knownBugs += 1;
    (bug === undefined ? it : it.fails)(
      name,
      async () => {
        const handlesBefore = watchedHandles();
        const created = trackResources();
        const unhandledBefore = unhandled.length;
        const servers: FaultServer[] = [];
        const context: ScenarioContext<TClient> = {
          async serve(answer) {
            let count = 0;
            const arrivals: number[] = [];
            const server = await harness.wire.start((request) => {
              arrivals.push(performance.now());
              count += 1;
              return answer(count, request);
            });
            const tracked = { ...server, arrivals };
            servers.push(tracked);
            return tracked;
          },
          ask(client, ingredient = "apples", options = {}) {
            const Ask = harness.Prompt({ template: TEMPLATE, client, retryDelayMs: 1 });
            return new Ask({ ingredient }, options);
          },
        };
        try {
          await body(context);
        } finally {
          await Promise.all(servers.map((server) => server.close()));
        }
        // Let any rejection nobody handled surface before looking.
        await pause(5);
        expect(unhandled.slice(unhandledBefore), "unhandled rejections").toEqual([]);
        try {
          await expectHandlesBack(handlesBefore, created);
        } finally {
          created.stop();
        }
        tally.passed += 1;
      },
      SCENARIO_TIMEOUT_MS,
    );
  }

  /** One run of a read scenario: a fresh server (or none), one stream, read one way, then every check. */
  async function run(
    context: ScenarioContext<TClient>,
    spec: ReadScenario,
    mode: ReadMode,
    outcome: Outcome,
    options: ReliabilityOptions,
  ): Promise<void> {
    const server = spec.answer === undefined ? undefined : await context.serve(spec.answer);
    const url = server?.url ?? `http://127.0.0.1:${await closedLoopbackPort()}`;
    const stream = context.ask(harness.wire.client(url)).stream(undefined, options);
    const where = `read with ${mode}, options ${JSON.stringify(options)}`;
    await readAndCheck(stream, mode, outcome, harness.name, where);
    expect(server?.requests.length ?? 0, `requests the server saw, ${where}`).toBe(
      spec.answer === undefined ? 0 : outcome.attempts,
    );
    if (server !== undefined && spec.clientHangsUp !== undefined) {
      const hungUpOn = spec.clientHangsUp === true ? server.requests.map((_, i) => i + 1) : spec.clientHangsUp;
      for (const n of hungUpOn)
        expect(await outcomeSoon(server.requests[n - 1]), `the client hung up on request ${n}, ${where}`).toBe(
          "closed-early",
        );
    }
    if (server !== undefined) {
      const gaps = server.arrivals.slice(1).map((arrival, i) => arrival - (server.arrivals[i] ?? 0));
      for (const gap of gaps) {
        if (spec.minRetryGapMs !== undefined)
          expect(gap, `time between attempts, ${where}`).toBeGreaterThanOrEqual(spec.minRetryGapMs);
        if (spec.maxRetryGapMs !== undefined)
          expect(gap, `time between attempts, ${where}`).toBeLessThan(spec.maxRetryGapMs);
      }
    }
  }

  function readScenarios(scenarios: Readonly<Record<string, ReadScenario>>): void {
    for (const [name, spec] of Object.entries(scenarios)) {
      scenario(name, async (context) => {
        for (const mode of READ_MODES) await run(context, spec, mode, spec.outcome, spec.options ?? {});
        if (spec.withRetriesOff !== undefined) {
          await run(
            context,
            spec,
            "for await",
            { failure: spec.withRetriesOff, attempts: 1 },
            { ...spec.options, maxRetries: 0 },
          );
        }
      });
    }
  }

  return { harness, scenario, readScenarios };
}
