import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleFor, describeNodeImports } from "./bundle.test-support.ts";
import { runtimeBinary } from "./runtimes.test-support.ts";
import { expectRequestsSeen, expectSmokeReport } from "./smoke-expectations.test-support.ts";
import type { SmokeReport } from "./src/smoke.ts";
import { type SmokeServers, startSmokeServers } from "./src/smoke-servers.ts";

const workerd = runtimeBinary("workerd");
const here = fileURLToPath(new URL(".", import.meta.url));
/** Workers get the behaviour of this date; it must not be later than the workerd build's own. */
const COMPATIBILITY_DATE = "2026-11-01";

describe.skipIf(!workerd.available)("the smoke run on workerd", () => {
  let servers: SmokeServers;
  let dir: string;
  let child: ChildProcess | undefined;
  let output = "";
  beforeAll(async () => {
    servers = await startSmokeServers();
    dir = await mkdtemp(join(tmpdir(), "promptstream-workerd-"));
  });
  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await servers?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it("streams, aborts and fails as expected through both providers", { timeout: 60_000 }, async () => {
    if (!workerd.available) return;
    // Bundled as wrangler would bundle it; no `nodejs_compat`: the worker has no Node API at all.
    const bundle = await bundleFor("workerd", {
      contents: 'export { default } from "./src/worker.ts";',
      resolveDir: here,
    });
    expect(bundle.nodeImports, describeNodeImports(bundle.nodeImports)).toEqual([]);
    await writeFile(join(dir, "worker.js"), bundle.code);
    const port = await freePort();
    await writeFile(join(dir, "config.capnp"), capnpConfig(port, servers.env, workerd.version));

    child = spawn(workerd.path, ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.setEncoding("utf8").on("data", (piece: string) => {
      output += piece;
    });
    child.stderr?.setEncoding("utf8").on("data", (piece: string) => {
      output += piece;
    });

    const response = await fetchWhenListening(`http://127.0.0.1:${port}/`, child, () => output);
    const body = await response.text();
    expect(response.status, `${body}\nworkerd:\n${output}`).toBe(200);
    expectSmokeReport(JSON.parse(body) as SmokeReport, /^workerd /);
    await expectRequestsSeen(servers);
  });
});

/**
 * The worker as a module, its text bindings, and an outbound network that may reach loopback
 * addresses: workerd's default outbound allows only public ones, which the loopback servers are not.
 */
function capnpConfig(port: number, env: SmokeServers["env"], version: string): string {
  const text = (name: string, value: string) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`;
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  globalOutbound = "loopback",
  bindings = [
    ${text("PROMPTSTREAM_OPENAI_BASE_URL", env.PROMPTSTREAM_OPENAI_BASE_URL)},
    ${text("PROMPTSTREAM_ANTHROPIC_BASE_URL", env.PROMPTSTREAM_ANTHROPIC_BASE_URL)},
    ${text("WORKERD_VERSION", version.replace(/^workerd /, ""))},
  ],
);
`;
}

/** A port free right now: workerd cannot be told to pick one and report it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/** Sends the request once workerd listens: it takes a moment to compile the worker; it must not have exited. */
async function fetchWhenListening(url: string, child: ChildProcess, output: () => string): Promise<Response> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}:\n${output()}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`workerd did not answer on ${url}:\n${output()}`);
}
