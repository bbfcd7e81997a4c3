import { type OutputMode, StreamInterruptedError } from "@promptstream/core";
import { expect } from "vitest";
import { isPartOf } from "../../is-part-of.js";
import { OUTPUT_NAME, RECIPE, RECIPE_SCHEMA } from "../../recipe-output.js";
import type { FaultScript } from "../fault-harness.js";
import type { FaultFamily } from "../suite/fault-suite.js";
import { TEMPLATE } from "../suite/scenario-script.js";

const JSON_TEXT = JSON.stringify(RECIPE);
/** The JSON in four pieces; the third ends inside the second ingredient's name. */
const JSON_PIECES = cutAt(JSON_TEXT, [
  JSON_TEXT.indexOf('"ingredients"'),
  JSON_TEXT.indexOf('"grams"'),
  JSON_TEXT.indexOf("our"),
]);
/** What a cut after the first three pieces has delivered. */
const RECEIVED = JSON_PIECES.slice(0, 3).join("");
/** The object of {@link RECEIVED}, as partial objects show it: the name being written is there, as far as it came. */
const RECEIVED_OBJECT = { title: "Apple pie", ingredients: [{ name: "apple", grams: 500 }, { name: "fl" }] };

/** The answer, cut by a reset connection in the middle of its JSON: the text, or in `tool` mode the output tool's input. */
function cutAnswer(mode: OutputMode): FaultScript {
  if (mode === "tool") {
    return {
      kind: "tool-calls-cut",
      pieces: [],
      calls: [{ id: "call_output", name: OUTPUT_NAME, argsText: JSON_TEXT }],
    };
  }
  return { kind: "stream", pieces: JSON_PIECES, cut: { after: 3, how: "reset" } };
}

/**
 * The structured-output scenarios, in `json` mode and each mode the adapter declares
 * (`harness.outputModes`): a stream cut in the middle of the answer's JSON fails with a
 * `StreamInterruptedError` that keeps the JSON received as `partialText` and the object parsed
 * so far as `partialObject`, the last partial object the reader saw.
 */
export const outputFaults: FaultFamily = (suite) => {
  const modes = [...new Set<OutputMode>([...(suite.harness.outputModes ?? []), "json"])];
  for (const mode of modes) {
    suite.scenario(
      `connection reset in the middle of a structured output's JSON, ${mode} mode (not retried)`,
      async ({ serve }) => {
        const server = await serve(() => cutAnswer(mode));
        const RecipeWriter = suite.harness.Prompt({
          template: TEMPLATE,
          client: suite.harness.wire.client(server.url),
          output: { schema: RECIPE_SCHEMA, name: OUTPUT_NAME },
          retryDelayMs: 1,
        });
        const stream = new RecipeWriter({ ingredient: "apples" }, { outputMode: mode }).stream();
        const partials: unknown[] = [];
        let failure: unknown;
        try {
          for await (const partial of stream.partialObjects) partials.push(partial);
        } catch (error) {
          failure = error;
        }
        expect(failure).toBeInstanceOf(StreamInterruptedError);
        const { name, code, retryable, partialText, partialObject } = failure as StreamInterruptedError;
        expect({ name, code, retryable }).toEqual({
          name: "StreamInterruptedError",
          code: "stream_interrupted",
          retryable: false,
        });
        if (mode === "tool") {
          // The wire format cuts the tool's input in the middle of its fragments.
          expect(partialText.length).toBeGreaterThan(0);
          expect(partialText.length).toBeLessThan(JSON_TEXT.length);
          expect(JSON_TEXT.startsWith(partialText)).toBe(true);
          expect(isPartOf(partialObject, RECIPE)).toBe(true);
          expect(partialObject).toMatchObject({ title: "Apple pie" });
        } else {
          expect(partialText).toBe(RECEIVED);
          expect(partialObject).toEqual(RECEIVED_OBJECT);
        }
        expect(partials.at(-1)).toEqual(partialObject);
        expect(await stream.object().catch((error: unknown) => error)).toBe(failure);
        expect(server.requests).toHaveLength(1);
        expect(stream.attempts).toBe(1);
      },
    );
  }
};

/** `text` cut at these offsets. */
function cutAt(text: string, offsets: readonly number[]): string[] {
  return [0, ...offsets].map((start, i) => text.slice(start, offsets[i] ?? text.length));
}
