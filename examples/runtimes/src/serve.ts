/**
 * Starts the smoke run's loopback servers and prints the environment that points the smoke
 * program at them, for running it by hand in any runtime (see the README). Stops on Ctrl-C.
 *
 *   pnpm --filter @promptstream/example-runtimes serve
 */
import { startSmokeServers } from "./smoke-servers.ts";

const servers = await startSmokeServers();
for (const [name, value] of Object.entries(servers.env)) console.log(`export ${name}=${value}`);
console.error("Loopback servers listening; Ctrl-C stops them.");
process.once("SIGINT", () => {
  void servers.close().then(() => process.exit(0));
});
