/** The Ollama wire specifics, through the public API only (prompt classes), over a loopback server. */
import { CallParamsError, ProviderError, StreamAbortedError } from "@promptstream/core";
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from "@promptstream/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type OllamaCallResponseChunk, type OllamaClientOptions, OllamaPrompt, ollamaAdapter } from "./src/index.js";
import {
  createOllamaLines,
  finalLine,
  type OllamaChatScript,
  startOllamaChatServer,
} from "./src/ollama-chat-server.js";

const STOP = { doneReason: "stop", usage: { input: 26, output: 298 } } as const;
const PIECES = ["Apple", " pie", " with", " cinnamon."];
const TEXT = PIECES.join("");
const MESSAGES = [
  { role: "system", content: "You are a chef." },
  { role: "user", content: "Recommend a recipe with apples" },
];

const servers: LoopbackServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(
  script: OllamaChatScript | ((request: RecordedRequest) => OllamaChatScript),
): Promise<LoopbackServer> {
  const server = await startOllamaChatServer(typeof script === "function" ? script : () => script);
  servers.push(server);
  return server;
}

function chef(client: OllamaClientOptions | undefined) {
  class Chef extends OllamaPrompt({
    template: "SYSTEM: You are a chef.\nUSER: Recommend a recipe with {ingredient}",
    client,
  }) {}
  return new Chef({ ingredient: "apples" });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

async function readAll(stream: AsyncIterable<OllamaCallResponseChunk>): Promise<OllamaCallResponseChunk[]> {
  const chunks: OllamaCallResponseChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** A small seeded generator, so that a failing split can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("the request", () => {
  it("holds model, messages and stream, and nothing else when no param is set", async () => {
    const server = await serve((request) =>
      (request.body as { stream: boolean }).stream
        ? { lines: createOllamaLines(PIECES, { ending: STOP }) }
        : { json: finalLine("llama3.2", TEXT, STOP) },
    );
    expect(await chef({ baseURL: server.url }).stream().text()).toBe(TEXT);
    expect((await chef({ baseURL: `${server.url}/` }).call()).content).toBe(TEXT);
    const [streamed, called] = server.requests;
    expect(streamed).toMatchObject({ method: "POST", path: "/api/chat" });
    expect(streamed?.headers["content-type"]).toBe("application/json");
    expect(streamed?.body).toStrictEqual({ model: "llama3.2", messages: MESSAGES, stream: true });
    expect(called?.path).toBe("/api/chat");
    expect(called?.body).toStrictEqual({ model: "llama3.2", messages: MESSAGES, stream: false });
  });

  it("maps the neutral params into options (maxTokens as num_predict, stop as a list) over Ollama's own", async () => {
    const server = await serve({ json: finalLine("qwen3", TEXT, STOP) });
    await chef({ baseURL: server.url }).call({
      model: "qwen3",
      temperature: 0,
      maxTokens: 50,
      topP: 0.9,
      stop: "END",
      seed: 7,
      think: true,
      keep_alive: "1m",
      options: { num_ctx: 4096, top_k: 20, temperature: 1 },
    });
    expect(server.requests[0]?.body).toStrictEqual({
      model: "qwen3",
      messages: MESSAGES,
      stream: false,
      think: true,
      keep_alive: "1m",
      options: { num_ctx: 4096, top_k: 20, temperature: 0, top_p: 0.9, seed: 7, num_predict: 50, stop: ["END"] },
    });
  });

  it("keeps Ollama's own option where the neutral param is unset, at any level", async () => {
    const server = await serve({ json: finalLine("llama3.2", TEXT, STOP) });
    class Tuned extends OllamaPrompt({
      template: "Hi",
      client: { baseURL: server.url },
      callParams: { options: { temperature: 0.3 } },
    }) {}
    await new Tuned(undefined, { callParams: { maxTokens: 10, stop: ["a", "b"] } }).call({ temperature: undefined });
    expect(server.requests[0]?.body).toMatchObject({
      options: { temperature: 0.3, num_predict: 10, stop: ["a", "b"] },
    });
  });

  it("reads OLLAMA_HOST (the scheme and port may be left out) and OLLAMA_MODEL, and sends the client's headers", async () => {
    const server = await serve({ lines: createOllamaLines(PIECES, { ending: STOP }) });
    vi.stubEnv("OLLAMA_HOST", server.url.replace("http://", ""));
    vi.stubEnv("OLLAMA_MODEL", "mistral");
    expect(await chef(undefined).stream().text()).toBe(TEXT);
    await chef({ headers: { authorization: "Bearer local-token" } })
      .stream()
      .text();
    expect(server.requests.map((request) => (request.body as { model: string }).model)).toEqual(["mistral", "mistral"]);
    expect(server.requests[1]?.headers.authorization).toBe("Bearer local-token");
  });

  it("refuses presencePenalty and frequencyPenalty, at any level, before anything is sent", async () => {
    const server = await serve({ lines: createOllamaLines(PIECES, { ending: STOP }) });
    const client = { baseURL: server.url };
    class Penalised extends OllamaPrompt({ template: "Hi", client, callParams: { frequencyPenalty: 0.5 } }) {}
    const attempts = [
      ["presencePenalty", () => chef(client).stream({ presencePenalty: 1 })],
      ["presencePenalty", () => chef(client).call({ presencePenalty: 1 })],
      ["frequencyPenalty", () => new Penalised().stream()],
    ] as const;
    for (const [param, attempt] of attempts) {
      let error: unknown;
      try {
        await attempt();
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(CallParamsError);
      expect(error).toMatchObject({ code: "unsupported_param", param, provider: "ollama" });
      expect((error as Error).message).toContain("options: { presence_penalty }");
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(0);
  });
});

describe("the NDJSON stream", () => {
  const SPECIAL = ["Crème", " brûlée", " 🍎🍏", " (ça", " marche)", ' "quoted"', " \\n", " 日本語", "."];

  it("reads lines cut at random byte offsets, each piece its own network read", async () => {
    for (let seed = 1; seed <= 8; seed += 1) {
      const random = seeded(seed);
      const lines = createOllamaLines(SPECIAL, { ending: STOP });
      const length = Buffer.byteLength(lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
      const offsets = Array.from({ length: Math.floor(length / 12) }, () => 1 + Math.floor(random() * (length - 1)));
      // A pause between pieces, or TCP would join them into one read.
      const server = await serve({ lines, split: offsets, lineDelayMs: 1 });
      const stream = chef({ baseURL: server.url }).stream();
      const chunks = await readAll(stream);
      expect(chunks.map((chunk) => chunk.content).join(""), `seed ${seed}`).toBe(SPECIAL.join(""));
      expect(chunks).toHaveLength(SPECIAL.length + 1);
      expect((await stream.response()).finishReason).toBe("stop");
    }
  });

  it("reads a body whose reads end inside multi-byte characters (one byte per read, through the fetch option)", async () => {
    const body = createOllamaLines(SPECIAL, { ending: STOP })
      .map((line) => `${JSON.stringify(line)}\n`)
      .join("");
    const bytes = new TextEncoder().encode(body);
    const byteByByte: typeof fetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 1) controller.enqueue(bytes.subarray(i, i + 1));
            controller.close();
          },
        }),
        { headers: { "content-type": "application/x-ndjson" } },
      );
    const response = await chef({ fetch: byteByByte }).stream().response();
    expect(response.content).toBe(SPECIAL.join(""));
    expect(response.usage).toMatchObject({ inputTokens: 26, outputTokens: 298 });
  });

  it("keeps thinking out of content, on chunk.thinking and response.thinking", async () => {
    const thinking = ["The user", " wants apples.", " Pie it is."];
    const server = await serve({ lines: createOllamaLines(PIECES, { thinking, ending: STOP }) });
    const stream = chef({ baseURL: server.url }).stream({ model: "qwen3", think: true });
    const chunks = await readAll(stream);
    expect(chunks.map((chunk) => chunk.content).join("")).toBe(TEXT);
    expect(chunks.map((chunk) => chunk.thinking).join("")).toBe(thinking.join(""));
    const response = await stream.response();
    expect(response).toMatchObject({
      content: TEXT,
      thinking: thinking.join(""),
      message: { role: "assistant", content: TEXT },
    });
    expect(response.ollamaResponse.message).toEqual({ role: "assistant", content: TEXT, thinking: thinking.join("") });
    expect(server.requests[0]?.body).toMatchObject({ think: true });
  });

  it("reports usage and the finish reason on the final line only, and keeps Ollama's own fields", async () => {
    const ending = { doneReason: "length", usage: { input: 26, output: 4 } } as const;
    const server = await serve({ lines: createOllamaLines(PIECES, { ending }) });
    const stream = chef({ baseURL: server.url }).stream();
    const chunks = await readAll(stream);
    const last = chunks.at(-1);
    expect(
      chunks
        .slice(0, -1)
        .every((chunk) => chunk.usage === undefined && chunk.finishReason === undefined && !chunk.done),
    ).toBe(true);
    expect(last).toMatchObject({ content: "", done: true, finishReason: "length", rawFinishReason: "length" });
    expect(last?.usage).toStrictEqual({
      inputTokens: 26,
      outputTokens: 4,
      totalTokens: 30,
      cachedInputTokens: undefined,
      reasoningTokens: undefined,
    });
    expect(last?.line.eval_duration).toBe(4_289_432_000);
    const response = await stream.response();
    expect(response).toMatchObject({ finishReason: "length", model: "llama3.2", id: undefined });
    expect(response.ollamaResponse).toMatchObject({
      done: true,
      prompt_eval_count: 26,
      eval_count: 4,
      total_duration: 4_935_886_791,
    });
  });

  it("leaves inputTokens undefined, not 0, when Ollama omits prompt_eval_count (a cached prompt)", async () => {
    const { prompt_eval_count: _omitted, ...cached } = finalLine("llama3.2", TEXT, STOP);
    const server = await serve({ json: cached });
    const response = await chef({ baseURL: server.url }).call();
    expect(response.usage).toMatchObject({ inputTokens: undefined, outputTokens: 298, totalTokens: undefined });
    expect(response).toMatchObject({ content: TEXT, finishReason: "stop", rawFinishReason: "stop" });
  });
});

describe("errors", () => {
  it("turns an {error} line in the middle of a stream into a server_error with the text so far", async () => {
    const message = "an error was encountered while running the model: unexpected EOF";
    const server = await serve({
      lines: [...createOllamaLines(PIECES.slice(0, 2)), JSON.stringify({ error: message })],
    });
    const stream = chef({ baseURL: server.url }).stream();
    const received: string[] = [];
    const reading = (async () => {
      for await (const chunk of stream) received.push(chunk.content);
    })();
    for (const error of [await rejectionOf(reading), await rejectionOf(stream.response())]) {
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({
        code: "server_error",
        provider: "ollama",
        status: undefined,
        // Transient, but text reached the consumer: core makes it not retryable.
        retryable: false,
        partialText: "Apple pie",
      });
      expect((error as Error).message).toBe(`Ollama: ${message}`);
    }
    expect(received).toEqual(["Apple", " pie"]);
  });

  it("keeps the message of a 404 body, streamed and not", async () => {
    const message = 'model "nope" not found, try pulling it first';
    const server = await serve({ json: { error: message }, status: 404 });
    const client = { baseURL: server.url };
    for (const send of [
      () => chef(client).stream({ model: "nope" }).text(),
      () => chef(client).call({ model: "nope" }),
    ]) {
      const error = await rejectionOf(send());
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({
        code: "not_found",
        status: 404,
        retryable: false,
        partialText: "",
        message: `Ollama: ${message}`,
      });
    }
  });

  it("masks a bearer token a proxy echoes in its error body", async () => {
    const server = await serve({ json: { error: "token sk-proxy-0123456789 rejected" }, status: 401 });
    const error = await rejectionOf(
      chef({ baseURL: server.url, headers: { Authorization: "Bearer sk-proxy-0123456789" } }).call(),
    );
    expect(error).toMatchObject({ code: "authentication", status: 401 });
    expect((error as Error).message).not.toContain("0123456789");
  });

  it("reports a refused connection as 'connection', naming the address", async () => {
    const closed = await startLoopbackServer(() => ({ body: [] }));
    await closed.close();
    for (const send of [
      () => chef({ baseURL: closed.url }).stream().text(),
      () => chef({ baseURL: closed.url }).call(),
    ]) {
      const error = await rejectionOf(send());
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: "connection", retryable: true, status: undefined });
      expect((error as Error).message).toContain(`could not reach ${closed.url}`);
    }
  });

  it("reports a stream that ends without its final line, or with a line that is not JSON, as stream_interrupted", async () => {
    const ended = await serve({ lines: createOllamaLines(PIECES) });
    expect(await rejectionOf(chef({ baseURL: ended.url }).stream().text())).toMatchObject({
      code: "stream_interrupted",
      retryable: false,
      partialText: TEXT,
      message: "Ollama: the stream ended before its final line",
    });
    const garbled = await serve({ lines: [...createOllamaLines(PIECES.slice(0, 1)), "<html>502 Bad Gateway</html>"] });
    expect(await rejectionOf(chef({ baseURL: garbled.url }).stream().text())).toMatchObject({
      code: "stream_interrupted",
      retryable: false,
      partialText: "Apple",
    });
  });
});

describe("leaving early", () => {
  const slow = {
    lines: createOllamaLines(
      Array.from({ length: 40 }, (_, i) => ` word${i}`),
      { ending: STOP },
    ),
    lineDelayMs: 40,
  };

  it("an early break closes the connection; response() resolves with the text so far", async () => {
    const server = await serve(slow);
    const stream = chef({ baseURL: server.url }).stream();
    for await (const chunk of stream) if (chunk.content === " word1") break;
    expect(await server.requests[0]?.outcome).toBe("closed-early");
    expect(await stream.response()).toMatchObject({
      content: " word0 word1",
      finishReason: undefined,
      usage: undefined,
    });
  });

  it("the adapter's own chunks close the connection on return(), as the contract asks, without core's abort", async () => {
    const server = await serve(slow);
    const signal = new AbortController().signal;
    const messages = [{ role: "user", content: "Hi" }] as const;
    const { chunks } = await ollamaAdapter.doStream({ messages, params: {}, client: { baseURL: server.url }, signal });
    for await (const chunk of chunks) if (chunk.content === " word0") break;
    expect(await server.requests[0]?.outcome).toBe("closed-early");
    expect(signal.aborted).toBe(false);
  });

  it("abort() closes the connection and rejects with a StreamAbortedError holding the text so far", async () => {
    const server = await serve(slow);
    const stream = chef({ baseURL: server.url }).stream();
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) if (chunk.content === " word2") stream.abort();
      })(),
    );
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ provider: "ollama", partialText: " word0 word1 word2" });
    expect(await server.requests[0]?.outcome).toBe("closed-early");
  });

  it("an AbortSignal cancels a call() waiting for its reply", async () => {
    const server = await serve({ lines: ["{}", "{}"], lineDelayMs: 2_000 });
    const controller = new AbortController();
    const calling = chef({ baseURL: server.url }).call(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await rejectionOf(calling)).toBeInstanceOf(StreamAbortedError);
    expect(await server.requests[0]?.outcome).toBe("closed-early");
  });
});
