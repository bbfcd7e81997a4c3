import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createOpenAITextChunks, startOpenAIChatServer } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { LOCAL_ANSWER, LOCAL_MODEL, LOCAL_REASONING } from "./src/local-reasoning-server.js";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));
const ENV_PREFIXES = ["COMPATIBLE_", "OPENAI_"];

/** Runs the demo with the given env, and none of the caller's COMPATIBLE_* or OPENAI_* variables. */
function runExample(env: Record<string, string>) {
  const rest = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !ENV_PREFIXES.some((prefix) => name.startsWith(prefix))),
  );
  return run(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd, env: { ...rest, ...env }, timeout: 30_000 });
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== "").length;
}

describe("examples/openai-compatible", () => {
  it("with no COMPATIBLE_* env, says it uses the built-in local server, then prints the reasoning, then the answer", async () => {
    const { stdout } = await runExample({});
    const [firstLine] = stdout.split("\n");
    expect(firstLine).toMatch(
      /^No COMPATIBLE_BASE_URL set: streaming from the built-in local server at http:\/\/127\.0\.0\.1:\d+\/v1/,
    );

    const reasoningAt = stdout.indexOf(`Reasoning:\n${LOCAL_REASONING}`);
    const answerAt = stdout.indexOf(`Answer:\n${LOCAL_ANSWER}`);
    expect(reasoningAt).toBeGreaterThan(0);
    expect(answerAt).toBeGreaterThan(reasoningAt + LOCAL_REASONING.length);
    // The answer section holds the answer only: no reasoning leaked into chunk.content.
    expect(stdout.slice(answerAt)).not.toContain(LOCAL_REASONING.slice(0, 30));
    // The local server counts one token per word, reasoning apart from the answer, as xAI does;
    // the neutral output counts both, as OpenAI's does.
    const summary = new RegExp(
      String.raw`\[${LOCAL_MODEL}: finish reason stop, \d+ tokens in, ` +
        String.raw`${wordCount(LOCAL_ANSWER) + wordCount(LOCAL_REASONING)} out, ${wordCount(LOCAL_REASONING)} reasoning\]`,
    );
    expect(stdout.slice(answerAt)).toMatch(summary);
  });

  it("uses the server, key and model of COMPATIBLE_BASE_URL, COMPATIBLE_API_KEY and COMPATIBLE_MODEL when set", async () => {
    const answer = "Bramley, from your own server.";
    const server = await startOpenAIChatServer(() => ({
      chunks: createOpenAITextChunks(answer, { model: "my-model" }),
    }));
    try {
      const { stdout } = await runExample({
        COMPATIBLE_BASE_URL: server.baseURL,
        COMPATIBLE_API_KEY: "sk-compatible-example",
        COMPATIBLE_MODEL: "my-model",
      });
      expect(stdout).not.toContain("built-in local server");
      expect(stdout).not.toContain("Reasoning:");
      expect(stdout).toContain(`Answer:\n${answer}`);
      expect(stdout).toMatch(/\[my-model: finish reason stop, \d+ tokens in, \d+ out, unknown reasoning\]/);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
      expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-compatible-example");
      expect(server.requests[0]?.body).toMatchObject({ model: "my-model", stream: true });
    } finally {
      await server.close();
    }
  });

  it("prints the server's refusal of a field, with where to find the quirk switches, and exits with 1", async () => {
    const message = "stream_options: Extra inputs are not permitted";
    const server = await startOpenAIChatServer(() => ({
      status: 400,
      json: { error: { message, type: "BadRequestError", param: null, code: 400 } },
    }));
    try {
      const failure = await runExample({ COMPATIBLE_BASE_URL: server.baseURL, COMPATIBLE_MODEL: "old-model" }).then(
        () => undefined,
        (error: unknown) => error as { code?: unknown; stderr?: unknown },
      );
      expect(failure?.code).toBe(1);
      expect(String(failure?.stderr)).toContain(message);
      expect(String(failure?.stderr)).toContain("src/compatible-servers.ts");
    } finally {
      await server.close();
    }
  });

  it("refuses to guess a model for a server given without COMPATIBLE_MODEL", async () => {
    const server = await startOpenAIChatServer(() => ({ chunks: createOpenAITextChunks("unused") }));
    try {
      const failure = await runExample({ COMPATIBLE_BASE_URL: server.baseURL }).then(
        () => undefined,
        (error: unknown) => error as { code?: unknown; stderr?: unknown },
      );
      expect(failure?.code).toBe(1);
      expect(String(failure?.stderr)).toContain("COMPATIBLE_MODEL is not set");
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
