/** Runs the demo, src/main.ts, with tsx in a child process, as `pnpm demo` does. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { LoopbackServer } from "@promptstream/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ollamaAnswers } from "./src/local-ollama.js";
import { createOllamaLines, startOllamaChatServer } from "./src/ollama-chat-server.js";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));
const OLLAMA_ENV = ["OLLAMA_HOST", "OLLAMA_MODEL"];
/** The fallback test needs no Ollama at localhost:11434: on a machine running one, it is skipped. */
const ollamaRunsHere = await ollamaAnswers("http://localhost:11434");

function runDemo(env: Record<string, string>) {
  const rest = Object.fromEntries(Object.entries(process.env).filter(([name]) => !OLLAMA_ENV.includes(name)));
  return run(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd, env: { ...rest, ...env }, timeout: 30_000 });
}

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("examples/custom-adapter-ollama demo", () => {
  it.skipIf(ollamaRunsHere)(
    "streams from the built-in local server, saying so first, when no Ollama answers",
    async () => {
      const { stdout } = await runDemo({});
      expect(stdout).toMatch(
        /^No Ollama answered at http:\/\/localhost:11434 and OLLAMA_HOST is not set: streaming a canned answer/,
      );
      expect(stdout).toContain("Here are three recipes that make the most of apples:");
      expect(stdout).toMatch(/\[llama3\.2: finish reason stop, 31 tokens in, \d+ out\]\n$/);
    },
  );

  it("uses the Ollama at OLLAMA_HOST when it is set", async () => {
    const server = await startOllamaChatServer(() => ({
      lines: createOllamaLines(["Apple pie,", " from Ollama."], {
        model: "mistral",
        ending: { doneReason: "stop", usage: { input: 12, output: 5 } },
      }),
    }));
    servers.push(server);
    const { stdout } = await runDemo({ OLLAMA_HOST: server.url, OLLAMA_MODEL: "mistral" });
    expect(stdout).not.toContain("built-in local server");
    expect(stdout).toBe("Apple pie, from Ollama.\n[mistral: finish reason stop, 12 tokens in, 5 out]\n");
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toStrictEqual({
      model: "mistral",
      messages: [{ role: "user", content: "Recommend recipes that use apples as an ingredient" }],
      stream: true,
      options: { num_predict: 400 },
    });
  });

  it("prints Ollama's own message and exits with 1 when the model is missing", async () => {
    const server = await startOllamaChatServer(() => ({
      json: { error: 'model "llama3.2" not found, try pulling it first' },
      status: 404,
    }));
    servers.push(server);
    const failure = await runDemo({ OLLAMA_HOST: server.url }).then(
      () => undefined,
      (error: unknown) => error as { code?: number; stderr?: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('Ollama: model "llama3.2" not found, try pulling it first (not_found)');
  });
});
