import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Where each runtime's npm package keeps its binary, by platform. The `deno`, `bun` and `workerd`
 * packages install it from an optional platform package; their postinstall scripts only copy or
 * link it (or download it when the platform package is missing), and pnpm does not run them, so
 * the binary is taken from the platform package itself, resolved from the runtime's own package.
 */
const PLATFORM_BINARIES: Readonly<Record<RuntimeName, Readonly<Record<string, string>>>> = {
  deno: {
    "linux-x64": "@deno/linux-x64-glibc/deno",
    "linux-arm64": "@deno/linux-arm64-glibc/deno",
    "darwin-x64": "@deno/darwin-x64/deno",
    "darwin-arm64": "@deno/darwin-arm64/deno",
    "win32-x64": "@deno/win32-x64/deno.exe",
  },
  bun: {
    "linux-x64": "@oven/bun-linux-x64/bin/bun",
    "linux-arm64": "@oven/bun-linux-aarch64/bin/bun",
    "darwin-x64": "@oven/bun-darwin-x64/bin/bun",
    "darwin-arm64": "@oven/bun-darwin-aarch64/bin/bun",
    "win32-x64": "@oven/bun-windows-x64/bin/bun.exe",
  },
  workerd: {
    "linux-x64": "@cloudflare/workerd-linux-64/bin/workerd",
    "linux-arm64": "@cloudflare/workerd-linux-arm64/bin/workerd",
    "darwin-x64": "@cloudflare/workerd-darwin-64/bin/workerd",
    "darwin-arm64": "@cloudflare/workerd-darwin-arm64/bin/workerd",
    "win32-x64": "@cloudflare/workerd-windows-64/bin/workerd.exe",
  },
};

type RuntimeName = "deno" | "bun" | "workerd";

/** A runtime binary that answered `--version`, or why there is none to run. */
export type RuntimeBinary =
  | { readonly available: true; readonly path: string; readonly version: string }
  | { readonly available: false; readonly reason: string };

export function runtimeBinary(name: RuntimeName): RuntimeBinary {
  const platform = `${process.platform}-${process.arch}`;
  const file = PLATFORM_BINARIES[name][platform];
  if (file === undefined) return unavailable(name, `no ${name} binary is known for ${platform}`);
  const runtimeRequire = createRequire(import.meta.url);
  let path: string;
  try {
    const fromRuntime = createRequire(runtimeRequire.resolve(`${name}/package.json`));
    const [scope, pkg, ...rest] = file.split("/");
    path = join(dirname(fromRuntime.resolve(`${scope}/${pkg}/package.json`)), ...rest);
  } catch (error) {
    return unavailable(name, `the ${name} package or its platform package is not installed (${String(error)})`);
  }
  if (!existsSync(path)) return unavailable(name, `${path} is missing`);
  const probe = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 30_000 });
  if (probe.status !== 0) {
    return unavailable(name, `${path} --version failed: ${probe.error?.message ?? probe.stderr.trim()}`);
  }
  return { available: true, path, version: probe.stdout.trim().split("\n")[0] ?? "" };
}

function unavailable(name: RuntimeName, why: string): RuntimeBinary {
  const reason = `${name} cannot run on this machine, its tests are skipped: ${why}`;
  console.warn(reason);
  return { available: false, reason };
}

export interface ProgramRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program to its end, killing it after `timeoutMs` (a hung runtime must fail the test, not
 * the whole run). Only the variables given are passed on, so no API key from the machine reaches it.
 */
export function runProgram(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Readonly<Record<string, string>>; timeoutMs: number },
): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (piece: string) => {
      stdout += piece;
    });
    child.stderr.setEncoding("utf8").on("data", (piece: string) => {
      stderr += piece;
    });
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The report a smoke program printed: its last stdout line, parsed; the output is shown when there is none. */
export function reportOf<T>(run: ProgramRun): T {
  const last = run.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`No JSON report (exit ${run.code}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
