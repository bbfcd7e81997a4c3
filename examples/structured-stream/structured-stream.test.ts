import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { useLocalAnthropicWhenNoKey, useLocalOpenAIWhenNoKey } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Provider, type Recipe, recipeWriter } from "./src/recipe.js";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));
const KEYS = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"] as const;

function runExample() {
  const env = { ...process.env };
  for (const key of KEYS) delete env[key];
  return run(process.execPath, ["--import", "tsx", "src/main.ts", "quinces"], { cwd, env, timeout: 60_000 });
}

/**
 * Whether `partial` could be a snapshot of `whole` being written: strings are prefixes, numbers
 * and booleans are whole, arrays hold at most as many elements (all but the last complete), objects
 * hold some of the keys.
 */
function isPartialOf(partial: unknown, whole: unknown): boolean {
  if (typeof partial === "string") return typeof whole === "string" && whole.startsWith(partial);
  if (Array.isArray(partial)) {
    if (!Array.isArray(whole) || partial.length > whole.length) return false;
    return partial.every((item, index) =>
      index < partial.length - 1
        ? JSON.stringify(item) === JSON.stringify(whole[index])
        : isPartialOf(item, whole[index]),
    );
  }
  if (typeof partial === "object" && partial !== null) {
    if (typeof whole !== "object" || whole === null || Array.isArray(whole)) return false;
    return Object.entries(partial).every(
      ([key, value]) => key in whole && isPartialOf(value, (whole as Record<string, unknown>)[key]),
    );
  }
  return partial === whole;
}

describe("examples/structured-stream", () => {
  it("prints the finished recipe on both providers from the built-in local servers when no key is set", async () => {
    const { stdout } = await runExample();
    for (const provider of ["openai", "anthropic"]) {
      const section = stdout.split(`== ${provider} ==`)[1]?.split("==")[0] ?? "";
      expect(section).toContain("# Spiced quinces galette (serves 4)");
      expect(section).toContain("  - quinces: 600 g");
      expect(section).toContain("  4. Bake at 200°C for 40 minutes, until golden.");
      expect(section).toMatch(/\[\d+ partial objects, mode json_schema, \d+ tokens out\]/);
    }
  });

  describe("the snapshots, read in-process", () => {
    const saved = new Map<string, string | undefined>();
    let stops: Array<() => Promise<void>> = [];
    beforeAll(async () => {
      for (const key of KEYS) {
        saved.set(key, process.env[key]);
        delete process.env[key];
      }
      // A pause between chunks, so that they arrive in separate reads: chunks that arrive together give one snapshot.
      stops = [
        await useLocalOpenAIWhenNoKey({ chunkDelayMs: 2, log: () => {} }),
        await useLocalAnthropicWhenNoKey({ eventDelayMs: 2, log: () => {} }),
      ];
    });
    afterAll(async () => {
      for (const stop of stops) await stop();
      for (const [key, value] of saved) if (value !== undefined) process.env[key] = value;
    });

    it.each<Provider>(["openai", "anthropic"])(
      "%s: snapshots grow prefix-consistently to the validated object",
      async (provider) => {
        const RecipeWriter = await recipeWriter(provider);
        const stream = new RecipeWriter({ ingredient: "plums" }).stream();
        const snapshots: unknown[] = [];
        for await (const partial of stream.partialObjects) snapshots.push(partial);
        const recipe: Recipe = await stream.object();
        expect(recipe.title).toBe("Spiced plums galette");
        expect(recipe.ingredients).toHaveLength(5);
        expect(snapshots.length).toBeGreaterThan(20);
        expect(snapshots.at(-1)).toEqual(recipe);
        for (const snapshot of snapshots) expect(isPartialOf(snapshot, recipe)).toBe(true);
        // Each snapshot holds at least what the one before held.
        snapshots.slice(1).forEach((snapshot, index) => {
          expect(isPartialOf(snapshots[index], snapshot)).toBe(true);
        });
        expect(JSON.parse(await stream.text())).toEqual(recipe);
        expect((await stream.response()).outputMode).toBe("json_schema");
      },
    );
  });
});
