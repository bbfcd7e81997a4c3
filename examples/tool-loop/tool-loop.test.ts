import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  cannedToolTurn,
  createAnthropicToolUseEvents,
  createOpenAIToolCallChunks,
  type RecordedRequest,
  startAnthropicMessagesServer,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));

function runExample(env: Record<string, string>) {
  const {
    OPENAI_API_KEY: _o,
    OPENAI_BASE_URL: _ou,
    ANTHROPIC_API_KEY: _a,
    ANTHROPIC_BASE_URL: _au,
    ...rest
  } = process.env;
  return run(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd, env: { ...rest, ...env }, timeout: 30_000 });
}

/** The JSON body of a recorded request; fails the test when there was no such request. */
function bodyOf<T>(requests: readonly RecordedRequest[], index: number): T {
  const request = requests[index];
  if (request === undefined) throw new Error(`no request #${index}`);
  return request.body as T;
}

/** A turn of the stand-in model, as the request asks for it: the same as the keyless demo's. */
function turnOf(request: RecordedRequest) {
  const turn = cannedToolTurn(request.body);
  if (turn === undefined) throw new Error("the agent's request offered no tools");
  return turn;
}

const EXPECTED_OUTPUT = [
  "Let me look up the weather in both cities.",
  '  -> get_weather({"city":"Paris"})',
  '  -> get_weather({"city":"Rome"})',
  '  <- {"city":"Paris","temperature":18,"unit":"c"}',
  '  <- {"city":"Rome","temperature":24,"unit":"c"}',
  "Now the difference.",
  '  -> calculate({"expression":"24 - 18"})',
  "  <- 6",
  "Rome is 6°C warmer than Paris right now (24°C against 18°C).",
  "[3 steps,",
];

const PARIS = '{"city":"Paris","temperature":18,"unit":"c"}';
const ROME = '{"city":"Rome","temperature":24,"unit":"c"}';

describe("examples/tool-loop", () => {
  it("streams the whole loop on both providers from the built-in local servers when no key is set", async () => {
    const { stdout } = await runExample({});
    expect(stdout).toMatch(/^No OPENAI_API_KEY set/);
    for (const provider of ["== openai ==", "== anthropic =="]) {
      const section = stdout.slice(stdout.indexOf(provider));
      let at = 0;
      for (const line of EXPECTED_OUTPUT) {
        const found = section.indexOf(line, at);
        expect(found, `${provider}: "${line}" in order`).toBeGreaterThanOrEqual(at);
        at = found + line.length;
      }
    }
  });

  describe("with keys, against servers recording each step's request", () => {
    let openai: Awaited<ReturnType<typeof startOpenAIChatServer>>;
    let anthropic: Awaited<ReturnType<typeof startAnthropicMessagesServer>>;
    let stdout: string;
    beforeAll(async () => {
      openai = await startOpenAIChatServer((request) => {
        const { text, calls } = turnOf(request);
        const parts = calls.map(({ id, name, args }) => ({ id, name, arguments: JSON.stringify(args) }));
        return { chunks: createOpenAIToolCallChunks([text, ...parts]) };
      });
      anthropic = await startAnthropicMessagesServer((request) => {
        const { text, calls } = turnOf(request);
        const blocks = calls.map(({ id, name, args }) => ({ id, name, input: JSON.stringify(args) }));
        return {
          events: createAnthropicToolUseEvents([text, ...blocks], calls.length === 0 ? { stopReason: "end_turn" } : {}),
        };
      });
      ({ stdout } = await runExample({
        OPENAI_API_KEY: "sk-tool-loop",
        OPENAI_BASE_URL: openai.baseURL,
        ANTHROPIC_API_KEY: "sk-ant-tool-loop",
        ANTHROPIC_BASE_URL: anthropic.baseURL,
      }));
    });
    afterAll(async () => {
      await openai?.close();
      await anthropic?.close();
    });

    it("prints the same loop, from the APIs it was pointed at", () => {
      expect(stdout).not.toContain("built-in local server");
      expect(stdout).toContain("Rome is 6°C warmer than Paris right now");
      expect(openai.requests).toHaveLength(3);
      expect(anthropic.requests).toHaveLength(3);
    });

    it("sends OpenAI the calls as assistant tool_calls and each result as a role: tool message", () => {
      const messages = bodyOf<{ messages: unknown[] }>(openai.requests, 2).messages;
      expect(messages.slice(1)).toEqual([
        { role: "user", content: "How much warmer is Rome than Paris right now?" },
        {
          role: "assistant",
          content: "Let me look up the weather in both cities.",
          tool_calls: [
            {
              id: "call_weather_paris",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris"}' },
            },
            {
              id: "call_weather_rome",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Rome"}' },
            },
          ],
        },
        { role: "tool", tool_call_id: "call_weather_paris", content: PARIS },
        { role: "tool", tool_call_id: "call_weather_rome", content: ROME },
        {
          role: "assistant",
          content: "Now the difference.",
          tool_calls: [
            {
              id: "call_difference",
              type: "function",
              function: { name: "calculate", arguments: '{"expression":"24 - 18"}' },
            },
          ],
        },
        { role: "tool", tool_call_id: "call_difference", content: "6" },
      ]);
      const tools = bodyOf<{ tools: Array<{ type: string; function: { name: string } }> }>(openai.requests, 0).tools;
      expect(tools.map((tool) => [tool.type, tool.function.name])).toEqual([
        ["function", "get_weather"],
        ["function", "calculate"],
      ]);
    });

    it("sends Anthropic the calls as tool_use blocks and the results as one user message of tool_result blocks", () => {
      const messages = bodyOf<{ messages: unknown[] }>(anthropic.requests, 2).messages;
      expect(messages).toEqual([
        { role: "user", content: "How much warmer is Rome than Paris right now?" },
        {
          role: "assistant",
          content: [
            { type: "text", text: "Let me look up the weather in both cities." },
            { type: "tool_use", id: "call_weather_paris", name: "get_weather", input: { city: "Paris" } },
            { type: "tool_use", id: "call_weather_rome", name: "get_weather", input: { city: "Rome" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "call_weather_paris", content: PARIS },
            { type: "tool_result", tool_use_id: "call_weather_rome", content: ROME },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "text", text: "Now the difference." },
            { type: "tool_use", id: "call_difference", name: "calculate", input: { expression: "24 - 18" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "call_difference", content: "6" }] },
      ]);
      const tools = bodyOf<{ tools: Array<{ name: string; input_schema: object }> }>(anthropic.requests, 0).tools;
      expect(tools.map((tool) => tool.name)).toEqual(["get_weather", "calculate"]);
      expect(tools[0]?.input_schema).toEqual({
        type: "object",
        properties: { city: { type: "string", description: "The city, e.g. Paris" } },
        required: ["city"],
      });
    });
  });
});
