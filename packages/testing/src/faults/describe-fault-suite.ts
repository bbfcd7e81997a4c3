import { afterAll, beforeAll, describe, expect } from "vitest";
import type { FaultHarness } from "./fault-harness.js";
import { abortFaults } from "./scenarios/abort-faults.js";
import { concurrencyFaults } from "./scenarios/concurrency-faults.js";
import { connectionFaults } from "./scenarios/connection-faults.js";
import { httpStatusFaults } from "./scenarios/http-status-faults.js";
import { midStreamFaults } from "./scenarios/mid-stream-faults.js";
import { outputFaults } from "./scenarios/output-faults.js";
import { timeoutFaults } from "./scenarios/timeout-faults.js";
import { toolCallFaults } from "./scenarios/tool-call-faults.js";
import { createFaultSuite, type FaultFamily, type SuiteRecord } from "./suite/fault-suite.js";

// In this order, so that the scenarios are registered, and reported, in the order they always were.
const FAULT_FAMILIES: readonly FaultFamily[] = [
  connectionFaults,
  httpStatusFaults,
  midStreamFaults,
  timeoutFaults,
  abortFaults,
  concurrencyFaults,
  toolCallFaults,
  outputFaults,
];

/**
 * Registers a vitest `describe` that injects every fault a provider's HTTP stream can meet
 * (refused and reset connections, HTTP errors, retry-after, malformed and truncated streams,
 * stalls, timeouts, aborts at every stage, 100 concurrent streams with faults mixed in, and, for
 * an adapter with tools (`harness.supportsTools`), a stream cut in the middle of a tool call's arguments,
 * and a stream cut in the middle of a structured output's JSON, in each of `harness.outputModes` and `json`)
 * over real loopback HTTP through the adapter's real SDK. For each it checks what the user
 * sees: the error's class, `name`, `code`, `retryable` and `partialText`, the requests sent
 * (the server's count and `stream.attempts`), text delivered exactly once, the same failure
 * from `for await`, `text()` and `response()`, no unhandled rejection, and no socket or timer
 * left behind. It ends by printing `fault suite <name>: N scenarios, N passed`.
 *
 * @example
 * describeFaultSuite({ name: "openai", Prompt: OpenAIPrompt, wire: openAIChatFaultWire });
 */
export function describeFaultSuite<TClient>(harness: FaultHarness<TClient>): void {
  describe(`${harness.name} fault injection`, () => {
    const record: SuiteRecord = { unhandled: [], tally: { scenarios: 0, passed: 0, knownBugs: 0 } };
    const { unhandled, tally } = record;
    const onUnhandledRejection = (reason: unknown) => {
      unhandled.push(reason);
    };

    beforeAll(() => {
      process.on("unhandledRejection", onUnhandledRejection);
    });
    afterAll(() => {
      process.off("unhandledRejection", onUnhandledRejection);
      const bugs =
        tally.knownBugs === 0
          ? ""
          : ` (${tally.knownBugs} known bug${tally.knownBugs === 1 ? "" : "s"}, run as it.fails)`;
      console.log(`fault suite ${harness.name}: ${tally.scenarios} scenarios, ${tally.passed} passed${bugs}`);
      for (const [name, bug] of Object.entries(harness.knownBugs ?? {}))
        console.log(`  known bug in "${name}": ${bug}`);
      expect(unhandled, "unhandled rejections during the fault suite").toEqual([]);
    });

    const suite = createFaultSuite(harness, record);
    for (const registerFamily of FAULT_FAMILIES) registerFamily(suite);
  });
}
