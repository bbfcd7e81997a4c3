import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAnthropicTextEvents } from "../anthropic-events.js";
import { trackServers } from "../assertions.js";
import { useLocalAnthropicWhenNoKey } from "../demo/local-anthropic-default.js";
import { FIXTURES_MISSING_REASON, findFixturesDir, readAnthropicFixture } from "../fixtures.js";
import {
  type AnthropicMessagesScript,
  type AnthropicMessagesServer,
  startAnthropicMessagesServer,
} from "./anthropic-messages-server.js";
import { randomByteOffsets, splitAtByteOffsets } from "./event-stream-script.js";

const FIXTURE_FOLDER = "anthropic-messages";
const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

const serve = trackServers(afterEach, (script: AnthropicMessagesScript) => startAnthropicMessagesServer(() => script));
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Posts the way the `@anthropic-ai/sdk` client does: to `<baseURL>/v1/messages`. */
function postMessages(server: AnthropicMessagesServer): Promise<Response> {
  return fetch(`${server.baseURL}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 64, stream: true, messages: [] }),
  });
}

interface SseEvent {
  readonly event: string | undefined;
  readonly data: { readonly type: string } & Record<string, unknown>;
}

function parseSse(body: string): SseEvent[] {
  return body
    .split("\n\n")
    .filter((frame) => frame !== "")
    .map((frame) => {
      const lines = frame.split("\n");
      const event = lines.find((line) => line.startsWith("event: "))?.slice("event: ".length);
      const data = lines.find((line) => line.startsWith("data: "))?.slice("data: ".length) ?? "null";
      return { event, data: JSON.parse(data) as SseEvent["data"] };
    });
}

/** The event types in order, with runs of the same delta type collapsed, to compare shapes. */
function shape(events: readonly object[]): string[] {
  const names = events.map((event) => {
    const { type, delta } = event as { type: string; delta?: { type?: string } };
    return type === "content_block_delta" ? `${type}:${delta?.type}` : type;
  });
  return names.filter((name, i) => name !== names[i - 1]);
}

describe("startAnthropicMessagesServer", () => {
  it("frames each event as Anthropic does, with the event name equal to the payload type", async () => {
    const events = createAnthropicTextEvents("Hello there, world", { thinking: "Greet them." });
    const server = await serve({ events });
    const response = await postMessages(server);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const received = parseSse(await response.text());
    expect(received.map(({ data }) => data)).toEqual(events);
    for (const { event, data } of received) expect(event).toBe(data.type);
    expect(server.requests[0]?.path).toBe("/v1/messages");
    expect(server.requests[0]?.body).toMatchObject({ stream: true });
  });

  it("sends string events as they are, for malformed or pre-framed data", async () => {
    const events = [{ type: "ping" }, "data: {not json\n\n", 'event: ping\ndata: {"type": "ping"}\n\n'];
    const response = await postMessages(await serve({ events }));

    expect(await response.text()).toBe(
      'event: ping\ndata: {"type":"ping"}\n\ndata: {not json\n\nevent: ping\ndata: {"type": "ping"}\n\n',
    );
  });

  it("answers JSON bodies, with an error status and headers when asked", async () => {
    const error = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
    const response = await postMessages(await serve({ json: error, status: 529, headers: { "request-id": "req_1" } }));

    expect(response.status).toBe(529);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("request-id")).toBe("req_1");
    expect(await response.json()).toEqual(error);
  });

  it("answers 200 by default for a non-streamed message", async () => {
    const message = { id: "msg_1", type: "message", role: "assistant", content: [{ type: "text", text: "Hi" }] };
    const response = await postMessages(await serve({ json: message }));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(message);
  });

  it("destroys the socket after the events with resetAtEnd, so that reading the body fails", async () => {
    const server = await serve({ events: createAnthropicTextEvents("cut short").slice(0, 3), resetAtEnd: true });
    const response = await postMessages(server);

    await expect(response.text()).rejects.toThrow();
    expect(await server.requests[0]?.outcome).toBe("closed-early");
  });
});

describe("splitAtByteOffsets", () => {
  it("cuts at byte offsets, moving a cut inside a multi-byte character to its end", () => {
    // "÷" is 2 bytes (1-2) and "🍎" 4 bytes (4-7): offsets 2 and 5 fall inside them.
    expect(splitAtByteOffsets("a÷b🍎c", [2, 5, 4, 0, 99])).toEqual(["a÷", "b", "🍎", "c"]);
  });

  it("reassembles byte for byte whatever the random offsets", () => {
    const text = "event: x\ndata: 925 ÷ 5 = 185 🍎\n\n".repeat(20);
    for (let round = 0; round < 50; round += 1) {
      const offsets = randomByteOffsets(text, 2 + round);
      expect(splitAtByteOffsets(text, offsets).join(""), `offsets ${offsets.join(",")}`).toBe(text);
    }
  });
});

describe("startAnthropicMessagesServer with an sse body", () => {
  it("sends it whole when cut into a number of random pieces", async () => {
    const sse = 'event: content_block_delta\ndata: {"text":"925 ÷ 5 = 185 🍎"}\n\n'.repeat(10);
    const response = await postMessages(await serve({ sse, split: 20 }));

    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(sse, "utf8"))).toBe(true);
  });
});

describe("createAnthropicTextEvents", () => {
  it("counts one output token per delta unless told otherwise", () => {
    const delta = (events: object[]) => events.find((event) => (event as { type: string }).type === "message_delta");

    expect(delta(createAnthropicTextEvents("one two three"))).toMatchObject({ usage: { output_tokens: 3 } });
    expect(delta(createAnthropicTextEvents("one two", { usage: { output_tokens: 9 } }))).toMatchObject({
      usage: { output_tokens: 9 },
    });
  });
});

describe("useLocalAnthropicWhenNoKey", () => {
  it("points ANTHROPIC_BASE_URL at a local server streaming the canned answer, saying so in one line", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    const lines: string[] = [];
    const stop = await useLocalAnthropicWhenNoKey({ eventDelayMs: 0, log: (line) => lines.push(line) });
    try {
      const baseURL = process.env.ANTHROPIC_BASE_URL;
      expect(lines).toEqual([
        `No ANTHROPIC_API_KEY set: streaming a canned answer from the built-in local server at ${baseURL} ` +
          "(set ANTHROPIC_API_KEY to use the real API).\n",
      ]);
      const response = await fetch(`${baseURL}/v1/messages`, {
        method: "POST",
        body: JSON.stringify({ messages: [{ role: "user", content: "use apples as an ingredient" }] }),
      });
      const text = parseSse(await response.text())
        .map(({ data }) => (data.delta as { text?: string } | undefined)?.text ?? "")
        .join("");
      expect(text).toMatch(/^Here are three recipes that make the most of apples:/);
    } finally {
      await stop();
    }
  });
});

describe("recorded Anthropic fixtures", () => {
  const noFixtures = fixturesDir === undefined;
  const dir = fixturesDir ?? "";

  it.skipIf(noFixtures)("replays every recorded *.sse split at random byte offsets, byte for byte", async () => {
    const files = readdirSync(join(dir, FIXTURE_FOLDER)).filter((name) => name.endsWith(".sse"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const relativePath = `${FIXTURE_FOLDER}/${file}` as `${string}.sse`;
      const sse = readAnthropicFixture(dir, relativePath);
      const offsets = randomByteOffsets(sse, 2 + Math.floor(Math.random() * 63));
      const response = await postMessages(await serve({ sse, split: offsets, pieceDelayMs: 1 }));

      const received = Buffer.from(await response.arrayBuffer());
      expect(received.equals(readFileSync(join(dir, relativePath))), `${file} cut at ${offsets.join(",")}`).toBe(true);
    }
  });

  it.skipIf(noFixtures)("serves *.chunks.txt payloads as events; built text events have the same shape", async () => {
    const recorded = readAnthropicFixture(dir, `${FIXTURE_FOLDER}/anthropic-text.chunks.txt`);
    const response = await postMessages(await serve({ events: recorded }));
    const received = parseSse(await response.text());

    expect(received.map(({ data }) => data)).toEqual(recorded);
    for (const { event, data } of received) expect(event).toBe(data.type);
    expect(shape(createAnthropicTextEvents("Hello! How are you?"))).toEqual(shape(recorded));
  });

  it.skipIf(noFixtures)("builds thinking events of the same shape as a recorded thinking stream", () => {
    const recorded = readAnthropicFixture(dir, `${FIXTURE_FOLDER}/anthropic-clear-thinking.1.chunks.txt`);

    expect(shape(createAnthropicTextEvents("925 ÷ 5 = 185", { thinking: "Divide by 5." }))).toEqual(shape(recorded));
  });
});
