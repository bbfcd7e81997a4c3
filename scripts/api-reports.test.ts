import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const core = join(root, "packages", "core");

let packagesDir: string;

/**
 * A copy of core as built (package.json, its .d.ts files, its reports), whose index.d.ts a test may then
 * change. Every .d.ts: the entries (`index`, `client`) share declarations through chunk files.
 */
function copyBuiltCore(): string {
  const dir = join(packagesDir, "core");
  mkdirSync(join(dir, "dist"), { recursive: true });
  cpSync(join(core, "package.json"), join(dir, "package.json"));
  for (const report of readdirSync(core).filter((file) => file.endsWith(".api.md"))) {
    cpSync(join(core, report), join(dir, report));
  }
  for (const types of readdirSync(join(core, "dist")).filter((file) => file.endsWith(".d.ts"))) {
    cpSync(join(core, "dist", types), join(dir, "dist", types));
  }
  return dir;
}

function editTypes(dir: string, from: string | RegExp, to: string): void {
  const file = join(dir, "dist", "index.d.ts");
  const before = readFileSync(file, "utf8");
  const after = before.replace(from, to);
  expect(after, `the built d.ts holds ${String(from)}`).not.toBe(before);
  writeFileSync(file, after);
}

function runCheck(...flags: string[]) {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", join(root, "scripts", "api-reports.ts"), "--packages-dir", packagesDir, ...flags],
    { cwd: join(root, "scripts"), encoding: "utf8" },
  );
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

beforeEach(() => {
  packagesDir = mkdtempSync(join(tmpdir(), "api-report-test-"));
});
afterEach(() => rmSync(packagesDir, { recursive: true, force: true }));

describe("the API report check", () => {
  it("passes when the built API matches the checked-in report", () => {
    copyBuiltCore();
    const { status, out } = runCheck();
    expect(out).toContain("@promptstream/core: API matches its report");
    expect(status).toBe(0);
  });

  it("fails on a changed exported signature, naming the package and the command that updates the report", () => {
    const dir = copyBuiltCore();
    editTypes(
      dir,
      /declare function mergeCallParams<([^>]*)>\(/,
      "declare function mergeCallParams<$1>(extra: string, ",
    );
    const { status, out } = runCheck();
    expect(status).toBe(1);
    expect(out).toContain("@promptstream/core:");
    expect(out).toMatch(/the built API differs from .*core\.api\.md/);
    expect(out).toContain("extra: string");
    expect(out).toContain("pnpm@10.34.8 api:update");
  });

  it("fails when `any` reaches the public API, even with the report updated", () => {
    const dir = copyBuiltCore();
    editTypes(dir, /declare function mergeCallParams<([^>]*)>\(/, "declare function mergeCallParams<$1>(extra: any, ");
    expect(runCheck("--update").status).toBe(1);
    const { status, out } = runCheck();
    expect(status).toBe(1);
    expect(out).toMatch(/`any` in the public API: .*extra: any/);
  });

  it("fails when an exported signature uses a type the package does not export", () => {
    const dir = copyBuiltCore();
    // Usage is declared in a chunk that index.d.ts re-exports from (`U as Usage`): the entry stops exporting it.
    editTypes(dir, /\b\w+ as Usage, /, "");
    const { status, out } = runCheck("--update");
    expect(status).toBe(1);
    expect(out).toContain('ae-forgotten-export: The symbol "Usage" needs to be exported');
  });
});
