/**
 * @module `pnpm test:coverage`: runs each public package's own tests with v8 coverage (so that a
 * package's figure comes from its own tests, not from another package's exercising it), then prints
 * line and branch coverage per package. A package's thresholds are in its vitest.config.ts; a run
 * under them fails.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
// vitest.mjs is not in vitest's exports map: find the package, then its CLI file.
const vitest = join(dirname(createRequire(join(root, "package.json")).resolve("vitest/package.json")), "vitest.mjs");

interface Totals {
  readonly lines: { readonly pct: number; readonly covered: number; readonly total: number };
  readonly branches: { readonly pct: number; readonly covered: number; readonly total: number };
}

/**
 * The testkit's servers and suites exist to be run by adapters' tests: its figure counts the
 * providers' suites too, which run every line of it that a user's adapter tests would.
 */
const MEASURED_WITH: Readonly<Record<string, readonly string[]>> = {
  "@promptstream/testing": ["provider-openai", "provider-anthropic"],
};

function runWithCoverage(dir: string, folder: string, alsoProjects: readonly string[]) {
  if (alsoProjects.length === 0) {
    return spawnSync(process.execPath, [vitest, "run", "--coverage", "--reporter=dot"], { cwd: dir, stdio: "inherit" });
  }
  const projects = [folder, ...alsoProjects].flatMap((name) => ["--project", name]);
  const coverage = [
    // The providers load the testkit's build: v8 maps dist/ back to src/ through the source maps.
    `--coverage.include=packages/${folder}/**`,
    "--coverage.exclude=**/*.test.ts",
    `--coverage.exclude=packages/${folder}/coverage/**`,
    `--coverage.reportsDirectory=packages/${folder}/coverage`,
    "--coverage.reporter=text-summary",
    "--coverage.reporter=json-summary",
  ];
  return spawnSync(process.execPath, [vitest, "run", ...projects, "--coverage", ...coverage, "--reporter=dot"], {
    cwd: root,
    stdio: "inherit",
  });
}

const rows: string[][] = [];
let failed = 0;
for (const folder of readdirSync(join(root, "packages")).sort()) {
  const dir = join(root, "packages", folder);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; private?: boolean };
  if (pkg.private === true) continue;
  console.log(`\n== ${pkg.name}`);
  const alsoProjects = MEASURED_WITH[pkg.name] ?? [];
  const run = runWithCoverage(dir, folder, alsoProjects);
  if (run.status !== 0) failed += 1;
  const summary = join(dir, "coverage", "coverage-summary.json");
  if (!existsSync(summary)) continue;
  const { total } = JSON.parse(readFileSync(summary, "utf8")) as { total: Totals };
  rows.push([
    pkg.name,
    ["its own", ...alsoProjects].join(", "),
    `${total.lines.pct.toFixed(1)} % (${total.lines.covered}/${total.lines.total})`,
    `${total.branches.pct.toFixed(1)} % (${total.branches.covered}/${total.branches.total})`,
    run.status === 0 ? "ok" : "FAILED",
  ]);
}

const header = ["package", "measured by the tests of", "lines", "branches", "run"];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(`\n${line(header)}\n${line(widths.map((width) => "-".repeat(width)))}`);
for (const row of rows) console.log(line(row));
if (failed > 0) {
  console.error(`\n${failed} package(s) failed their tests or their coverage thresholds`);
  process.exit(1);
}
