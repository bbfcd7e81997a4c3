import { afterEach, describe, expect, it, vi } from "vitest";
import { useLocalAnthropicWhenNoKey } from "./local-anthropic-default.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

type Event = { type: string; content_block?: Record<string, unknown>; delta?: Record<string, unknown> };

/** Posts a Messages request to the local server and reads its events, or its error body. */
async function post(body: object): Promise<{ status: number; events: Event[]; error?: { message: string } }> {
  const response = await fetch(`${process.env.ANTHROPIC_BASE_URL}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 4096, stream: true, ...body }),
  });
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, events: [], error: JSON.parse(text).error };
  const events = text
    .split("\n\n")
    .filter((frame) => frame.includes("data: "))
    .map((frame) => JSON.parse(frame.slice(frame.indexOf("data: ") + 6)) as Event);
  return { status: 200, events };
}

const TOOLS = [
  { name: "get_weather", input_schema: { type: "object" } },
  { name: "calculate", input_schema: { type: "object" } },
];
const QUESTION = { role: "user", content: "How much warmer is Rome than Paris?" };

/** The assistant turn a client sends back for the first answer's blocks (thinking first, as received). */
function assistantTurnOf(events: readonly Event[]): Array<Record<string, unknown>> {
  const blocks: Array<Record<string, unknown>> = [];
  for (const event of events) {
    if (event.type === "content_block_start" && event.content_block) blocks.push({ ...event.content_block });
    const last = blocks[blocks.length - 1];
    if (event.type !== "content_block_delta" || last === undefined || event.delta === undefined) continue;
    if (event.delta.type === "thinking_delta")
      last.thinking = `${String(last.thinking)}${String(event.delta.thinking)}`;
    if (event.delta.type === "signature_delta") last.signature = event.delta.signature;
    if (event.delta.type === "text_delta") last.text = `${String(last.text)}${String(event.delta.text)}`;
    if (event.delta.type === "input_json_delta")
      last.json = `${String(last.json ?? "")}${String(event.delta.partial_json)}`;
  }
  return blocks.map(({ json, ...block }) =>
    block.type === "tool_use" ? { ...block, input: JSON.parse(String(json)) } : block,
  );
}

describe("useLocalAnthropicWhenNoKey with thinking", () => {
  it("streams a signed thinking block first, and answers a tool loop as Anthropic does: 400 without it, 200 with it", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    const stop = await useLocalAnthropicWhenNoKey({ eventDelayMs: 0, log: () => {} });
    try {
      const thinking = { type: "enabled", budget_tokens: 2048 };
      const first = await post({ thinking, tools: TOOLS, messages: [QUESTION] });
      const starts = first.events.filter((event) => event.type === "content_block_start");
      expect(starts.map((event) => event.content_block?.type)).toEqual(["thinking", "text", "tool_use", "tool_use"]);
      expect(first.events.filter((event) => event.delta?.type === "signature_delta")).toHaveLength(1);

      const turn = assistantTurnOf(first.events);
      const results = {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_weather_paris", content: "18" },
          { type: "tool_result", tool_use_id: "call_weather_rome", content: "24" },
        ],
      };
      const withoutThinking = await post({
        thinking,
        tools: TOOLS,
        messages: [QUESTION, { role: "assistant", content: turn.slice(1) }, results],
      });
      expect(withoutThinking.status).toBe(400);
      expect(withoutThinking.error?.message).toMatch(/Expected `thinking` or `redacted_thinking`, but found `text`/);

      const tampered = turn.map((block) => (block.type === "thinking" ? { ...block, thinking: "edited" } : block));
      const edited = await post({
        thinking,
        tools: TOOLS,
        messages: [QUESTION, { role: "assistant", content: tampered }, results],
      });
      expect(edited.error?.message).toMatch(/Invalid `signature`/);

      const second = await post({
        thinking,
        tools: TOOLS,
        messages: [QUESTION, { role: "assistant", content: turn }, results],
      });
      expect(second.status).toBe(200);
      expect(second.events.some((event) => event.content_block?.name === "calculate")).toBe(true);

      // Without thinking, no thinking block and no such rule.
      const plain = await post({
        tools: TOOLS,
        messages: [QUESTION, { role: "assistant", content: turn.slice(1) }, results],
      });
      expect(plain.status).toBe(200);
      expect(plain.events.some((event) => event.content_block?.type === "thinking")).toBe(false);
    } finally {
      await stop();
    }
  });
});
