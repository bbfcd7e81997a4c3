/** The text profiles: english is the text the bench always served; multilingual is what its README says. */
import { describe, expect, it } from "vitest";
import {
  chunkText,
  expectedText,
  GEMINI_MODEL,
  parseScenarioPath,
  scenarioBase,
  TEXT_PROFILES,
} from "./src/scenario.js";
import { geminiEvents } from "./src/server/gemini-sse-events.js";
import { responsesEvents } from "./src/server/responses-sse-events.js";

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

  it("the path's last part names the wire format", () => {
    for (const [path, wire] of [
      ["chat/completions", "openai"],
      ["messages", "anthropic"],
      ["responses", "openai-responses"],
    ])
      expect(parseScenarioPath(`/s/5/burst/english/v1/${path}`)?.wire).toBe(wire);
    expect(parseScenarioPath("/s/5/burst/english/v1/completions")).toBeUndefined();
  });

  it("Gemini's path names the model and asks for SSE", () => {
    const gemini = `/s/5/paced/multilingual/v1beta/models/${GEMINI_MODEL}:streamGenerateContent`;
    expect(parseScenarioPath(`${gemini}?alt=sse`)).toEqual({
      chunks: 5,
      mode: "paced",
      profile: "multilingual",
      wire: "google-gemini",
    });
    // Without alt=sse the API streams a JSON array, which the server does not serve.
    expect(parseScenarioPath(gemini)).toBeUndefined();
    expect(
      parseScenarioPath(`/s/5/burst/english/v1beta/models/${GEMINI_MODEL}:generateContent?alt=sse`),
    ).toBeUndefined();
  });
});

describe("the OpenAI Responses stream", () => {
  const parse = (events: readonly string[]) =>
    events.map((event) => {
      const [name, data] = event.split("\n");
      const parsed = JSON.parse(data?.replace(/^data: /, "") ?? "") as Record<string, unknown>;
      expect(name).toBe(`event: ${String(parsed.type)}`);
      return parsed;
    });

  it("numbers its events, carries the text in its deltas and the whole text in its done events", () => {
    for (const profile of TEXT_PROFILES) {
      const events = parse(responsesEvents(profile, 30));
      expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
      const deltas = events.filter((event) => event.type === "response.output_text.delta");
      expect(deltas.map((event) => event.delta).join("")).toBe(expectedText(profile, 30));
      expect(events.find((event) => event.type === "response.output_text.done")?.text).toBe(expectedText(profile, 30));
      expect(events.at(-1)).toMatchObject({
        type: "response.completed",
        response: { status: "completed", usage: { output_tokens: 30 } },
      });
    }
  });

  it("leaves a dropped delta out of its done events too", () => {
    const events = parse(responsesEvents("english", 3, 1));
    const done = events.find((event) => event.type === "response.output_text.done");
    expect(done?.text).toBe(chunkText("english", 0) + chunkText("english", 2));
  });
});

describe("the Google Gemini stream", () => {
  interface GeminiResponse {
    readonly candidates: readonly {
      readonly content: { readonly parts: readonly { readonly text: string }[]; readonly role: string };
      readonly finishReason?: string;
      readonly index: number;
    }[];
    readonly usageMetadata: { readonly candidatesTokenCount: number; readonly totalTokenCount: number };
    readonly modelVersion: string;
    readonly responseId: string;
  }
  const parse = (events: readonly string[]): GeminiResponse[] =>
    events.map((event) => {
      expect(event).toMatch(/^data: \{.*\}\r\n\r\n$/s);
      expect(event.slice(0, -4)).not.toMatch(/[\r\n]/);
      return JSON.parse(event.slice("data: ".length)) as GeminiResponse;
    });
  const textOf = (events: readonly GeminiResponse[]): string =>
    events.map((event) => event.candidates[0]?.content.parts.map((part) => part.text).join("")).join("");

  it("sends unnamed events, one candidate each, the text in its parts, STOP and the whole usage last", () => {
    for (const profile of TEXT_PROFILES) {
      const events = parse(geminiEvents(profile, 30));
      expect(events).toHaveLength(31);
      expect(textOf(events)).toBe(expectedText(profile, 30));
      for (const event of events) {
        expect(event.candidates).toHaveLength(1);
        expect(event.candidates[0]).toMatchObject({ content: { role: "model" }, index: 0 });
        expect(event).toMatchObject({ modelVersion: GEMINI_MODEL, responseId: events[0]?.responseId });
      }
      expect(events.slice(0, -1).every((event) => event.candidates[0]?.finishReason === undefined)).toBe(true);
      expect(events.at(-1)).toMatchObject({
        candidates: [{ finishReason: "STOP", content: { parts: [{ text: "" }] } }],
        usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 30, totalTokenCount: 42 },
      });
    }
  });

  it("leaves a dropped delta out", () => {
    expect(textOf(parse(geminiEvents("english", 3, 1)))).toBe(chunkText("english", 0) + chunkText("english", 2));
  });
});
