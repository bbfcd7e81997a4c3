/** Starts the loopback server in a child process; resolves with its origin once it listens. */
import { type ChildProcess, fork } from "node:child_process";

export interface RunningServer {
  readonly origin: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** `dropChunk`: serve streams missing a delta, to check that every consumer notices. */
export function startServer(options: { readonly dropChunk?: boolean } = {}): Promise<RunningServer> {
  const child: ChildProcess = fork(
    new URL("./server-main.js", import.meta.url),
    options.dropChunk ? ["--drop-chunk"] : [],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bench server exited early (code ${code})`)));
    child.once("message", (message) => {
      const { port } = message as { port: number };
      child.removeAllListeners("exit");
      resolve({
        origin: `http://127.0.0.1:${port}`,
        pid: child.pid,
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
