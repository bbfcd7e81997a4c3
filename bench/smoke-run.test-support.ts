/**
 * What the bench's smoke tests share: compiling the bench, and running the last command of a root
 * `package.json` script (`turbo run build ... && node --expose-gc bench/dist/...`: the bench itself,
 * with the test's own node binary) in a child process, with its exit code, output and JSON.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

/** A finished smoke run. */
export interface SmokeRun<TResults> {
  readonly code: number | null;
  readonly output: string;
  readonly results: TResults;
}

/** Compiles the bench with tsc (the workspace packages it imports are built by `pnpm test`'s check step). */
export function compileBench(): void {
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "bench/tsconfig.build.json")],
    { stdio: "inherit" },
  );
}

/** Runs the root script's bench command with `--out <a temporary file>` and `extraArgs`; resolves with what it wrote. */
export function runSmokeScript<TResults>(script: string, extraArgs = ""): Promise<SmokeRun<TResults>> {
  const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;
  const command = scripts[script]
    ?.split("&&")
    .at(-1)
    ?.trim()
    .replace(/^node /, `"${process.execPath}" `);
  if (command === undefined) throw new Error(`the root package.json has no ${script} script`);
  const out = join(mkdtempSync(join(tmpdir(), "bench-smoke-")), "smoke.json");
  const child = spawn("sh", ["-c", `${command} --out ${out} ${extraArgs}`], { cwd: root });
  let output = "";
  child.stdout.on("data", (data: Buffer) => (output += data.toString()));
  child.stderr.on("data", (data: Buffer) => (output += data.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        resolve({ code, output, results: JSON.parse(readFileSync(out, "utf8")) as TResults });
      } catch (error) {
        reject(new Error(`the smoke run (exit ${code}) wrote no JSON:\n${output}`, { cause: error }));
      }
    });
  });
}
