import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { InvalidRequestError, type Message } from "@promptstream/core";
import { useLocalAnthropicWhenNoKey } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getWeather, WeatherAdvisor } from "./src/weather-advisor.js";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));
const KEYS = ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"] as const;

describe("examples/reasoning", () => {
  it("streams the thinking before the answer, calls the tool, and sends the signed thinking back in turn 2", async () => {
    const env = { ...process.env };
    for (const key of KEYS) delete env[key];
    const { stdout } = await run(process.execPath, ["--import", "tsx", "src/main.ts", "Porto"], {
      cwd,
      env,
      timeout: 60_000,
    });
    const [turn1 = "", turn2 = ""] = stdout.split("== turn 1 ==")[1]?.split("== turn 2") ?? [];
    expect(turn1).toMatch(/\[thinking\] The user wants to know what to wear in Porto\.[^\n]*\n\[answer\] /);
    expect(turn1).toContain('-> get_weather({"city":"Porto"})');
    expect(turn1).toContain("[1 thinking block(s) kept on the message, 1 signed]");
    // The local server refuses (400) a turn 2 whose signed thinking did not come back unchanged, as Anthropic does.
    expect(turn2).toMatch(
      /\[thinking\] get_weather says light rain and 11°C in Porto[^\n]*\n\[answer\] With light rain/,
    );
    expect(turn2).toMatch(/\[\d+ reasoning tokens of \d+ out\]/);
  });

  describe("in-process, on the local server", () => {
    const saved = new Map<string, string | undefined>();
    let stop: () => Promise<void> = async () => {};
    beforeAll(async () => {
      for (const key of KEYS) {
        saved.set(key, process.env[key]);
        delete process.env[key];
      }
      stop = await useLocalAnthropicWhenNoKey({ log: () => {}, eventDelayMs: 0 });
    });
    afterAll(async () => {
      await stop();
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    async function firstTurn() {
      const history: Message[] = [{ role: "user", content: "What should I wear in Oslo today?" }];
      const first = await new WeatherAdvisor({ history }).stream().response();
      const [call] = first.toolCalls;
      if (call === undefined) throw new Error("expected a tool call");
      const result = await getWeather.execute?.(call.args, { signal: AbortSignal.timeout(5_000), toolCallId: call.id });
      return { history, first, call, result };
    }

    it("keeps the turn's signed thinking on the response's message, apart from the text", async () => {
      const { first } = await firstTurn();
      expect(first.reasoning).toContain("what to wear in Oslo");
      expect(first.content).not.toContain("what to wear in Oslo");
      expect(first.message.reasoning).toEqual([
        { provider: "anthropic", text: first.reasoning, signature: expect.stringMatching(/^local-/) },
      ]);
    });

    it("is refused, as by Anthropic, when turn 2 leaves the thinking out", async () => {
      const { history, first, call, result } = await firstTurn();
      const { reasoning: _dropped, ...withoutThinking } = first.message;
      const error = await new WeatherAdvisor({
        history: [
          ...history,
          withoutThinking,
          { role: "tool", toolCallId: call.id, toolName: call.name, content: result ?? null },
        ],
      })
        .stream()
        .text()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toContain("Expected `thinking` or `redacted_thinking`, but found `text`");
    });
  });
});
