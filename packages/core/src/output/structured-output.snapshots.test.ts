/**
 * Which snapshots `partialObjects` gives: one per visible change, never the same value twice, and
 * the answer so far before an answer cut by the token limit fails.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePrompt, OutputValidationError } from "../index.js";
import { createToolAdapter, type ScriptItem } from "../tools/tool-adapter.test-support.js";

const Pair = z.object({ name: z.string(), note: z.string().optional(), size: z.number() });

/** The pieces as chunks, then a finish. */
function step(pieces: readonly string[], finishReason: "stop" | "length" = "stop"): ScriptItem[] {
  return [...pieces.map((content) => ({ content })), { finishReason }];
}

async function snapshotsOf(pieces: readonly string[], finishReason: "stop" | "length" = "stop") {
  const adapter = createToolAdapter({ streams: [step(pieces, finishReason)], outputModes: ["json_schema"] });
  class Writer extends definePrompt(adapter)({ template: "A pair", output: Pair }) {}
  const stream = new Writer().stream();
  const snapshots: unknown[] = [];
  const failure = await (async () => {
    for await (const partial of stream.partialObjects) snapshots.push(partial);
  })().catch((error: unknown) => error);
  return { snapshots, failure };
}

describe("partialObjects' snapshots", () => {
  it("are not repeated when a piece changes nothing a reader sees: a string's closing quote, an optional field's null", async () => {
    const { snapshots, failure } = await snapshotsOf(['{"name":"Ap', "ple", '"', ',"note":', "null", ',"size":', "3}"]);
    expect(failure).toBeUndefined();
    expect(snapshots).toEqual([{ name: "Ap" }, { name: "Apple" }, { name: "Apple", size: 3 }]);
  });

  it("end with the answer so far, the string being written included, before a cut answer fails", async () => {
    const { snapshots, failure } = await snapshotsOf(['{"name":"Ap', "pl"], "length");
    expect(failure).toBeInstanceOf(OutputValidationError);
    expect((failure as OutputValidationError).code).toBe("length");
    expect(snapshots.at(-1)).toEqual({ name: "Appl" });
  });
});
