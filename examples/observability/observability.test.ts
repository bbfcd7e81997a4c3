import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { cannedToolTurn, createOpenAIToolCallChunks, startOpenAIChatServer } from "@promptstream/testing";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));

function runExample(env: Record<string, string>) {
  const { OPENAI_API_KEY: _key, OPENAI_BASE_URL: _url, RECORD_CONTENT: _record, ...rest } = process.env;
  return run(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd, env: { ...rest, ...env }, timeout: 30_000 });
}

/** A span as the console exporter prints it (util.inspect of its fields), read back from its lines. */
interface PrintedSpan {
  readonly name: string;
  readonly id: string;
  readonly parentId: string | undefined;
  readonly kind: number;
  readonly statusCode: number;
  readonly attributes: Readonly<Record<string, string>>;
}

/** The spans printed in `stdout`: each is an object literal from a line `{` to a line `}`. */
function printedSpans(stdout: string): PrintedSpan[] {
  return [...stdout.matchAll(/^\{\n([\s\S]*?)^\}$/gm)].map(([, body = ""]) => {
    const field = (pattern: RegExp) => pattern.exec(body)?.[1];
    const attributesBlock = /^ {2}attributes: \{\n([\s\S]*?)^ {2}\},?$/m.exec(body)?.[1] ?? "";
    const attributes = Object.fromEntries(
      [...attributesBlock.matchAll(/^ {4}'?([\w.]+)'?: (.*?),?$/gm)].map(([, key = "", value = ""]) => [key, value]),
    );
    return {
      name: field(/^ {2}name: '(.*)',$/m) ?? "",
      id: field(/^ {2}id: '(\w+)',$/m) ?? "",
      parentId: field(/^ {2}parentSpanContext: \{[\s\S]*?spanId: '(\w+)'/m),
      kind: Number(field(/^ {2}kind: (\d),$/m)),
      statusCode: Number(field(/^ {2}status: \{\s*code: (\d)/m)),
      attributes,
    };
  });
}

describe("examples/observability", () => {
  let stdout: string;
  let loop: PrintedSpan[];
  let aborted: PrintedSpan[];
  beforeAll(async () => {
    ({ stdout } = await runExample({}));
    const [first = "", second = ""] = stdout.split("== a question aborted after its first words ==");
    loop = printedSpans(first);
    aborted = printedSpans(second);
  });

  it("streams the tool loop from the built-in local server when no key is set, and logs one line per call", () => {
    expect(stdout).toMatch(/^No OPENAI_API_KEY set/);
    expect(stdout).toContain('  -> get_weather({"city":"Paris"})');
    expect(stdout).toContain("Rome is 6°C warmer than Paris right now (24°C against 18°C).");
    expect(stdout).toMatch(
      /^\[log\] WeatherAgent openai\/gpt-4o-mini: first chunk \d+ ms, 36 tokens in, 26 out, finish stop, \d+ ms$/m,
    );
    expect(stdout).toMatch(
      /^\[log\] WeatherAgent openai\/gpt-4o-mini: StreamAbortedError \(aborted\) after \d+ ms: The openai stream was aborted/m,
    );
  });

  it("prints the call span, with the GenAI attributes, as the root of the loop's spans", () => {
    const calls = loop.filter((span) => span.name === "chat gpt-4o-mini");
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.parentId).toBeUndefined();
    expect(call?.kind).toBe(2); // CLIENT
    expect(call?.statusCode).toBe(0);
    expect(call?.attributes).toMatchObject({
      "gen_ai.operation.name": "'chat'",
      "gen_ai.provider.name": "'openai'",
      "gen_ai.request.model": "'gpt-4o-mini'",
      "gen_ai.request.max_tokens": "400",
      "gen_ai.response.finish_reasons": "[ 'stop' ]",
      "gen_ai.usage.input_tokens": "36",
      "gen_ai.usage.output_tokens": "26",
      "promptstream.prompt.name": "'WeatherAgent'",
    });
    expect(call?.attributes).not.toHaveProperty("gen_ai.input.messages");
  });

  it("prints three steps under the call, an attempt under each, and the tool spans under their step", () => {
    const call = loop.find((span) => span.name === "chat gpt-4o-mini");
    const steps = loop.filter((span) => span.name === "promptstream.step");
    expect(steps.map((span) => span.parentId)).toEqual([call?.id, call?.id, call?.id]);
    const stepIds = new Set(steps.map((span) => span.id));
    const attempts = loop.filter((span) => span.name === "promptstream.attempt");
    expect(attempts).toHaveLength(3);
    for (const attempt of attempts) expect(stepIds.has(attempt.parentId ?? "")).toBe(true);
    const tools = loop.filter((span) => span.name.startsWith("execute_tool "));
    expect(tools.map((span) => [span.name, span.attributes["gen_ai.tool.name"]])).toEqual([
      ["execute_tool get_weather", "'get_weather'"],
      ["execute_tool get_weather", "'get_weather'"],
      ["execute_tool calculate", "'calculate'"],
    ]);
    const firstStep = steps.find((span) => span.attributes["promptstream.step"] === "0");
    expect(tools.slice(0, 2).map((span) => span.parentId)).toEqual([firstStep?.id, firstStep?.id]);
    expect(tools[0]?.attributes).toMatchObject({
      "gen_ai.operation.name": "'execute_tool'",
      "gen_ai.tool.call.id": "'call_weather_paris'",
    });
  });

  it("prints the aborted call's span ERROR with error.type StreamAbortedError", () => {
    const call = aborted.find((span) => span.name === "chat gpt-4o-mini");
    expect(call?.statusCode).toBe(2);
    expect(call?.attributes["error.type"]).toBe("'StreamAbortedError'");
    expect(aborted.find((span) => span.name === "promptstream.attempt")?.attributes["promptstream.cancelled"]).toBe(
      "true",
    );
  });

  it("calls the API it is pointed at when a key is set, with the same spans", async () => {
    const server = await startOpenAIChatServer((request) => {
      const turn = cannedToolTurn(request.body);
      const calls = turn?.calls.map(({ id, name, args }) => ({ id, name, arguments: JSON.stringify(args) })) ?? [];
      return { chunks: createOpenAIToolCallChunks([turn?.text ?? "Sunny.", ...calls]), chunkDelayMs: 2 };
    });
    try {
      const { stdout: keyed } = await runExample({
        OPENAI_API_KEY: "sk-observability",
        OPENAI_BASE_URL: server.baseURL,
      });
      expect(keyed).not.toContain("built-in local server");
      expect(keyed).not.toContain("sk-observability");
      expect(printedSpans(keyed).filter((span) => span.name === "chat gpt-4o-mini")).toHaveLength(2);
      expect(server.requests.length).toBeGreaterThanOrEqual(4);
    } finally {
      await server.close();
    }
  });
});
