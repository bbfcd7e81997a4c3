import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createOpenAITextChunks, startOpenAIChatServer } from "@promptstream/testing";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));

function runExample(env: Record<string, string>) {
  const { OPENAI_API_KEY: _key, OPENAI_BASE_URL: _url, ...rest } = process.env;
  return run(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd, env: { ...rest, ...env }, timeout: 30_000 });
}

describe("examples/recipe-stream", () => {
  it("streams a canned answer from the built-in local server when no key is set, saying so first", async () => {
    const { stdout } = await runExample({});
    const [firstLine, ...rest] = stdout.split("\n");
    expect(firstLine).toMatch(/^No OPENAI_API_KEY set: streaming a canned answer from the built-in local server/);
    const body = rest.join("\n");
    expect(body).toContain("Here are three recipes that make the most of apples:");
    expect(body).toMatch(/\[finish reason: stop, tokens: \d+\]/);
  });

  it("uses the API at OPENAI_BASE_URL with the key when OPENAI_API_KEY is set", async () => {
    const server = await startOpenAIChatServer(() => ({ chunks: createOpenAITextChunks("Tarte Tatin.") }));
    try {
      const { stdout } = await runExample({ OPENAI_API_KEY: "sk-example-key", OPENAI_BASE_URL: server.baseURL });
      expect(stdout).not.toContain("built-in local server");
      expect(stdout).toContain("Tarte Tatin.");
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-example-key");
      expect(server.requests[0]?.body).toMatchObject({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Recommend recipes that use apples as an ingredient" }],
      });
    } finally {
      await server.close();
    }
  });
});
