/**
 * Small helpers that the provider packages' tests share: catching what a call throws or a
 * promise rejects with, what a `for await` loop over a stream fails with, where a secret shows
 * up in an error, and loopback servers closed after each test.
 *
 * None of them imports vitest, so that `@promptstream/testing` can be loaded without it: a
 * failed check throws a `node:assert` `AssertionError`, which vitest reports like its own, and
 * {@link trackServers} takes vitest's `afterEach` as a parameter.
 */
import { AssertionError } from "node:assert";
import { createServer } from "node:net";
import { inspect } from "node:util";
import { PromptstreamError, ProviderError } from "@promptstream/core";

/**
 * Runs `action` and returns what it threw, so that a test can check the error itself.
 * Fails when `action` returns without throwing.
 */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the action to throw");
}

/**
 * Waits for `promise` and returns what it rejected with, so that a test can check the error
 * itself. Fails when `promise` resolves.
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

/**
 * Checks that `error` is a core `ProviderError` (by `instanceof` and by
 * `PromptstreamError.isInstance`) and returns it typed as one, for the checks that follow.
 */
export function asProviderError(error: unknown): ProviderError {
  if (!(error instanceof ProviderError)) {
    throw new AssertionError({
      message: `expected a ProviderError, got ${inspect(error, { depth: 2 })}`,
      actual: error,
      expected: ProviderError,
      operator: "instanceof",
    });
  }
  if (!PromptstreamError.isInstance(error)) {
    throw new AssertionError({
      message: "expected PromptstreamError.isInstance() to recognize the ProviderError",
      actual: false,
      expected: true,
      operator: "PromptstreamError.isInstance",
    });
  }
  return error;
}

/** What a `for await` loop over a stream failed with, and the text it had received by then. */
export interface LoopFailure {
  readonly error: unknown;
  readonly received: string;
}

/**
 * Reads `stream` with `for await`, joining the chunks' `content`, and returns what the loop
 * threw with the text received before it. Fails when the loop ends without throwing.
 */
export async function failureOfLoop(stream: AsyncIterable<{ readonly content: string }>): Promise<LoopFailure> {
  let received = "";
  const error = await rejectionOf(
    (async () => {
      for await (const chunk of stream) received += chunk.content;
    })(),
  );
  return { error, received };
}

/** Where a secret shows up when an error is logged, printed or serialized: `true` where it does. */
export interface SecretLeaks {
  /** In `error.message`. */
  readonly message: boolean;
  /** In `String(error)`. */
  readonly string: boolean;
  /** In `JSON.stringify(error)`. */
  readonly json: boolean;
  /** In `util.inspect(error)` (what `console.log` prints), 5 levels deep, `cause` included. */
  readonly inspect: boolean;
}

/** The {@link SecretLeaks} of an error that carries the secret nowhere: `expect(secretLeaks(e, key)).toEqual(NO_SECRET_LEAK)`. */
export const NO_SECRET_LEAK: SecretLeaks = Object.freeze({
  message: false,
  string: false,
  json: false,
  inspect: false,
});

/** Where `secret` (e.g. an API key) shows up in `error`; compare with {@link NO_SECRET_LEAK}. */
export function secretLeaks(error: unknown, secret: string): SecretLeaks {
  return {
    message: error instanceof Error && error.message.includes(secret),
    string: String(error).includes(secret),
    json: (JSON.stringify(error) ?? "").includes(secret),
    inspect: inspect(error, { depth: 5 }).includes(secret),
  };
}

/**
 * Returns a port on 127.0.0.1 that nothing listens on (a server just bound it and closed), for
 * tests of a refused connection.
 */
export async function closedLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return address.port;
}

/**
 * Wraps a server starter (e.g. `startOpenAIChatServer`) so that every server it starts is closed
 * after each test: `const serve = trackServers(afterEach, startOpenAIChatServer)`. `afterEach` is
 * vitest's, passed in so that this module does not import vitest.
 */
export function trackServers<TArgs extends unknown[], TServer extends { close(): Promise<void> }>(
  afterEach: (hook: () => Promise<void>) => void,
  start: (...args: TArgs) => Promise<TServer>,
): (...args: TArgs) => Promise<TServer> {
  const servers: TServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (...args) => {
    const server = await start(...args);
    servers.push(server);
    return server;
  };
}
