/**
 * The web chat without a browser: the one-command start with no key, the page and its bundled
 * script, and `POST /chat` read back with `@promptstream/core/client` as the page reads it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { fetchResponseStream, RateLimitError, ServerStreamError } from "@promptstream/core/client";
import { cannedRecipeAnswer, createOpenAITextChunks } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebChat, type WebChatServer } from "./src/server.js";
import { RATE_LIMITED, type ScriptedProvider, startScriptedProvider, TEST_KEY } from "./test-support.js";

const cwd = fileURLToPath(new URL(".", import.meta.url));

function ask(url: string, question: string) {
  return fetchResponseStream(`${url}/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question }),
  });
}

describe("examples/web-chat server", () => {
  let provider: ScriptedProvider;
  let chat: WebChatServer;

  beforeAll(async () => {
    provider = await startScriptedProvider();
    chat = await startWebChat({ maxRetries: 0 });
  });

  afterAll(async () => {
    await chat?.close();
    await provider?.close();
  });

  it("serves the page with its question box, Send, Stop and error line", async () => {
    const html = await (await fetch(chat.url)).text();
    for (const id of ["question", "send", "stop", "answer", "error"]) expect(html).toContain(`id="${id}"`);
  });

  it("serves the page script bundled for the browser: the client module inside, no Node import", async () => {
    const response = await fetch(`${chat.url}/chat-page.js`);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    const script = await response.text();
    expect(script).toContain("fetchResponseStream");
    expect(script).not.toMatch(/\bnode:|\brequire\(/);
    expect(script).not.toMatch(/^\s*import\b/m);
  });

  it("streams the provider's answer as the event stream the client module reads", async () => {
    provider.answerWith(() => ({ chunks: createOpenAITextChunks("Poached pears in red wine.") }));
    const stream = ask(chat.url, "A dessert with pears?");
    expect(await stream.text()).toBe("Poached pears in red wine.");
    expect(provider.lastRequest().headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it("sends a provider's failure as its typed error, without the key", async () => {
    provider.answerWith(() => RATE_LIMITED);
    const failure = await ask(chat.url, "Again?")
      .text()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RateLimitError);
    expect(JSON.stringify(failure)).not.toContain(TEST_KEY);
    expect((failure as Error).message).not.toContain(TEST_KEY);
  });

  it("answers 400 to a request without a question", async () => {
    const failure = await ask(chat.url, " ")
      .text()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServerStreamError);
    expect(failure).toMatchObject({ status: 400 });
  });
});

describe("examples/web-chat start", () => {
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });

  it("starts with one command and no key, prints its URL, and answers from the built-in local server", async () => {
    const { OPENAI_API_KEY: _key, OPENAI_BASE_URL: _url, ...env } = process.env;
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd,
      env: { ...env, PORT: "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout?.setEncoding("utf8");
    const url = await new Promise<string>((resolve, reject) => {
      child?.stdout?.on("data", (piece: string) => {
        output += piece;
        const match = /Web chat at (http:\/\/\S+) /.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child?.once("exit", (code) =>
        reject(new Error(`The web chat exited (${code}) before printing its URL:\n${output}`)),
      );
    });
    expect(output).toMatch(/^No OPENAI_API_KEY set: streaming a canned answer from the built-in local server/);

    // The local answer is paced for people to watch: its first line is enough, then the test leaves.
    const question = "Recommend recipes that use quinces as an ingredient";
    const canned = cannedRecipeAnswer({ messages: [{ role: "user", content: question }] });
    let text = "";
    for await (const piece of ask(url, question).textStream) {
      text += piece;
      if (text.includes("\n")) break;
    }
    expect(text).toMatch(/^Here are three recipes that make the most of quinces:\n/);
    expect(canned.startsWith(text)).toBe(true);
  }, 20_000);
});
