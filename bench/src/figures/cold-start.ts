/**
 * Cold start: the time to import what a consumer imports, in a fresh `node` process each time.
 * One discarded pass warms the file-system cache; then the import sets take turns, run by run,
 * so that drift on the machine spreads over all of them.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { childEnv } from "../child/run-child.js";
import { median } from "../stats.js";
import type { ColdStartFigure } from "./figures.js";

const exec = promisify(execFile);
const CHILD = new URL("../child/cold-start-child.js", import.meta.url);

async function importOnce(imports: readonly string[]): Promise<number> {
  const { stdout } = await exec(process.execPath, [CHILD.pathname, ...imports], { env: childEnv() });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`cold start of ${imports.join(" + ")} printed ${JSON.stringify(stdout)}`);
  return ms;
}

export async function measureColdStarts(sets: ReadonlyArray<readonly string[]>, runs: number): Promise<ColdStartFigure[]> {
  const samples = sets.map((): number[] => []);
  for (let run = -1; run < runs; run += 1) {
    for (const [index, imports] of sets.entries()) {
      const ms = await importOnce(imports);
      if (run >= 0) samples[index]?.push(ms);
    }
  }
  return sets.map((imports, index) => {
    const runsMs = samples[index] ?? [];
    return { imports, medianMs: median(runsMs), runsMs };
  });
}
