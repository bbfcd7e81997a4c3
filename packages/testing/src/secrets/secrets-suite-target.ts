import type { ConformanceWireFormat } from "../conformance/loopback-conformance-server.js";
import type { LogRecord, SecretsAsk } from "./secrets-checks.js";

/** A wire format as the secrets suite scripts it: the conformance one, and two events a stream can break with. */
export interface SecretsWireFormat<TClient> extends ConformanceWireFormat<TClient> {
  /** One framed stream event whose data is `data` as is, unparsed: a proxy's text, or JSON cut off. */
  rawEvent(data: string): string;
  /** The provider's own in-stream error event for a server error with this `message`. */
  errorEvent(message: string): string;
}

/** An API key the scenarios run with, and how the test names call its shape. */
export interface SecretsKey {
  /** E.g. `"an sk- key"`: the suite's tests read "with an sk- key". */
  readonly shape: string;
  /** The key itself: distinctive, so that finding it anywhere is a leak. */
  readonly key: string;
}

/** Where the SDK sends the key: each scenario first checks that the key under test is the one sent. */
export interface SecretsKeyHeader {
  /** The header's name, lower case, e.g. `"authorization"`. */
  readonly name: string;
  /** The header's value for `key`, e.g. `` `Bearer ${key}` ``. */
  value(key: string): string;
}

/** One way a user sets the SDK up to log: every scenario runs in each, with each key. */
export interface SecretsSetUp<TClient> {
  /** Names the set-up in the tests, e.g. `'client options { logLevel: "debug", logger }'`. */
  readonly name: string;
  /**
   * The prompt class for a scenario: its SDK client talks to where `client` points (the wire
   * format's client option for the scenario's server), with `key`, and logs at debug into
   * `records` through a logger, or to `console` (see `console`).
   */
  prepare(client: TClient, key: string, records: LogRecord[]): Promise<SecretsAsk>;
  /** Whether the SDK logs to `console` here (captured for the whole suite) rather than to a logger. */
  readonly console?: boolean;
}

/** What an adapter supplies to run the secrets suite against it. */
export interface SecretsSuiteTarget<TClient> {
  /** The name the suite is reported under, e.g. `"openai"`. */
  readonly name: string;
  /** How to script the adapter's wire format, e.g. `openAIChatSecretsWire`. */
  readonly wire: SecretsWireFormat<TClient>;
  /** A key shaped like the provider's own; the suite adds one shaped unlike `sk-` keys (a gateway's token). */
  readonly key: SecretsKey;
  /** Where the SDK sends the key, e.g. `authorization: Bearer <key>`. */
  readonly keyHeader: SecretsKeyHeader;
  /** The ways a user sets the SDK up to log at debug; every scenario runs in each. */
  readonly setUps: ReadonlyArray<SecretsSetUp<TClient>>;
  /**
   * Whether the SDK's debug logs were captured at all, since a capture that sees nothing proves
   * nothing. Default `debugLogsCaptured`: a debug "sending request" record, as the `openai` and
   * `@anthropic-ai/sdk` SDKs write.
   */
  readonly logsCaptured?: (records: readonly LogRecord[]) => boolean;
}
