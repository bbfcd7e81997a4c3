/**
 * Runs the smoke benchmark (the last command of the root `bench:smoke` script) in a child
 * process and checks that it succeeds and that its JSON has a finite figure for every
 * consumer × text profile × figure, tool-call figures included, a table for every wire format and
 * profile, and promptstream's targets for every wire format it has a consumer on. Then runs it against
 * a server that leaves one text chunk and one tool-call fragment out, and checks that every consumer
 * fails, on every wire format and profile. The bench is
 * compiled first with tsc; the workspace packages it imports are built by `pnpm test`'s check
 * step (or `pnpm bench:smoke`).
 */
import { describe, expect, it } from "vitest";
import { runSmokeScript } from "./smoke-run.test-support.js";
import { CONSUMERS } from "./src/consumers/registry.js";
import { TOOL_CONSUMERS } from "./src/consumers/tool-registry.js";
import { type BenchResults, figureKeysOf } from "./src/report/results.js";
import { TOOL_FIGURE_KEYS } from "./src/report/tool-results.js";
import { TEXT_PROFILES, WIRE_NAMES, WIRES } from "./src/scenario.js";

/** The smoke benchmark with extra arguments. */
function runSmoke(extraArgs: string) {
  return runSmokeScript<BenchResults>("bench:smoke", extraArgs);
}

describe("bench:smoke", () => {
  it("runs every consumer and produces every figure", async () => {
    const { code, output, results } = await runSmoke("");
    expect(code, output).toBe(0);
    expect(results.failures).toEqual([]);
    expect(results.consumers.map((consumer) => `${consumer.id} ${consumer.profile}`)).toEqual(
      CONSUMERS.flatMap((consumer) => TEXT_PROFILES.map((profile) => `${consumer.id} ${profile}`)),
    );
    for (const consumer of results.consumers) {
      const row = `${consumer.id} (${consumer.profile})`;
      expect(consumer.error, row).toBeUndefined();
      for (const key of figureKeysOf(consumer.profile))
        expect(Number.isFinite(consumer.summary?.[key]), `${row} ${key}`).toBe(true);
    }
    expect(results.profiles.map((info) => info.profile)).toEqual(TEXT_PROFILES);
    // Every target, on every wire format with a promptstream consumer and every profile, compared (met or
    // missed: timings are not tested).
    const targetWires = WIRES.filter((wire) =>
      CONSUMERS.some((consumer) => consumer.wire === wire && consumer.role === "promptstream"),
    );
    expect(results.targets).toHaveLength(targetWires.length * TEXT_PROFILES.length * 4);
    for (const target of results.targets)
      expect(typeof target.met, `${target.wire} ${target.profile} ${target.target}`).toBe("boolean");
    expect(results.tools.map((consumer) => consumer.id)).toEqual(TOOL_CONSUMERS.map((consumer) => consumer.id));
    for (const consumer of results.tools) {
      expect(consumer.error, `tool calls ${consumer.id}`).toBeUndefined();
      for (const key of TOOL_FIGURE_KEYS)
        expect(Number.isFinite(consumer.summary?.[key]), `tool calls ${consumer.id} ${key}`).toBe(true);
    }
    expect(results.sizes.length).toBeGreaterThan(0);
    for (const size of results.sizes) expect(size.gzipBytes, size.label).toBeGreaterThan(0);
    expect(results.machine.cpuCount).toBeGreaterThan(0);
    for (const wire of WIRES)
      for (const profile of TEXT_PROFILES) expect(output).toContain(`${WIRE_NAMES[wire]} SSE, ${profile} text`);
    for (const wire of targetWires) expect(output).toContain(`${WIRE_NAMES[wire]} SSE: promptstream's targets`);
    expect(output).toContain("OpenAI Chat Completions: tool calls");
    expect(output).toContain("Anthropic Messages: tool calls");
  });

  it("fails loudly when a consumer does not receive all the text, or all of a call's arguments", async () => {
    const ids = ["openai/sdk", "anthropic/promptstream", "openai-responses/sdk", "google-gemini/sdk"];
    const { code, output, results } = await runSmoke(`--drop-chunk --consumers ${ids.join(",")}`);
    expect(code).not.toBe(0);
    expect(output).toContain("BENCH FAILED");
    // Four consumers (one per wire format) on each profile, and two tool consumers.
    expect(results.failures).toHaveLength(ids.length * TEXT_PROFILES.length + 2);
    expect(results.consumers.map((consumer) => `${consumer.id} ${consumer.profile}`)).toEqual(
      ids.flatMap((id) => TEXT_PROFILES.map((profile) => `${id} ${profile}`)),
    );
    for (const consumer of results.consumers)
      expect(consumer.error, `${consumer.id} (${consumer.profile})`).toMatch(/TextMismatchError/);
    // The dropped fragment lies inside a string: the arguments still parse (and pass the schema), so
    // only the comparison with what was served catches it.
    expect(results.tools.map((consumer) => consumer.id)).toEqual(["openai/sdk", "anthropic/promptstream"]);
    for (const consumer of results.tools)
      expect(consumer.error, `tool calls ${consumer.id}`).toMatch(
        /ToolCallMismatchError: .*arguments of call 0 differ/,
      );
  });
});
