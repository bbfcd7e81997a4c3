/**
 * Cold start: the time to import what a consumer imports, and to get the first text of a first
 * stream after that, in a fresh `node` process each time. One discarded pass warms the
 * file-system cache; then the consumers take turns, run by run, so that drift on the machine
 * spreads over all of them.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { childEnv } from "../child/run-child.js";
import { median } from "../stats.js";
import type { ColdStartFigure } from "./figures.js";

const exec = promisify(execFile);
const CHILD = new URL("../child/cold-start-child.js", import.meta.url);

interface ColdStartSample {
  readonly importMs: number;
  readonly firstChunkMs: number;
}

/** What to start cold: a consumer, and the modules it imports. */
export interface ColdStartSubject {
  readonly consumerId: string;
  readonly imports: readonly string[];
}

async function startOnce(subject: ColdStartSubject, origin: string): Promise<ColdStartSample> {
  const { stdout } = await exec(process.execPath, [CHILD.pathname, subject.consumerId, origin, ...subject.imports], {
    env: childEnv(),
  });
  const sample = JSON.parse(stdout.trim()) as Partial<ColdStartSample>;
  if (!Number.isFinite(sample.importMs) || !Number.isFinite(sample.firstChunkMs)) {
    throw new Error(`cold start of ${subject.consumerId} printed ${JSON.stringify(stdout)}`);
  }
  return sample as ColdStartSample;
}

/** A start that fails gives no figure (NaN): the consumer is then reported as failed, with the reason logged. */
export async function measureColdStarts(
  subjects: readonly ColdStartSubject[],
  origin: string,
  runs: number,
  log: (message: string) => void,
): Promise<ColdStartFigure[]> {
  const samples = subjects.map((): ColdStartSample[] => []);
  for (let run = -1; run < runs; run += 1) {
    for (const [index, subject] of subjects.entries()) {
      const sample = await startOnce(subject, origin).catch((error: unknown): ColdStartSample => {
        log(
          `${subject.consumerId}: cold start failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
        );
        return { importMs: Number.NaN, firstChunkMs: Number.NaN };
      });
      if (run >= 0) samples[index]?.push(sample);
    }
  }
  return subjects.map((subject, index) => {
    const taken = samples[index] ?? [];
    const runsMs = taken.map((sample) => sample.importMs);
    return {
      imports: subject.imports,
      medianMs: median(runsMs),
      runsMs,
      firstChunkMedianMs: median(taken.map((sample) => sample.firstChunkMs)),
    };
  });
}
