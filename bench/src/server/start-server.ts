/** Starts a loopback server in a child process; resolves with its origin once it listens. */
import type { ChildProcess } from "node:child_process";
import { type BenchCpu, forkOn } from "../child/pinning.js";

export interface RunningServer {
  readonly origin: string;
  readonly pid: number | undefined;
  /** The child process, for servers that also talk over IPC (the web figure's relay reports its CPU time). */
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `dropChunk`: serve streams missing a delta, to check that every consumer notices. `pin`: run on
 * the server's CPU (see child/pinning.ts), as the main bench does.
 */
export function startServer(
  options: { readonly dropChunk?: boolean; readonly pin?: boolean } = {},
): Promise<RunningServer> {
  return startChildServer(
    new URL("./server-main.js", import.meta.url),
    options.dropChunk ? ["--drop-chunk"] : [],
    [],
    options.pin === true ? "server" : undefined,
  );
}

/**
 * Forks `module` (which listens on 127.0.0.1 and sends `{ port }` over IPC) with `args` and node's
 * `execArgv` (on `cpu`, if given and pinning is available); resolves once it listens.
 */
export function startChildServer(
  module: URL,
  args: readonly string[],
  execArgv: readonly string[] = [],
  cpu?: BenchCpu,
): Promise<RunningServer> {
  const child: ChildProcess = forkOn(cpu, module, args, {
    execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bench server exited early (code ${code})`)));
    child.once("message", (message) => {
      const { port } = message as { port: number };
      child.removeAllListeners("exit");
      resolve({
        origin: `http://127.0.0.1:${port}`,
        pid: child.pid,
        child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill();
          }),
      });
    });
  });
}
