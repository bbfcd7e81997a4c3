import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  cannedToolTurn,
  createAnthropicTextEvents,
  createAnthropicToolUseEvents,
  createOpenAITextChunks,
  createOpenAIToolCallChunks,
  startAnthropicMessagesServer,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));
const PROVIDER_ENV = [
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "OPENAI_MODEL",
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_BASE_URL",
  "ANTHROPIC_MODEL",
];

function runExample(env: Record<string, string>) {
  const rest = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PROVIDER_ENV.includes(name)));
  return run(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd, env: { ...rest, ...env }, timeout: 30_000 });
}

function linesOf(file: string): string[] {
  return readFileSync(new URL(file, import.meta.url), "utf8").split("\n");
}

describe("examples/swap-provider", () => {
  it.each(["recipe", "weather"])("has two %s programs that differ in exactly one line: the import", (name) => {
    const openai = linesOf(`./src/${name}-openai.ts`);
    const anthropic = linesOf(`./src/${name}-anthropic.ts`);
    expect(anthropic).toHaveLength(openai.length);
    const differing = openai.flatMap((line, index) => (line === anthropic[index] ? [] : [[line, anthropic[index]]]));
    expect(differing).toEqual([
      [
        'import { Prompt } from "@promptstream/provider-openai";',
        'import { Prompt } from "@promptstream/provider-anthropic";',
      ],
    ]);
  });

  it("streams through both providers from the built-in local servers when no key is set", async () => {
    const { stdout } = await runExample({});
    expect(stdout).toMatch(/^No OPENAI_API_KEY set: streaming a canned answer from the built-in local server/);
    expect(stdout).toContain("No ANTHROPIC_API_KEY set: streaming a canned answer from the built-in local server");
    const [openaiPart, anthropicPart] = stdout.split("== @promptstream/provider-anthropic ==");
    for (const part of [openaiPart, anthropicPart]) {
      expect(part).toContain("Here are three recipes that make the most of apples:");
      expect(part).toMatch(/finish reason stop, \d+ tokens in, \d+ out\]/);
    }
    expect(openaiPart).toContain("[gpt-4o-mini:");
    expect(anthropicPart).toContain("[claude-haiku-4-5:");
    // The tool-using prompt runs its loop unchanged on both providers.
    const [, openaiTools, anthropicTools] = stdout.split(/== tools, @promptstream\/provider-\w+ ==/);
    for (const part of [openaiTools, anthropicTools]) {
      expect(part).toContain('-> get_weather({"city":"Paris"})');
      expect(part).toContain('-> calculate({"expression":"24 - 18"})');
      expect(part).toContain("Rome is 6°C warmer than Paris right now");
      expect(part).toContain("[3 steps, finish reason stop]");
    }
  });

  it("uses each provider's API, with its key, when the keys are set", async () => {
    // The tool-using prompt gets the demo agent's turns; the recipe prompt a text answer.
    const openai = await startOpenAIChatServer((request) => {
      const turn = cannedToolTurn(request.body);
      if (turn === undefined) return { chunks: createOpenAITextChunks("Apple pie, from OpenAI.") };
      const calls = turn.calls.map(({ id, name, args }) => ({ id, name, arguments: JSON.stringify(args) }));
      return { chunks: createOpenAIToolCallChunks([turn.text, ...calls]) };
    });
    const anthropic = await startAnthropicMessagesServer((request) => {
      const turn = cannedToolTurn(request.body);
      if (turn === undefined)
        return { events: createAnthropicTextEvents("Apple crumble, from Anthropic.", { model: "claude-haiku-4-5" }) };
      const blocks = turn.calls.map(({ id, name, args }) => ({ id, name, input: JSON.stringify(args) }));
      const ending = turn.calls.length === 0 ? { stopReason: "end_turn" } : {};
      return { events: createAnthropicToolUseEvents([turn.text, ...blocks], ending) };
    });
    try {
      const { stdout } = await runExample({
        OPENAI_API_KEY: "sk-openai-example",
        OPENAI_BASE_URL: openai.baseURL,
        ANTHROPIC_API_KEY: "sk-ant-example",
        ANTHROPIC_BASE_URL: anthropic.baseURL,
      });
      expect(stdout).not.toContain("built-in local server");
      expect(stdout).toContain("Apple pie, from OpenAI.");
      expect(stdout).toContain("Apple crumble, from Anthropic.");
      const prompt = "Recommend recipes that use apples as an ingredient";
      // The recipe, then the three steps of the tool loop.
      expect(openai.requests).toHaveLength(4);
      expect(openai.requests[0]?.body).toMatchObject({
        messages: [{ role: "user", content: prompt }],
        max_completion_tokens: 400,
      });
      expect(anthropic.requests).toHaveLength(4);
      expect(stdout.match(/\[3 steps, finish reason stop\]/g)).toHaveLength(2);
      expect(anthropic.requests[0]?.body).toMatchObject({
        messages: [{ role: "user", content: prompt }],
        max_tokens: 400,
      });
      const anthropicAuth = anthropic.requests[0]?.headers;
      expect(JSON.stringify(anthropicAuth)).toContain("sk-ant-example");
    } finally {
      await openai.close();
      await anthropic.close();
    }
  });
});
