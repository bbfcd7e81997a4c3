import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));

describe("examples/concurrent-streams", () => {
  it("streams one answer per ingredient at once, each answer about its own ingredient", async () => {
    const { OPENAI_API_KEY: _key, OPENAI_BASE_URL: _url, ...env } = process.env;
    const started = performance.now();
    const { stdout } = await run(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd, env, timeout: 30_000 });
    const elapsed = performance.now() - started;
    for (const ingredient of ["apples", "pears", "plums"]) {
      expect(stdout).toContain(`## ${ingredient}\nHere are three recipes that make the most of ${ingredient}:`);
    }
    const ms = Number(/\[3 streams at once in (\d+) ms\]/.exec(stdout)?.[1]);
    // The local server sends one word every 25 ms: one answer alone takes words x 25 ms, and
    // three one after another would take three times that.
    const answer = stdout.split("## pears\n")[1]?.split("\n\n## ")[0] ?? "";
    const oneStreamMs = (answer.match(/\s*\S+/g)?.length ?? 0) * 25;
    expect(oneStreamMs).toBeGreaterThan(1000);
    expect(ms).toBeGreaterThanOrEqual(oneStreamMs * 0.9);
    expect(ms).toBeLessThan(oneStreamMs * 2.2);
    expect(ms).toBeLessThan(elapsed);
  });
});
