import type { OutputMode } from "@promptstream/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPartOf } from "../is-part-of.js";
import { OUTPUT_NAME, RECIPE, RECIPE_SCHEMA } from "../recipe-output.js";
import type { ConformanceHarness, ConformanceScript, ConformanceServer } from "./conformance-harness.js";

const USAGE = { input: 30, output: 20 };

/**
 * The answer's JSON, in pieces cut inside strings, keys and numbers. In `json_schema` mode the
 * model follows the strict schema, which requires the optional note: it writes `null`, which core
 * leaves out of the object.
 */
function piecesOf(mode: OutputMode): string[] {
  const json = JSON.stringify(mode === "json_schema" ? { ...RECIPE, note: null } : RECIPE);
  const pieces: string[] = [];
  for (let at = 0; at < json.length; at += 7) pieces.push(json.slice(at, at + 7));
  return pieces;
}

/** A scripted answer holding `pieces`: the text in `json_schema` and `json` modes, the forced tool's input in `tool` mode. */
function answerOf(mode: OutputMode, pieces: readonly string[]): ConformanceScript {
  if (mode === "tool") {
    const call = { id: "call_output", name: OUTPUT_NAME, argsText: pieces.join(""), argsPieces: pieces };
    return { kind: "tool-calls", parts: [call], usage: USAGE, delayMs: 2 };
  }
  return { kind: "text", pieces, finishReason: "stop", usage: USAGE, delayMs: 2 };
}

/**
 * The structured-output cases of the conformance suite, for each output mode the adapter declares
 * (`harness.outputModes`) and for `json` mode, which every adapter supports: the answer's JSON is
 * scripted in pieces, and the partial objects, the object and the response are checked on the
 * neutral surface only.
 */
export function describeOutputConformance<TClient>(harness: ConformanceHarness<TClient>): void {
  const modes = [...new Set<OutputMode>([...(harness.outputModes ?? []), "json"])];
  for (const mode of modes) {
    describe(`${harness.name} adapter conformance: structured output in ${mode} mode`, () => {
      let server: ConformanceServer<TClient>;
      beforeEach(async () => {
        server = await harness.startServer();
      });
      afterEach(() => server.close());

      function writer() {
        const RecipeWriter = harness.Prompt({
          template: "USER: A recipe with {fruit}",
          output: { schema: RECIPE_SCHEMA, name: OUTPUT_NAME },
          client: server.client,
          maxRetries: 0,
        });
        return new RecipeWriter({ fruit: "apples" }, { outputMode: mode });
      }

      it("streams partial objects that grow, each a part of the next, to the final object", async () => {
        server.script(answerOf(mode, piecesOf(mode)));
        const stream = writer().stream();
        const snapshots: unknown[] = [];
        for await (const partial of stream.partialObjects) snapshots.push(partial);
        expect(snapshots.length).toBeGreaterThan(3);
        snapshots.forEach((snapshot, i) => {
          expect(isPartOf(snapshot, RECIPE), `snapshot ${i} is a part of the final object`).toBe(true);
          if (i === 0) return;
          const before = snapshots[i - 1];
          expect(isPartOf(before, snapshot), `snapshot ${i - 1} is a part of snapshot ${i}`).toBe(true);
          expect(JSON.stringify(snapshot), `snapshot ${i} differs from the one before`).not.toBe(
            JSON.stringify(before),
          );
        });
        expect(snapshots.at(-1)).toEqual(RECIPE);
        expect(await stream.object()).toEqual(RECIPE);
      });

      it("gives the JSON as the text, and a response with the object and the mode used", async () => {
        const pieces = piecesOf(mode);
        server.script(answerOf(mode, pieces));
        const stream = writer().stream();
        const text: string[] = [];
        for await (const piece of stream.textStream) text.push(piece);
        const response = await stream.response();
        expect(text.join("")).toBe(pieces.join(""));
        expect(response.content).toBe(pieces.join(""));
        expect(response.object).toEqual(RECIPE);
        expect(response.outputMode).toBe(mode);
        // In tool mode too: the forced call is the answer, not a call for the app.
        expect(response.finishReason).toBe("stop");
        expect(response.message.content).toBe(pieces.join(""));
        expect(response.message.toolCalls ?? []).toEqual([]);
        // The schema went out with the request: in the instructions (json), or as the provider's own field.
        const body = JSON.stringify(server.requests[0]?.body);
        expect(body).toContain("ingredients");
        if (mode === "json") expect(body).toContain("Answer with one JSON value only");
      });

      it("gives the same object from call()", async () => {
        server.script(answerOf(mode, piecesOf(mode)));
        const response = await writer().call();
        expect(response.object).toEqual(RECIPE);
        expect(response.outputMode).toBe(mode);
        expect(response.finishReason).toBe("stop");
        expect(server.requests).toHaveLength(1);
      });
    });
  }
}
