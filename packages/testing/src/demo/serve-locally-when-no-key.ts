import type { LoopbackServer } from "../servers/loopback-server.js";

/** What {@link serveLocallyWhenNoKey} needs to stand in for one provider. */
export interface LocalStandIn<TServer extends LoopbackServer & { readonly baseURL: string }> {
  /** The environment variable of the provider's key, e.g. `"OPENAI_API_KEY"`. */
  readonly keyVariable: string;
  /** Other variables the provider's SDK reads its key from (e.g. `GOOGLE_API_KEY` beside `GEMINI_API_KEY`): one set, the real API is used. */
  readonly otherKeyVariables?: readonly string[];
  /** The environment variable the provider's SDK reads its base URL from, e.g. `"OPENAI_BASE_URL"`. */
  readonly baseUrlVariable: string;
  /** Starts the local server that answers in the provider's wire format. */
  readonly start: () => Promise<TServer>;
  /** Where the notice line goes. */
  readonly log?: ((line: string) => void) | undefined;
}

/**
 * With the provider's key set, does nothing: the real API is used. Without it, starts a local
 * server and points the provider's SDK at it through its environment, saying so in one line.
 * Returns a function that stops the server and restores the environment.
 */
export async function serveLocallyWhenNoKey<TServer extends LoopbackServer & { readonly baseURL: string }>(
  standIn: LocalStandIn<TServer>,
): Promise<() => Promise<void>> {
  const { keyVariable, baseUrlVariable } = standIn;
  if ([keyVariable, ...(standIn.otherKeyVariables ?? [])].some((name) => process.env[name])) return async () => {};
  const server = await standIn.start();
  process.env[baseUrlVariable] = server.baseURL;
  process.env[keyVariable] = "local-demo-no-key";
  (standIn.log ?? console.log)(
    `No ${keyVariable} set: streaming a canned answer from the built-in local server at ${server.baseURL} ` +
      `(set ${keyVariable} to use the real API).\n`,
  );
  return async () => {
    delete process.env[keyVariable];
    delete process.env[baseUrlVariable];
    await server.close();
  };
}
