import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOpenAITextChunks } from "../openai-chunks.js";
import { type OpenAIChatScript, startOpenAIChatServer } from "../servers/openai-chat-server.js";
import type { CassetteFile } from "./cassette-file.js";
import { type Cassette, REPLAY_PLACEHOLDER_KEY, type UseCassetteOptions, useCassette } from "./use-cassette.js";

const KEY = "sk-proj-recording-test-key-0123456789";

let dir: string;
const open: Cassette[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cassettes-"));
  vi.stubEnv("PROMPTSTREAM_RECORD", "");
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((cassette) => cassette.close()));
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

async function cassette(name: string, options: Partial<UseCassetteOptions> = {}): Promise<Cassette> {
  const used = await useCassette(name, { provider: "openai", dir, ...options });
  open.push(used);
  return used;
}

/** Records `name` against a loopback stand-in of the API that answers with `script`, then stops the stand-in. */
async function record(name: string, scripts: OpenAIChatScript[], send: (client: OpenAI) => Promise<unknown>) {
  vi.stubEnv("OPENAI_API_KEY", KEY);
  const upstream = await startOpenAIChatServer(() => scripts.shift() ?? { json: { error: { message: "none" } } });
  const recording = await cassette(name, { mode: "record", upstream: upstream.baseURL });
  await send(client(recording)).catch(() => {});
  await recording.close();
  await upstream.close();
  vi.stubEnv("OPENAI_API_KEY", undefined as unknown as string);
  return { upstream, text: await readFile(recording.path, "utf8") };
}

function client(cassette: Cassette): OpenAI {
  return new OpenAI({ baseURL: cassette.baseURL, apiKey: cassette.apiKey, maxRetries: 0, logLevel: "off" });
}

async function streamText(openai: OpenAI, content = "Dessert?"): Promise<string> {
  const stream = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content }],
    stream: true,
  });
  let text = "";
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
  return text;
}

describe("useCassette with the openai SDK", () => {
  it("records a stream through to the client, then replays it with the upstream gone and no key", async () => {
    let recordedText = "";
    const { upstream, text } = await record(
      "pie",
      [{ chunks: createOpenAITextChunks("Apple pie, warm.") }],
      async (openai) => {
        recordedText = await streamText(openai);
      },
    );
    expect(recordedText).toBe("Apple pie, warm.");
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    const file = JSON.parse(text) as CassetteFile;
    expect(file.interactions).toHaveLength(1);
    expect(file.interactions[0]?.request).toMatchObject({
      method: "POST",
      path: "/v1/chat/completions",
      model: "gpt-4o-mini",
      body: { messages: [{ role: "user", content: "Dessert?" }], stream: true },
    });
    expect(file.interactions[0]?.response).toMatchObject({ status: 200, end: "complete" });
    expect(file.interactions[0]?.response.headers["content-type"]).toBe("text/event-stream");
    expect(file.interactions[0]?.response.chunks.join("")).toMatch(/"content":" warm."/);
    // One event per chunk, whatever packets they came in.
    expect(file.interactions[0]?.response.chunks.at(-1)).toBe("data: [DONE]\n\n");

    const replay = await cassette("pie");
    expect(replay.mode).toBe("replay");
    expect(replay.apiKey).toBe(REPLAY_PLACEHOLDER_KEY);
    expect(process.env.OPENAI_BASE_URL).toBe(replay.baseURL);
    expect(await streamText(client(replay))).toBe("Apple pie, warm.");
  });

  it("replays the body byte for byte, with the recorded status and headers", async () => {
    const { text } = await record("bytes", [{ chunks: createOpenAITextChunks("Crumble: é ü 🍎.") }], streamText);
    const file = JSON.parse(text) as CassetteFile;
    const replay = await cassette("bytes");
    const response = await fetch(`${replay.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(file.interactions[0]?.request.body),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(await response.text()).toBe(file.interactions[0]?.response.chunks.join(""));
  });

  it("writes no key: not the auth header, not a key the API echoes in its body, not a key in the prompt", async () => {
    const { text } = await record(
      "secrets",
      [
        { json: { error: { message: `Incorrect API key provided: ${KEY}.` } }, status: 401 },
        { chunks: createOpenAITextChunks(`Your key is ${KEY}`) },
      ],
      async (openai) => {
        await streamText(openai).catch(() => {});
        await streamText(openai, `my key: ${KEY}`);
      },
    );
    expect(text).not.toContain(KEY);
    expect(text).not.toContain("recording-test-key");
    expect(text.toLowerCase()).not.toContain("authorization");
    expect(text).toContain('"status": 401');
    expect(text).toContain("[redacted]");
  });

  it("serves identical requests' answers in recorded order: a 429, then the answer", async () => {
    await record(
      "retry",
      [
        { json: { error: { message: "Rate limit reached" } }, status: 429, headers: { "retry-after": "0" } },
        { chunks: createOpenAITextChunks("Tarte Tatin.") },
      ],
      async (openai) => {
        await streamText(openai).catch(() => {});
        await streamText(openai);
      },
    );
    const replay = client(await cassette("retry"));
    const error = await streamText(replay).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe("0");
    expect(await streamText(replay)).toBe("Tarte Tatin.");
  });

  it("answers a request that matches nothing with a 400 that says what differed and how to record again", async () => {
    await record("mismatch", [{ chunks: createOpenAITextChunks("Pie.") }], streamText);
    const replay = await cassette("mismatch");
    const error = await streamText(client(replay), "Breakfast?").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const message = (error as Error).message;
    expect(message).toContain('body.messages[0].content recorded "Dessert?", sent "Breakfast?"');
    expect(message).toContain("PROMPTSTREAM_RECORD=1 OPENAI_API_KEY=<your key> npx vitest run");
    expect(replay.mismatches).toHaveLength(1);
  });

  it("leaves the fields given in ignoreBodyFields out of the match", async () => {
    await record("ignored", [{ chunks: createOpenAITextChunks("Pie.") }], (openai) =>
      openai.chat.completions.create({ model: "gpt-4o-mini", messages: [], user: "run-1" }),
    );
    const replay = client(await cassette("ignored", { ignoreBodyFields: ["user"] }));
    const answer = await replay.chat.completions.create({ model: "gpt-4o-mini", messages: [], user: "run-2" });
    expect(answer).toBeDefined();
  });

  it("refuses to replay a missing cassette with the command that records it", async () => {
    const error = await useCassette("never-recorded", { provider: "anthropic", dir }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: "CassetteError", code: "missing_cassette" });
    // The test file as named from the working directory, where the command is typed.
    expect((error as Error).message).toMatch(
      /\n {2}PROMPTSTREAM_RECORD=missing ANTHROPIC_API_KEY=<your key> npx vitest run (packages\/testing\/)?src\/recording\/use-cassette\.test\.ts$/,
    );
  });

  it("puts cassettes in __cassettes__ next to the test file that uses them", async () => {
    const error = await useCassette("next-to-me", { provider: "openai" }).catch((caught: unknown) => caught);
    expect((error as { path: string }).path).toBe(
      join(import.meta.dirname, "__cassettes__", "next-to-me.cassette.json"),
    );
  });

  it("records only missing cassettes with PROMPTSTREAM_RECORD=missing, and refuses an unknown value", async () => {
    await record("exists", [{ chunks: createOpenAITextChunks("Pie.") }], streamText);
    vi.stubEnv("PROMPTSTREAM_RECORD", "missing");
    vi.stubEnv("OPENAI_API_KEY", KEY);
    const existing = await cassette("exists");
    expect(existing.mode).toBe("replay");
    await existing.close();
    expect((await cassette("new", { upstream: "http://127.0.0.1:9" })).mode).toBe("record");
    vi.stubEnv("PROMPTSTREAM_RECORD", "yes");
    await expect(cassette("exists")).rejects.toMatchObject({ code: "invalid_option" });
  });

  it("refuses to record without the key, and a second cassette of a provider while one is open", async () => {
    await expect(cassette("no-key", { mode: "record" })).rejects.toMatchObject({ code: "missing_key" });
    await record("first", [{ chunks: createOpenAITextChunks("Pie.") }], streamText);
    await cassette("first");
    await expect(cassette("first")).rejects.toMatchObject({ code: "cassette_in_use" });
  });

  it("restores the environment on close", async () => {
    vi.stubEnv("OPENAI_BASE_URL", "https://example.test/v1");
    await record("env", [{ chunks: createOpenAITextChunks("Pie.") }], streamText);
    const replay = await cassette("env");
    expect(process.env.OPENAI_BASE_URL).toBe(replay.baseURL);
    expect(process.env.OPENAI_API_KEY).toBe(REPLAY_PLACEHOLDER_KEY);
    await replay.close();
    expect(process.env.OPENAI_BASE_URL).toBe("https://example.test/v1");
    expect(process.env.OPENAI_API_KEY).toBeUndefined();
  });
});
