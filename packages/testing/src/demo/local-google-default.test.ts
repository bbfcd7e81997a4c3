import { type Content, GoogleGenAI } from "@google/genai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { geminiTextOf } from "../google-gemini-sdk.test-support.js";
import { useLocalGoogleWhenNoKey } from "./local-google-default.js";

const TOOLS = [{ functionDeclarations: [{ name: "get_weather" }, { name: "calculate" }] }];

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Starts the demo's local server with no key set, as a user without one would. */
async function withoutKey() {
  vi.stubEnv("GEMINI_API_KEY", undefined);
  vi.stubEnv("GOOGLE_API_KEY", undefined);
  vi.stubEnv("GOOGLE_GEMINI_BASE_URL", undefined);
  const lines: string[] = [];
  const stop = await useLocalGoogleWhenNoKey({ chunkDelayMs: 0, log: (line) => lines.push(line) });
  return { stop, lines };
}

/** A client as an example builds it: no options, so that the SDK reads its key and base URL from the environment. */
async function streamOf(contents: Content[], config: object = {}) {
  const stream = await new GoogleGenAI({}).models.generateContentStream({
    model: "gemini-2.5-flash",
    contents,
    config,
  });
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("useLocalGoogleWhenNoKey", () => {
  it("without a key, serves the canned answer at GOOGLE_GEMINI_BASE_URL, which @google/genai reads", async () => {
    const { stop, lines } = await withoutKey();
    try {
      expect(process.env.GOOGLE_GEMINI_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(process.env.GEMINI_API_KEY).toBe("local-demo-no-key");
      expect(lines.join("")).toContain("No GEMINI_API_KEY set");
      const chunks = await streamOf([{ role: "user", parts: [{ text: "Please use pears as an ingredient." }] }]);
      expect(geminiTextOf(chunks)).toContain("make the most of pears");
      expect(chunks.at(-1)).toMatchObject({ modelVersion: "gemini-2.5-flash" });
      expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
    } finally {
      await stop();
    }
    expect(process.env.GOOGLE_GEMINI_BASE_URL).toBeUndefined();
    expect(process.env.GEMINI_API_KEY).toBeUndefined();
  });

  it("answers the demo agent's turns from the functionResponse parts sent back", async () => {
    const { stop } = await withoutKey();
    try {
      const ask: Content = { role: "user", parts: [{ text: "How much warmer is Rome than Paris?" }] };
      const first = await streamOf([ask], { tools: TOOLS });
      const calls = first.flatMap((chunk) => chunk.functionCalls ?? []);
      expect(calls.map((call) => [call.name, call.args])).toEqual([
        ["get_weather", { city: "Paris" }],
        ["get_weather", { city: "Rome" }],
      ]);
      const weather = (id: string, temperature: number): Content => ({
        role: "user",
        parts: [
          { functionResponse: { id, name: "get_weather", response: { output: JSON.stringify({ temperature }) } } },
        ],
      });
      const model: Content = { role: "model", parts: calls.map((functionCall) => ({ functionCall })) };
      const second = await streamOf([ask, model, weather("call_weather_paris", 18), weather("call_weather_rome", 24)], {
        tools: TOOLS,
      });
      expect(second.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([
        { id: "call_difference", name: "calculate", args: { expression: "24 - 18" } },
      ]);
      const difference: Content = {
        role: "user",
        parts: [{ functionResponse: { name: "calculate", response: { result: 6 } } }],
      };
      const last = await streamOf(
        [ask, model, weather("call_weather_paris", 18), weather("call_weather_rome", 24), difference],
        { tools: TOOLS },
      );
      expect(geminiTextOf(last)).toBe("Rome is 6°C warmer than Paris right now (24°C against 18°C).");
    } finally {
      await stop();
    }
  });

  it("answers a request for a JSON schema with the recipe object, streamed or whole", async () => {
    const { stop } = await withoutKey();
    try {
      const contents: Content[] = [{ role: "user", parts: [{ text: "A recipe that uses plums." }] }];
      const config = { responseMimeType: "application/json", responseJsonSchema: { type: "object" } };
      const chunks = await streamOf(contents, config);
      expect(JSON.parse(geminiTextOf(chunks))).toMatchObject({ title: "Spiced plums galette" });
      const whole = await new GoogleGenAI({}).models.generateContent({ model: "gemini-2.5-flash", contents, config });
      expect(JSON.parse(whole.text ?? "")).toMatchObject({ servings: 4 });
    } finally {
      await stop();
    }
  });

  it("thinks aloud first when the request asks for thoughts, and signs its text and its first call", async () => {
    const { stop } = await withoutKey();
    try {
      const thinking = { thinkingConfig: { includeThoughts: true } };
      const answer = await streamOf(
        [{ role: "user", parts: [{ text: "Please use pears as an ingredient." }] }],
        thinking,
      );
      const parts = answer.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
      const thoughts = parts.filter((part) => part.thought === true);
      expect(thoughts.map((part) => part.text).join("")).toMatch(/^Reading the request first/);
      expect(parts.indexOf(thoughts.at(-1) ?? {})).toBe(thoughts.length - 1);
      expect(thoughts.at(-1)?.thoughtSignature).toBe("local-thought-signature");
      expect(parts.at(-1)).toEqual({ text: "", thoughtSignature: "local-text-signature" });
      expect(geminiTextOf(answer)).toContain("make the most of pears");

      const ask: Content = { role: "user", parts: [{ text: "How much warmer is Rome than Paris?" }] };
      const calling = await streamOf([ask], { tools: TOOLS, ...thinking });
      const callParts = calling
        .flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? [])
        .filter((part) => part.functionCall !== undefined);
      expect(callParts.map((part) => part.thoughtSignature)).toEqual([
        `local-call-signature-${callParts[0]?.functionCall?.id}`,
        undefined,
      ]);
      // Without the request for thoughts: none, and no signature.
      const plain = await streamOf([{ role: "user", parts: [{ text: "Please use pears." }] }]);
      const plainParts = plain.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
      expect(plainParts.some((part) => part.thought === true || part.thoughtSignature !== undefined)).toBe(false);
    } finally {
      await stop();
    }
  });

  it("does nothing when GOOGLE_API_KEY is set: the real API is used", async () => {
    vi.stubEnv("GEMINI_API_KEY", undefined);
    vi.stubEnv("GOOGLE_API_KEY", "AIza-real-key");
    vi.stubEnv("GOOGLE_GEMINI_BASE_URL", undefined);
    const log = vi.fn();
    const stop = await useLocalGoogleWhenNoKey({ log });
    await stop();
    expect(process.env.GOOGLE_GEMINI_BASE_URL).toBeUndefined();
    expect(log).not.toHaveBeenCalled();
  });
});
