/**
 * Reads an environment variable where the runtime has them (Node, Bun, Deno's Node
 * compatibility), and gives `undefined` where it has none (browsers, some edge runtimes),
 * so that adapters can offer env defaults without tying core to Node. An empty value counts
 * as unset.
 */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}
