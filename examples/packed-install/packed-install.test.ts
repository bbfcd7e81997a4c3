import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  type AnthropicMessagesServer,
  createAnthropicMessage,
  createAnthropicMessageEvents,
  createAnthropicTextEvents,
  createAnthropicToolUseEvents,
  createGeminiTextChunks,
  createOpenAIResponsesErrorEvents,
  createOpenAIResponsesTextEvents,
  createOpenAITextChunks,
  createOpenAIToolCallChunks,
  findFixturesDir,
  type GoogleGeminiServer,
  geminiErrorBody,
  type OpenAIChatServer,
  type OpenAIResponsesServer,
  readAnthropicFixture,
  startAnthropicMessagesServer,
  startGoogleGeminiServer,
  startOpenAIChatServer,
  startOpenAIResponsesServer,
  wholeGeminiResponse,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exec = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));
const packagesDir = join(here, "..", "..", "packages");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

let app: string;
let server: OpenAIChatServer;
let anthropicServer: AnthropicMessagesServer;
let responsesServer: OpenAIResponsesServer;
let googleServer: GoogleGeminiServer;

/** A real recorded Anthropic stream where the fixtures are there; a scripted one where they are not. */
const fixturesDir = findFixturesDir();
const anthropicEvents: object[] =
  fixturesDir === undefined
    ? createAnthropicTextEvents("Hello! I'm doing well.")
    : readAnthropicFixture(fixturesDir, "anthropic-messages/anthropic-text.chunks.txt");
const recorded = summarise(anthropicEvents);
/** A recorded stream of a tool's input JSON where the fixtures are there, a scripted one where not; and its tool. */
const toolInputEvents: object[] =
  fixturesDir === undefined
    ? createAnthropicToolUseEvents([{ id: "toolu_1", name: "json", input: '{"elements": [{"location": "Paris"}]}' }])
    : readAnthropicFixture(fixturesDir, "anthropic-messages/anthropic-json-tool.1.chunks.txt");
const toolInputJson = toolInputEvents
  .flatMap((event) => {
    const { delta } = event as { delta?: { type?: string; partial_json?: string } };
    return delta?.type === "input_json_delta" ? [delta.partial_json ?? ""] : [];
  })
  .join("");

/** A real recorded Responses stream (reasoning summary, then text) where the fixtures are there; a scripted one where not. */
const responsesEvents: object[] =
  fixturesDir === undefined
    ? createOpenAIResponsesTextEvents("I am well, thank you.", { reasoningSummary: "The user asks how I am." })
    : readAnthropicFixture(fixturesDir, "openai-responses/github-copilot-id-rotation.1.chunks.txt");
/** The text, reasoning and token counts a user should see, computed from the events themselves. */
const responsesSeen = (() => {
  let text = "";
  let reasoning = "";
  let usage: { input_tokens?: number; output_tokens?: number } = {};
  for (const event of responsesEvents as Array<{ type: string; delta?: string; response?: { usage?: object } }>) {
    if (event.type === "response.output_text.delta") text += event.delta ?? "";
    if (event.type === "response.reasoning_summary_text.delta") reasoning += event.delta ?? "";
    if (event.type === "response.completed") usage = event.response?.usage ?? {};
  }
  return { text, reasoning, input: usage.input_tokens, output: usage.output_tokens };
})();

/** A real recorded Gemini stream (thought parts, then text) where the fixtures are there; a scripted one where not. */
const geminiEvents: object[] =
  fixturesDir === undefined
    ? createGeminiTextChunks("I am well, thank you.", { thoughts: "The user asks how I am." })
    : readAnthropicFixture(fixturesDir, "google-gemini/google-reasoning.chunks.txt");
/** The text, thoughts and token counts a user should see, computed from the chunks themselves. */
const geminiSeen = (() => {
  let text = "";
  let thoughts = "";
  let usage: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number } = {};
  for (const chunk of geminiEvents as Array<{
    candidates?: Array<{ content?: { parts?: Array<{ text?: string; thought?: boolean }> } }>;
    usageMetadata?: typeof usage;
  }>) {
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (part.thought === true) thoughts += part.text ?? "";
      else text += part.text ?? "";
    }
    if (chunk.usageMetadata !== undefined) usage = chunk.usageMetadata;
  }
  const output = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
  return { text, thoughts, input: usage.promptTokenCount, output };
})();

/** A real recorded Anthropic stream with thinking and its signature where the fixtures are there; a scripted one where not. */
const thinkingEvents: object[] =
  fixturesDir === undefined
    ? createAnthropicMessageEvents([
        { type: "thinking", thinking: "925 / 5 = 185.", signature: "sig-scripted" },
        "185.",
      ])
    : readAnthropicFixture(fixturesDir, "anthropic-messages/anthropic-clear-thinking.1.chunks.txt");
/** The thinking, text and signature a user should see, computed from the events themselves. */
const thinkingSeen = (() => {
  let reasoning = "";
  let content = "";
  let signature: string | undefined;
  for (const event of thinkingEvents as Array<{ type: string; delta?: Record<string, string> }>) {
    if (event.type !== "content_block_delta" || event.delta === undefined) continue;
    reasoning += event.delta.thinking ?? "";
    content += event.delta.text ?? "";
    signature = event.delta.signature ?? signature;
  }
  return { reasoning, content, same: true, signature };
})();

const RECIPE_JSON = '{"title":"Apple pie","grams":[500,250],"note":null}';
const WRONG_RECIPE_JSON = '{"title":"Pie","grams":["lots"],"note":null}';

/** A non-streamed completion whose text is `content`. */
function completionOf(content: string) {
  return {
    id: "chatcmpl-packed",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "gpt-4o-mini",
    choices: [
      { index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null },
    ],
  };
}

/** The start of a stream, before Anthropic's `event: error` cuts it. */
const eventsBeforeFault = createAnthropicTextEvents("Half an answer").slice(0, 5);

/** The text and token counts a user should see, computed from the events themselves. */
function summarise(events: object[]) {
  let text = "";
  let input = 0;
  let output = 0;
  for (const event of events as Array<{
    type: string;
    delta?: { text?: string };
    message?: { usage: { input_tokens: number } };
    usage?: { input_tokens?: number; output_tokens: number };
  }>) {
    if (event.type === "content_block_delta" && event.delta?.text !== undefined) text += event.delta.text;
    if (event.type === "message_start" && event.message) input = event.message.usage.input_tokens;
    if (event.type === "message_delta" && event.usage) {
      input = event.usage.input_tokens ?? input;
      output = event.usage.output_tokens;
    }
  }
  return { text, input, output };
}

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), "promptstream-packed-"));
  for (const name of ["core", "provider-openai", "provider-anthropic", "provider-google", "testing", "otel"]) {
    // `pnpm pack` turns `workspace:` ranges into the versions a registry install would see.
    await exec(npx, ["--yes", "pnpm@10.34.8", "pack", "--pack-destination", app], { cwd: join(packagesDir, name) });
  }
  const tarballs = readdirSync(app).filter((file) => file.endsWith(".tgz"));
  expect(tarballs).toHaveLength(6);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "fresh-app", private: true, type: "module" }));
  for (const file of [
    "stream.mjs",
    "stream.cjs",
    "swap-at-runtime.mjs",
    "tools.mjs",
    "tools.cjs",
    "structured.mjs",
    "web.mjs",
    "web.cjs",
    "responses.mjs",
    "google.mjs",
    "google.cjs",
    "anthropic.mjs",
    "beyond-text.mjs",
    "observability.mjs",
    "conformance.test.mjs",
    "types.ts",
    "tsconfig.json",
  ]) {
    copyFileSync(join(here, "consumer", file), join(app, file));
  }
  await exec(
    npm,
    [
      "install",
      "--no-audit",
      "--no-fund",
      ...tarballs.map((file) => `./${file}`),
      "openai@6.30.1",
      "@anthropic-ai/sdk@1.12.0",
      "@google/genai@2.32.0",
      "zod@4.6.7",
      "@opentelemetry/api@1.9.1",
      "@opentelemetry/sdk-trace-base@2.12.1",
      "typescript@5.9.3",
      "vitest@4.1.12",
    ],
    { cwd: app },
  );
  server = await startOpenAIChatServer((request) => {
    const messages = JSON.stringify((request.body as { messages: unknown }).messages);
    if (messages.includes("revoked"))
      return {
        status: 401,
        json: {
          error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" },
        },
      };
    if (messages.includes("Use the tool.")) {
      return { chunks: createOpenAIToolCallChunks([{ id: "call_add", name: "add", arguments: '{"a":2,"b":3}' }]) };
    }
    if (messages.includes("briefly.")) return { chunks: createOpenAITextChunks("A single dot.") };
    if (messages.includes("A recipe object with wrong")) return { json: completionOf(WRONG_RECIPE_JSON) };
    if (messages.includes("A recipe object with")) {
      const cut = messages.includes("with cut");
      const text = cut ? RECIPE_JSON.slice(0, RECIPE_JSON.indexOf("250") + 2) : RECIPE_JSON;
      const chunks = createOpenAITextChunks(text, { split: (json) => json.match(/.{1,4}/gs) ?? [] });
      // A pause between chunks, so that they arrive in several reads even when the machine is busy (chunks that
      // arrive in one read give one snapshot); a cut ends with no finish and, once the client has read the last
      // piece, a reset.
      const ending = { done: false, resetAtEnd: true, endDelayMs: 100 };
      return cut ? { chunks: chunks.slice(0, -2), ...ending, chunkDelayMs: 15 } : { chunks, chunkDelayMs: 15 };
    }
    const fruit = messages.includes("pears") ? "Poached pears." : "Apple pie.";
    return { chunks: createOpenAITextChunks(fruit) };
  });
  googleServer = await startGoogleGeminiServer((request) => {
    if (JSON.stringify(request.body).includes("busy"))
      return { json: geminiErrorBody(429, "Resource has been exhausted (e.g. check quota).", "12s"), status: 429 };
    // `call()` asks `:generateContent` for the whole response; `stream()` asks `:streamGenerateContent`.
    return request.path.includes(":streamGenerateContent")
      ? { events: geminiEvents }
      : { json: wholeGeminiResponse(geminiEvents) };
  });
  responsesServer = await startOpenAIResponsesServer((request) =>
    JSON.stringify(request.body).includes("fail")
      ? { events: createOpenAIResponsesErrorEvents("The server had an error processing your request.") }
      : { events: responsesEvents },
  );
  anthropicServer = await startAnthropicMessagesServer((request) => {
    const body = JSON.stringify(request.body);
    if (body.includes("Use the recording.")) return { events: toolInputEvents };
    if (body.includes("Think it through")) return { events: thinkingEvents };
    if (body.includes("Cached question?")) {
      return {
        json: createAnthropicMessage(["From the cache."], {
          usage: { cache_read_input_tokens: 1800, cache_creation_input_tokens: 0 },
        }),
      };
    }
    if (body.includes("Use the tool.")) {
      return body.includes("tool_result")
        ? { events: createAnthropicTextEvents("It is 5.") }
        : { events: createAnthropicToolUseEvents([{ id: "toolu_add", name: "add", input: '{"a":2,"b":3}' }]) };
    }
    const fault = body.includes("fault");
    if (!fault) return { events: anthropicEvents };
    return {
      events: [...eventsBeforeFault, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }],
    };
  });
});

afterAll(async () => {
  await googleServer?.close();
  await responsesServer?.close();
  await server?.close();
  await anthropicServer?.close();
  if (app !== undefined) rmSync(app, { recursive: true, force: true });
});

function runNode(file: string) {
  return exec(process.execPath, [file], {
    cwd: app,
    env: {
      ...process.env,
      OPENAI_API_KEY: "sk-packed-test",
      OPENAI_BASE_URL: server.baseURL,
      ANTHROPIC_API_KEY: "sk-ant-packed-test",
      ANTHROPIC_BASE_URL: anthropicServer.baseURL,
    },
  });
}

describe("the packed packages in a fresh npm project", () => {
  it("stream the reference flow from an ES module", async () => {
    const { stdout } = await runNode("stream.mjs");
    expect(stdout).toBe("Apple pie.\nfinish=stop tokens=14\ntemplate-error=true missing_variable ingredient\n");
  });

  it("stream from CommonJS through require()", async () => {
    const { stdout } = await runNode("stream.cjs");
    // The HTTP error is thrown by the SDK client, which the provider loads on first use: from CommonJS
    // it must be the SDK's CommonJS copy, or the error would not be recognised (and not typed).
    expect(stdout).toBe(
      "Poached pears.\ncjs-error-base=function\nAuthenticationError authentication 401 retryable=false\n",
    );
  });

  it("stream a recorded Anthropic response through the neutral Prompt, keep partial text on a fault, refuse unsupported params", async () => {
    const { stdout } = await runNode("anthropic.mjs");
    const total = recorded.input + recorded.output;
    expect(total).toBeGreaterThan(0);
    expect(stdout).toBe(
      `${recorded.text}\nfinish=stop in=${recorded.input} out=${recorded.output}\n` +
        `${summarise(eventsBeforeFault).text}\nfault=true overloaded retryable=false partial=${JSON.stringify(summarise(eventsBeforeFault).text)}\n` +
        "params=CallParamsError unsupported_param temperature\n",
    );
  });

  it("stream thinking apart from the text and keep it signed, send an image, refuse a type, and mark a cache breakpoint", async () => {
    const before = { openai: server.requests.length, anthropic: anthropicServer.requests.length };
    const { stdout } = await runNode("beyond-text.mjs");
    expect(thinkingSeen.reasoning).not.toBe("");
    expect(stdout.split("\n")).toEqual([
      JSON.stringify(thinkingSeen),
      "image: A single dot.",
      "tiff: true unsupported_part image",
      "cache: 1800 0",
      "",
    ]);
    const [thinkRequest, cacheRequest] = anthropicServer.requests.slice(before.anthropic).map(({ body }) => body);
    expect(thinkRequest).toMatchObject({ thinking: { type: "enabled", budget_tokens: 2048 }, max_tokens: 8000 });
    expect(cacheRequest).toMatchObject({
      system: [{ type: "text", text: "A long manual.", cache_control: { type: "ephemeral", ttl: "1h" } }],
    });
    // The image went inline, between its text, and the refused TIFF was never sent.
    const openaiRequests = server.requests.slice(before.openai);
    expect(openaiRequests).toHaveLength(1);
    expect(openaiRequests[0]?.body).toMatchObject({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Describe " },
            { type: "image_url", image_url: { url: expect.stringMatching(/^data:image\/png;base64,iVBOR/) } },
            { type: "text", text: " briefly." },
          ],
        },
      ],
    });
  });

  it("trace a call with the packed OTel middleware, log it, meter it, price it, and refuse a pattern", async () => {
    const { stdout } = await runNode("observability.mjs");
    expect(stdout.split("\n")).toEqual([
      "answer: Poached pears.",
      "cost: USD true",
      "refused: true prompt_refused",
      expect.stringMatching(/^span: chat gpt-4o-mini openai in=\d+$/),
      "log: 2 true",
      "meter: calls=2 failures=1",
      "",
    ]);
  });

  it("choose the provider at run time, dropping params the chosen one lacks with one warning", async () => {
    const openai = await exec(process.execPath, ["swap-at-runtime.mjs"], {
      cwd: app,
      env: { ...process.env, PROVIDER: "openai", OPENAI_API_KEY: "ollama", OPENAI_BASE_URL: server.baseURL },
    });
    expect(openai.stdout).toBe("openai: Apple pie. warnings=0\n");
    const anthropic = await exec(process.execPath, ["swap-at-runtime.mjs"], {
      cwd: app,
      env: {
        ...process.env,
        PROVIDER: "anthropic",
        ANTHROPIC_API_KEY: "k",
        ANTHROPIC_BASE_URL: anthropicServer.baseURL,
      },
    });
    expect(anthropic.stdout).toBe(`anthropic: ${recorded.text} warnings=1 dropped=temperature\n`);
  });

  it("run a tool loop from an ES module and typed tool calls from CommonJS", async () => {
    const esm = await runNode("tools.mjs");
    expect(esm.stdout).toBe('step-start,chunk,tool-call,tool-result,step-finish\nadd({"a":2,"b":3}) = 5\nIt is 5.\n');
    const cjs = await runNode("tools.cjs");
    expect(cjs.stdout).toBe('tool_calls [{"name":"add","args":{"a":2,"b":3}}] invalid=0 function\n');
  });

  it("stream structured output: partial objects, a cut in the middle of the JSON, an invalid answer, Anthropic's tool mode on a recording", async () => {
    const { stdout } = await exec(process.execPath, ["structured.mjs"], {
      cwd: app,
      env: {
        ...process.env,
        OPENAI_API_KEY: "sk-packed-test",
        OPENAI_BASE_URL: server.baseURL,
        ANTHROPIC_API_KEY: "sk-ant-packed-test",
        ANTHROPIC_BASE_URL: anthropicServer.baseURL,
        OUTPUT_TOOL: "json",
      },
    });
    const lines = stdout.split("\n");
    // The optional note's null is mapped back to an absent field; the titles seen were prefixes of the final one.
    expect(lines[0]).toMatch(/^\{"title":"Apple pie","grams":\[500,250\]\} mode=json_schema titles=\d+ prefixes=true$/);
    expect(Number(/titles=(\d+)/.exec(lines[0] ?? "")?.[1])).toBeGreaterThan(3);
    expect(lines[1]).toBe(
      `cut=true partial={"title":"Apple pie","grams":[500]} text=${JSON.stringify(RECIPE_JSON.slice(0, RECIPE_JSON.indexOf("250") + 2))}`,
    );
    expect(lines[2]).toBe("invalid=true schema_mismatch grams.0");
    expect(lines[3]).toBe(`tool-mode=true ${JSON.stringify(JSON.parse(toolInputJson))}`);
  });

  it("send streams on from a Node server and read them back with @promptstream/core/client, from ESM and CommonJS", async () => {
    const { stdout } = await runNode("web.mjs");
    const fault = summarise(eventsBeforeFault).text;
    expect(stdout.split("\n")).toEqual([
      "pipe: Poached pears. finish=stop",
      expect.stringMatching(/^events: Apple pie\. chunks=[1-9]\d*$/),
      "text: Apple pie. type=text/plain; charset=utf-8",
      `fault: OverloadedError same-class=true partial=${JSON.stringify(fault)}`,
      "",
    ]);
    const cjs = await runNode("web.cjs");
    expect(cjs.stdout).toBe("cjs: Hello finish=stop\ncjs-error: true http_error 500\n");
  });

  it("stream a recorded Responses API stream through @promptstream/provider-openai/responses, reasoning apart, and type an error event", async () => {
    const { stdout } = await exec(process.execPath, ["responses.mjs"], {
      cwd: app,
      env: { ...process.env, OPENAI_API_KEY: "sk-packed-test", OPENAI_BASE_URL: responsesServer.baseURL },
    });
    expect(responsesSeen.text.length).toBeGreaterThan(0);
    expect(stdout).toBe(
      `${responsesSeen.text}\nfinish=stop in=${responsesSeen.input} out=${responsesSeen.output} reasoning=${responsesSeen.reasoning.length}\n` +
        'error=true server_error message="OpenAI: The server had an error processing your request."\n',
    );
  });

  it("stream a recorded Gemini stream through @promptstream/provider-google (thoughts apart), type a 429 with its retry delay, and call() from CommonJS", async () => {
    const env = { ...process.env, GEMINI_API_KEY: "AIza-packed-test", GOOGLE_GEMINI_BASE_URL: googleServer.baseURL };
    delete env.GOOGLE_API_KEY;
    const { stdout } = await exec(process.execPath, ["google.mjs"], { cwd: app, env });
    expect(geminiSeen.text.length).toBeGreaterThan(0);
    expect(stdout).toBe(
      `${geminiSeen.text}\nfinish=stop in=${geminiSeen.input} out=${geminiSeen.output} reasoning=${geminiSeen.thoughts.length}\n` +
        "busy=true rate_limited retryAfterMs=12000\n",
    );
    const cjs = await exec(process.execPath, ["google.cjs"], { cwd: app, env });
    expect(cjs.stdout).toBe("cjs: true finish=stop\n");
  });

  it("run the testkit's conformance suite and mock adapter with the user's own vitest", async () => {
    const vitest = join(app, "node_modules", "vitest", "vitest.mjs");
    const { stdout } = await exec(process.execPath, [vitest, "run", "conformance.test.mjs"], {
      cwd: app,
      env: { ...process.env, CI: "true", NO_COLOR: "1" },
    });
    // Every test ran and passed: the suite's conformance tests and the mock adapter's one.
    const counts = /Tests\s+(\d+) passed \((\d+)\)/.exec(stdout);
    expect(counts?.[1]).toBe(counts?.[2]);
    expect(Number(counts?.[1])).toBeGreaterThan(10);
    expect(stdout).not.toMatch(/failed/);
  });

  it("type-check a strict TypeScript program against the published .d.ts files", async () => {
    const result = await exec(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", "."], {
      cwd: app,
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(result.stdout).toBe("");
  });
});
