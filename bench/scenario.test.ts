/** The text profiles: english is the text the bench always served; multilingual is what its README says. */
import { describe, expect, it } from "vitest";
import { chunkText, expectedText, parseScenarioPath, scenarioBase, TEXT_PROFILES } from "./src/scenario.js";

const CHUNKS = 20_000;
const deltas = (profile: (typeof TEXT_PROFILES)[number]): string[] =>
  Array.from({ length: CHUNKS }, (_, index) => chunkText(profile, index));

describe("text profiles", () => {
  it("english serves the pieces it always served", () => {
    expect(expectedText("english", 14)).toBe(
      ' Apple#0 crumble needs café 🍎 butter, "tart" and cinnamon.\n#10 C:\\oven bake Apple',
    );
  });

  it("multilingual: about a fifth of the deltas non-ASCII, of every kind, the rest ASCII with JSON escapes", () => {
    const texts = deltas("multilingual");
    const nonAscii = texts.filter((text) => Buffer.byteLength(text) !== text.length);
    expect(nonAscii.length / CHUNKS).toBeGreaterThan(0.17);
    expect(nonAscii.length / CHUNKS).toBeLessThan(0.23);
    const all = texts.join("");
    for (const [kind, pattern] of Object.entries({
      accented: /[èïñöç]/u,
      decomposed: /e\u0300/u,
      cjk: /\p{Script=Han}/u,
      kana: /\p{Script=Katakana}/u,
      greek: /\p{Script=Greek}/u,
      cyrillic: /\p{Script=Cyrillic}/u,
      astral: /[\u{10000}-\u{10FFFF}]/u,
      zwj: /\u200d/u,
      quote: /"/,
      backslash: /\\/,
      tab: /\t/,
      newline: /\n/,
    }))
      expect(pattern.test(all), kind).toBe(true);
    // Deterministic, and the pieces do not repeat with a short period.
    expect(deltas("multilingual")).toEqual(texts);
    expect(texts.slice(0, 50)).not.toEqual(texts.slice(50, 100));
  });

  it("every tenth delta carries its index, on every profile", () => {
    for (const profile of TEXT_PROFILES) {
      expect(chunkText(profile, 0)).toMatch(/#0$/);
      expect(chunkText(profile, 1230)).toMatch(/#1230$/);
      expect(chunkText(profile, 1231)).not.toMatch(/#/);
    }
  });

  it("the scenario path carries the profile to the server", () => {
    for (const profile of TEXT_PROFILES) {
      const base = scenarioBase("http://127.0.0.1:1", { chunks: 500, mode: "paced", profile });
      const path = `${new URL(base).pathname}/v1/messages`;
      expect(parseScenarioPath(path)).toEqual({ chunks: 500, mode: "paced", profile, wire: "anthropic" });
    }
    expect(parseScenarioPath("/s/500/burst/klingon/v1/messages")).toBeUndefined();
  });
});
