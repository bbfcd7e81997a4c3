import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  cannedToolTurn,
  createAnthropicTextEvents,
  createAnthropicToolUseEvents,
  createGeminiTextChunks,
  createGeminiToolCallChunks,
  createOpenAIResponsesTextEvents,
  createOpenAIResponsesToolCallEvents,
  createOpenAITextChunks,
  createOpenAIToolCallChunks,
  startAnthropicMessagesServer,
  startGoogleGeminiServer,
  startOpenAIServer,
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
  "GEMINI_API_KEY",
  "GOOGLE_API_KEY",
  "GOOGLE_GEMINI_BASE_URL",
  "GOOGLE_MODEL",
];

function runExample(env: Record<string, string>) {
  const rest = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PROVIDER_ENV.includes(name)));
  return run(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd, env: { ...rest, ...env }, timeout: 30_000 });
}

function linesOf(file: string): string[] {
  return readFileSync(new URL(file, import.meta.url), "utf8").split("\n");
}

describe("examples/swap-provider", () => {
  it.each(["recipe", "weather"])(
    "has four %s programs (Chat Completions, Responses, Anthropic, Gemini) that differ in exactly one line: the import",
    (name) => {
      const openai = linesOf(`./src/${name}-openai.ts`);
      const imports = {
        "openai-responses": 'import { Prompt } from "@promptstream/provider-openai/responses";',
        anthropic: 'import { Prompt } from "@promptstream/provider-anthropic";',
        google: 'import { Prompt } from "@promptstream/provider-google";',
      };
      for (const [variant, line] of Object.entries(imports)) {
        const other = linesOf(`./src/${name}-${variant}.ts`);
        expect(other).toHaveLength(openai.length);
        const differing = openai.flatMap((text, index) => (text === other[index] ? [] : [[text, other[index]]]));
        expect(differing).toEqual([['import { Prompt } from "@promptstream/provider-openai";', line]]);
      }
    },
  );

  it("streams through both OpenAI APIs, Anthropic and Gemini from the built-in local servers when no key is set", async () => {
    const { stdout } = await runExample({});
    expect(stdout).toMatch(/^No OPENAI_API_KEY set: streaming a canned answer from the built-in local server/);
    expect(stdout).toContain("No ANTHROPIC_API_KEY set: streaming a canned answer from the built-in local server");
    expect(stdout).toMatch(/No GEMINI_API_KEY[^\n]* set: streaming a canned answer from the built-in local server/);
    const [recipes = "", tools = ""] = stdout.split("== tools, @promptstream/provider-openai ==");
    const [chatPart, responsesPart, anthropicPart, googlePart] = recipes
      .split(/== @promptstream\/provider-[\w/-]+ ==/)
      .slice(1);
    for (const part of [chatPart, responsesPart, anthropicPart, googlePart]) {
      expect(part).toContain("Here are three recipes that make the most of apples:");
      expect(part).toMatch(/finish reason stop, \d+ tokens in, \d+ out\]/);
    }
    expect(chatPart).toContain("[gpt-4o-mini:");
    expect(responsesPart).toContain("[gpt-4o-mini:");
    expect(anthropicPart).toContain("[claude-haiku-4-5:");
    expect(googlePart).toContain("[gemini-2.5-flash:");
    // The tool-using prompt runs its loop unchanged through each.
    const toolParts = tools.split(/== tools, @promptstream\/provider-[\w/-]+ ==/);
    expect(toolParts).toHaveLength(4);
    for (const part of toolParts) {
      expect(part).toContain('-> get_weather({"city":"Paris"})');
      expect(part).toContain('-> calculate({"expression":"24 - 18"})');
      expect(part).toContain("Rome is 6°C warmer than Paris right now");
      expect(part).toContain("[3 steps, finish reason stop]");
    }
  });

  it("uses each provider's API, with its key, when the keys are set", async () => {
    // The tool-using prompt gets the demo agent's turns; the recipe prompt a text answer.
    const openai = await startOpenAIServer({
      chat: (request) => {
        const turn = cannedToolTurn(request.body);
        if (turn === undefined) return { chunks: createOpenAITextChunks("Apple pie, from OpenAI.") };
        const calls = turn.calls.map(({ id, name, args }) => ({ id, name, arguments: JSON.stringify(args) }));
        return { chunks: createOpenAIToolCallChunks([turn.text, ...calls]) };
      },
      responses: (request) => {
        const turn = cannedToolTurn(request.body);
        if (turn === undefined)
          return { events: createOpenAIResponsesTextEvents("Apple tart, from OpenAI Responses.") };
        const calls = turn.calls.map(({ id, name, args }) => ({ id, name, arguments: JSON.stringify(args) }));
        return { events: createOpenAIResponsesToolCallEvents([turn.text, ...calls]) };
      },
    });
    const anthropic = await startAnthropicMessagesServer((request) => {
      const turn = cannedToolTurn(request.body);
      if (turn === undefined)
        return { events: createAnthropicTextEvents("Apple crumble, from Anthropic.", { model: "claude-haiku-4-5" }) };
      const blocks = turn.calls.map(({ id, name, args }) => ({ id, name, input: JSON.stringify(args) }));
      const ending = turn.calls.length === 0 ? { stopReason: "end_turn" } : {};
      return { events: createAnthropicToolUseEvents([turn.text, ...blocks], ending) };
    });
    const google = await startGoogleGeminiServer((request) => {
      const turn = cannedToolTurn(request.body);
      if (turn === undefined) return { events: createGeminiTextChunks("Apple galette, from Gemini.") };
      const calls = turn.calls.map(({ id, name, args }) => ({ id, name, args }));
      return { events: createGeminiToolCallChunks([turn.text, ...calls]) };
    });
    try {
      const { stdout } = await runExample({
        GEMINI_API_KEY: "AIza-gemini-example",
        GOOGLE_GEMINI_BASE_URL: google.baseURL,
        OPENAI_API_KEY: "sk-openai-example",
        OPENAI_BASE_URL: openai.baseURL,
        ANTHROPIC_API_KEY: "sk-ant-example",
        ANTHROPIC_BASE_URL: anthropic.baseURL,
      });
      expect(stdout).not.toContain("built-in local server");
      expect(stdout).toContain("Apple pie, from OpenAI.");
      expect(stdout).toContain("Apple tart, from OpenAI Responses.");
      expect(stdout).toContain("Apple crumble, from Anthropic.");
      expect(stdout).toContain("Apple galette, from Gemini.");
      const prompt = "Recommend recipes that use apples as an ingredient";
      // For each OpenAI API: the recipe, then the three steps of the tool loop.
      const chat = openai.requests.filter((request) => request.path.endsWith("/chat/completions"));
      const responses = openai.requests.filter((request) => request.path.endsWith("/responses"));
      expect([chat.length, responses.length]).toEqual([4, 4]);
      expect(chat[0]?.body).toMatchObject({
        messages: [{ role: "user", content: prompt }],
        max_completion_tokens: 400,
      });
      expect(responses[0]?.body).toMatchObject({ input: [{ role: "user", content: prompt }], max_output_tokens: 400 });
      expect(anthropic.requests).toHaveLength(4);
      expect(stdout.match(/\[3 steps, finish reason stop\]/g)).toHaveLength(4);
      expect(google.requests).toHaveLength(4);
      expect(google.requests[0]?.body).toMatchObject({
        contents: [{ role: "user", parts: [{ text: prompt }] }],
        generationConfig: { maxOutputTokens: 400 },
      });
      expect(google.requests[0]?.headers["x-goog-api-key"]).toBe("AIza-gemini-example");
      expect(anthropic.requests[0]?.body).toMatchObject({
        messages: [{ role: "user", content: prompt }],
        max_tokens: 400,
      });
      const anthropicAuth = anthropic.requests[0]?.headers;
      expect(JSON.stringify(anthropicAuth)).toContain("sk-ant-example");
    } finally {
      await openai.close();
      await anthropic.close();
      await google.close();
    }
  });
});
