import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Ends a figure's run: writes its JSON, says where, and lists the failures (a run whose text did not
 * match is not a figure), making the process exit with 1 when there are some.
 */
export function finishRun(outFile: string, output: unknown, failures: readonly string[], startedAt: number): void {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`\nJSON: ${outFile} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n`);
  if (failures.length === 0) return;
  process.stdout.write(
    `\nBENCH FAILED — ${failures.length} failure(s):\n${failures.map((failure) => `  ✗ ${failure}`).join("\n")}\n`,
  );
  process.exitCode = 1;
}
