import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { callerFile } from "./caller-file.js";
import { CassetteError } from "./cassette-error.js";
import { CASSETTE_FORMAT_VERSION, readCassetteFile, writeCassetteFile } from "./cassette-file.js";
import { type CassetteMode, cassetteModeFromEnvironment, RECORD_VARIABLE } from "./cassette-mode.js";
import { insertCassette } from "./cassette-player.js";
import { type CassetteProviderOption, resolveCassetteProvider } from "./cassette-provider.js";
import type { CassetteSession, CassetteTiming } from "./cassette-session.js";

/** The key set in replay mode when the provider's key variable is empty: SDKs refuse to start without one. */
export const REPLAY_PLACEHOLDER_KEY = "promptstream-replay-no-key";

/** Options of {@link useCassette}. */
export interface UseCassetteOptions {
  /** The provider whose API is recorded: `"openai"` (Chat Completions and Responses), `"anthropic"`, `"google"`, or one described in full. */
  readonly provider: CassetteProviderOption;
  /** The folder of cassette files. Default: `__cassettes__` next to `testFile`. */
  readonly dir?: string | URL;
  /** The test file, for the default folder and the record command. Default: the file that called `useCassette`, read from the call stack. */
  readonly testFile?: string | URL;
  /** Default: from `PROMPTSTREAM_RECORD` (unset: `"replay"`; `1`: `"record"`; `missing`: `"record-missing"`). */
  readonly mode?: CassetteMode;
  /** Recording: the API to forward to. Default: the provider's base-URL variable if it was set, else the real API (`https://api.openai.com/v1`, ...). */
  readonly upstream?: string;
  /** Body fields, as dot paths (`"user"`, `"metadata.user_id"`), that vary between runs and are left out when matching. Default: none. */
  readonly ignoreBodyFields?: readonly string[];
  /** Replay pace. Default: `"instant"`. */
  readonly timing?: CassetteTiming;
  /** Point the SDK at the cassette through its environment variables (base URL; in replay, a placeholder key if none is set). Default: true. */
  readonly setEnvironment?: boolean;
}

/** A cassette in use. Close it when the test ends. */
export interface Cassette {
  readonly name: string;
  /** The cassette file. */
  readonly path: string;
  /** Whether this run records the cassette or replays it. */
  readonly mode: "record" | "replay";
  /** The base URL to give the SDK (`client: { baseURL }`), already in the environment unless `setEnvironment: false`. */
  readonly baseURL: string;
  /** The key to give the SDK: the real one when recording, a placeholder when replaying without one. */
  readonly apiKey: string;
  /** Replay: one message per request that matched no recorded interaction (each also failed as a 400). */
  readonly mismatches: readonly string[];
  /** Stops playing; in record mode, waits for the exchanges in flight and writes the file. Restores the environment. */
  close(): Promise<void>;
}

/**
 * Plays a recorded exchange with a provider's API for a test: in replay mode (the default) a
 * loopback server answers the SDK with the recorded responses, byte for byte, with no network
 * and no key; with `PROMPTSTREAM_RECORD=1` it forwards each request to the real API, streams the
 * answer back and writes it, keys and auth headers removed, to `__cassettes__/<name>.cassette.json`.
 * The provider's base-URL variable points the SDK at it, so the prompt code under test is unchanged.
 *
 * Replaying a cassette that was never recorded throws a {@link CassetteError} whose message is the
 * command that records it.
 *
 * @example
 * const cassette = await useCassette("apple-pie", { provider: "openai" });
 * try {
 *   expect(await new RecipeRecommender({ ingredient: "apples" }).stream().text()).toContain("pie");
 * } finally {
 *   await cassette.close();
 * }
 */
export async function useCassette(name: string, options: UseCassetteOptions): Promise<Cassette> {
  const provider = resolveCassetteProvider(options.provider);
  const testFile = options.testFile === undefined ? callerFile(ENTRY_POINTS) : toPath(options.testFile);
  const path = cassettePath(name, options.dir === undefined ? undefined : toPath(options.dir), testFile);
  const [keyVariable] = provider.keyVariables;
  const recordCommand = commandToRecord(testFile, keyVariable);
  const requested = options.mode ?? cassetteModeFromEnvironment();
  const recorded = requested === "record" ? undefined : await readCassetteFile(path);
  const mode =
    requested === "record" || (requested === "record-missing" && recorded === undefined) ? "record" : "replay";
  if (mode === "replay" && recorded === undefined) {
    throw new CassetteError(
      `No cassette "${name}" at ${shortPath(path)} to replay. Record it against the real ` +
        `${provider.name} API (this sends real requests, billed to your key) with:\n  ${commandToRecord(testFile, keyVariable, "missing")}`,
      { code: "missing_cassette", path },
    );
  }
  const key = provider.keyVariables.map((variable) => process.env[variable]).find((value) => value);
  if (mode === "record" && keyVariable !== undefined && key === undefined) {
    throw new CassetteError(
      `Recording cassette "${name}" needs the real ${provider.name} API key: set ${keyVariable}.`,
      { code: "missing_key", path },
    );
  }
  const previousBaseURL = process.env[provider.baseUrlVariable];
  const session: CassetteSession = {
    name,
    path,
    provider,
    mode,
    upstream: options.upstream ?? previousBaseURL ?? provider.upstream,
    interactions: mode === "replay" ? [...(recorded?.interactions ?? [])] : [],
    served: new Set(),
    inFlight: new Set(),
    ignoreBodyFields: options.ignoreBodyFields ?? [],
    timing: options.timing ?? "instant",
    mismatches: [],
    recordCommand,
  };
  const { baseURL, eject } = await insertCassette(session);
  if (mode === "record" && session.upstream === baseURL) {
    eject();
    throw new CassetteError(`Recording cassette "${name}": the upstream is the cassette player itself.`, {
      code: "invalid_option",
      path,
    });
  }
  const restoreEnvironment =
    options.setEnvironment === false
      ? () => {}
      : setEnvironment({
          [provider.baseUrlVariable]: baseURL,
          ...(keyVariable !== undefined && key === undefined ? { [keyVariable]: REPLAY_PLACEHOLDER_KEY } : {}),
        });
  let closing: Promise<void> | undefined;
  return {
    name,
    path,
    mode,
    baseURL,
    apiKey: key ?? REPLAY_PLACEHOLDER_KEY,
    mismatches: session.mismatches,
    close: () => {
      closing ??= (async () => {
        try {
          if (mode === "record") {
            await Promise.all(session.inFlight);
            const interactions = session.interactions.filter((interaction) => interaction !== undefined);
            await writeCassetteFile(path, { version: CASSETTE_FORMAT_VERSION, provider: provider.name, interactions });
          }
        } finally {
          eject();
          restoreEnvironment();
        }
      })();
      return closing;
    },
  };
}

/**
 * Runs `test` with a cassette and closes it after, even when `test` throws.
 *
 * @example
 * await withCassette("apple-pie", { provider: "anthropic" }, () => new Chef({ dish: "pie" }).stream().text());
 */
export async function withCassette<T>(
  name: string,
  options: UseCassetteOptions,
  test: (cassette: Cassette) => Promise<T>,
): Promise<T> {
  const cassette = await useCassette(name, {
    ...options,
    testFile: options.testFile ?? callerFile(ENTRY_POINTS),
  });
  try {
    return await test(cassette);
  } finally {
    await cassette.close();
  }
}

// By their names as the bundle has them, for callerFile to find the caller's frame.
const ENTRY_POINTS = [useCassette.name, withCassette.name];

function cassettePath(name: string, dir: string | undefined, testFile: string | undefined): string {
  if (name === "" || isAbsolute(name) || name.split(/[\\/]/).includes("..")) {
    throw new CassetteError(
      `"${name}" cannot name a cassette: use a relative name such as "recipes/apple-pie", without "..".`,
      { code: "invalid_option" },
    );
  }
  const folder = dir ?? join(testFile === undefined ? process.cwd() : dirname(testFile), "__cassettes__");
  return resolve(folder, `${name}.cassette.json`);
}

function commandToRecord(testFile: string | undefined, keyVariable: string | undefined, mode = "1"): string {
  const key = keyVariable === undefined ? "" : `${keyVariable}=<your key> `;
  const target = testFile === undefined ? "" : ` ${shortPath(testFile)}`;
  return `${RECORD_VARIABLE}=${mode} ${key}npx vitest run${target}`;
}

/** A path relative to the working directory when it is inside it, as a command typed there would name it. */
function shortPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith("..") || isAbsolute(fromHere) ? path : fromHere;
}

function setEnvironment(values: Readonly<Record<string, string>>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

function toPath(location: string | URL): string {
  return location instanceof URL || location.startsWith("file:") ? fileURLToPath(location) : location;
}
