import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { closedLoopbackPort, trackServers } from "../assertions.js";
import { type RecordedRequest, startLoopbackServer } from "../servers/loopback-server.js";
import {
  CAPTURED_CONSOLE_METHODS,
  capturingLogger,
  debugLogsCaptured,
  keyInErrors,
  type LogRecord,
  logsHolding,
  recordLogCall,
  whereKeyShows,
} from "./secrets-checks.js";
import { type SecretsScenario, secretsScenarios } from "./secrets-scenarios.js";
import type { SecretsKey, SecretsSetUp, SecretsSuiteTarget } from "./secrets-suite-target.js";

/** A gateway's token: a key that redaction keyed on the `sk-` shape would miss. */
const GATEWAY_KEY: SecretsKey = { shape: "a key shaped unlike sk-", key: "gw_live.SECRET.tenant42.Qz8Nw3Lp5Xv" };
/** A local server's key (`apiKey: "ollama"`): too short for a pattern, so only its exact value finds it. */
const SHORT_KEY: SecretsKey = { shape: "a short key such as a local server's", key: "ollama" };

/**
 * Registers a vitest `describe` that checks that the API key stays secret: in each client set-up
 * of the target, with a key shaped like the provider's, one not, and a short one, through successes, HTTP
 * errors (with the key echoed in a JSON or plain-text body), malformed and error events in the
 * middle of a stream, a refused connection and aborts, nothing the SDK logs holds the key, and no
 * error the user sees does (message, `String`, JSON, `util.inspect`, `cause` chain). Then it
 * checks that the capture itself would see a key. The SDK logs at debug, to a logger or to
 * `console` (captured for the whole suite, since the SDKs cache the logger functions they bind).
 *
 * @example
 * describeSecretsSuite({ name: "openai", wire: openAIChatSecretsWire, key, keyHeader, setUps });
 */
export function describeSecretsSuite<TClient>(target: SecretsSuiteTarget<TClient>): void {
  describe(`${target.name}: no API key in SDK logs or errors`, () => {
    const consoleRecords: LogRecord[] = [];
    const serve = trackServers(afterEach, startLoopbackServer);
    let restoreConsole: Array<() => void> = [];
    beforeAll(() => {
      restoreConsole = CAPTURED_CONSOLE_METHODS.map((method) => {
        const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          consoleRecords.push(recordLogCall(method, args));
        });
        return () => spy.mockRestore();
      });
    });
    afterAll(() => {
      for (const restore of restoreConsole) restore();
    });
    afterEach(() => {
      vi.unstubAllEnvs();
      consoleRecords.length = 0;
    });

    /** Runs a scenario in a set-up with a key: the errors the user saw, and every log record. */
    async function runScenario(setUp: SecretsSetUp<TClient>, scenario: SecretsScenario, key: string) {
      const records: LogRecord[] = [];
      const { answer } = scenario;
      let url: string;
      let requests: readonly RecordedRequest[] = [];
      if (answer === undefined) {
        url = `http://127.0.0.1:${await closedLoopbackPort()}`;
      } else {
        const server = await serve((request) => answer(request, key));
        ({ url, requests } = server);
      }
      const Ask = await setUp.prepare(target.wire.client(url), key, records);
      const errors = await scenario.run(Ask);
      // The key under test is the one sent: what follows checks where else it went.
      for (const request of requests) {
        expect(request.headers[target.keyHeader.name]).toBe(target.keyHeader.value(key));
      }
      // With a logger given, the console must stay clean too.
      return { errors, records: setUp.console === true ? consoleRecords : [...records, ...consoleRecords] };
    }

    const scenarios = secretsScenarios(target.wire);
    const logsCaptured = target.logsCaptured ?? debugLogsCaptured;
    for (const setUp of target.setUps) {
      describe(setUp.name, () => {
        for (const { shape, key } of [target.key, GATEWAY_KEY, SHORT_KEY]) {
          describe(`with ${shape}`, () => {
            for (const scenario of scenarios) {
              it(`${scenario.name}: nothing the SDK logs holds the key`, async () => {
                const { records } = await runScenario(setUp, scenario, key);
                expect(logsCaptured(records)).toBe(true);
                expect(logsHolding(records, key)).toEqual([]);
              });

              const { code } = scenario;
              if (code !== undefined) {
                it(`${scenario.name}: no error holds the key (message, String, JSON, inspect, cause chain)`, async () => {
                  const { errors } = await runScenario(setUp, scenario, key);
                  expect(keyInErrors(errors, code, key)).toEqual([]);
                });
              }
            }
          });
        }
      });
    }

    describe("the capture itself", () => {
      it("sees the key where the SDK does write it: a logger given the key as is", () => {
        // A check of the checks: the serialisation finds a key nested deep in an argument.
        const records: LogRecord[] = [];
        capturingLogger(records).debug("nested", {
          a: { b: { c: { d: { e: { f: new Headers({ "x-echo": GATEWAY_KEY.key }) } } } } },
        });
        expect(logsHolding(records, GATEWAY_KEY.key)).toEqual(["debug: nested"]);
      });

      it("sees a key in an error's cause chain, 8 levels down", () => {
        let error: Error = new Error(`deep ${target.key.key}`);
        for (let level = 0; level < 8; level += 1) error = new Error(`level ${level}`, { cause: error });
        expect(whereKeyShows(error, target.key.key)).toContain("error: util.inspect(depth 10)");
        expect(whereKeyShows(error, target.key.key)).toContain("cause 8: message");
      });
    });
  });
}
