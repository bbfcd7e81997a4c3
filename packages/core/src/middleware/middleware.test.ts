import { afterEach, describe, expect, it } from "vitest";
import {
  type AdapterV1Stream,
  type CallContext,
  type CallResponse,
  definePrompt,
  type FallbackCandidate,
  fallback,
  type Middleware,
  RateLimitError,
  type ResponseChunk,
  StreamAbortedError,
  useMiddleware,
} from "../index.js";
import { createMemoryAdapter, helloScript, promptFor } from "../stream/response-stream.test-support.js";

/** A middleware that writes what it sees to `events`, each line prefixed with its name. */
function recorder(name: string, events: string[]): Middleware {
  return {
    name,
    onCall: (call) => {
      events.push(`${name} call ${call.kind} ${call.promptName} ${call.provider}`);
      return {
        onChunk: (chunk, elapsedMs) => events.push(`${name} chunk ${JSON.stringify(chunk.content)} ${elapsedMs >= 0}`),
        onFinish: (response) => events.push(`${name} finish ${response.content}`),
        onError: (error) => events.push(`${name} error ${error.name}`),
      };
    },
    wrapStream: async (request, next) => {
      events.push(`${name} request step=${request.step} attempt=${request.attempt}`);
      const stream = await next(request);
      events.push(`${name} opened`);
      return stream;
    },
  };
}

describe("middleware", () => {
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  it("observes a stream's chunks, in order, and its end; wraps its request", async () => {
    const events: string[] = [];
    const Recipe = promptFor(createMemoryAdapter(helloScript));
    const stream = new Recipe({ ingredient: "apples" }, { middleware: [recorder("log", events)] }).stream();
    expect(await stream.text()).toBe("Hello!");
    expect(events).toEqual([
      "log call stream RecipeRecommender memory",
      "log request step=0 attempt=1",
      "log opened",
      'log chunk "Hel" true',
      'log chunk "lo" true',
      'log chunk "" true',
      'log chunk "!" true',
      'log chunk "" true',
      "log finish Hello!",
    ]);
  });

  it("runs global, definition, instance and call middleware in that order, the first outermost", async () => {
    const events: string[] = [];
    stops.push(useMiddleware(recorder("global", events)));
    stops.push(useMiddleware(recorder("other-provider", events), { provider: "openai" }));
    const Prompt = definePrompt(createMemoryAdapter(["ok"]));
    class Ask extends Prompt({ template: "Hi", middleware: [recorder("definition", events)] }) {}
    await new Ask(undefined, { middleware: [recorder("instance", events)] })
      .stream(undefined, { middleware: [recorder("call", events)] })
      .text();
    const requests = events.filter((event) => event.includes(" request ") || event.endsWith("opened"));
    expect(requests).toEqual([
      "global request step=0 attempt=1",
      "definition request step=0 attempt=1",
      "instance request step=0 attempt=1",
      "call request step=0 attempt=1",
      "call opened",
      "instance opened",
      "definition opened",
      "global opened",
    ]);
    expect(events.filter((event) => event.includes("finish"))).toEqual([
      "global finish ok",
      "definition finish ok",
      "instance finish ok",
      "call finish ok",
    ]);
  });

  it("stops applying a global middleware once removed", async () => {
    const events: string[] = [];
    const stop = useMiddleware(recorder("global", events));
    const Recipe = promptFor(createMemoryAdapter(["ok"]));
    await new Recipe({ ingredient: "x" }).stream().text();
    stop();
    await new Recipe({ ingredient: "x" }).stream().text();
    expect(events.filter((event) => event.includes("finish"))).toEqual(["global finish ok"]);
  });

  it("sees each attempt: a retried request is attempt 2, the failure before it unseen by the call", async () => {
    const events: string[] = [];
    let opened = 0;
    const adapter = createMemoryAdapter(() =>
      ++opened === 1 ? [{ fail: new RateLimitError("slow down", { provider: "memory" }) }] : ["ok"],
    );
    const Recipe = promptFor(adapter);
    const text = await new Recipe({ ingredient: "x" }, { retryDelayMs: 1, middleware: [recorder("log", events)] })
      .stream()
      .text();
    expect(text).toBe("ok");
    expect(events.filter((event) => event.includes("request") || event.includes("error"))).toEqual([
      "log request step=0 attempt=1",
      "log request step=0 attempt=2",
    ]);
  });

  it("tells the observers of a failure and of an abort", async () => {
    const events: string[] = [];
    const failing = promptFor(createMemoryAdapter([{ fail: new Error("boom") }]));
    await expect(
      new failing({ ingredient: "x" }, { maxRetries: 0, middleware: [recorder("log", events)] }).stream().text(),
    ).rejects.toThrow();
    const hanging = promptFor(createMemoryAdapter(["Hel", { hang: true }]));
    const stream = new hanging({ ingredient: "x" }, { middleware: [recorder("log", events)] }).stream();
    await expect(
      (async () => {
        for await (const chunk of stream) if (chunk.content === "Hel") stream.abort();
      })(),
    ).rejects.toBeInstanceOf(StreamAbortedError);
    await expect(stream.response()).rejects.toBeInstanceOf(StreamAbortedError);
    expect(events.filter((event) => event.includes("error"))).toEqual([
      "log error ProviderError",
      "log error StreamAbortedError",
    ]);
  });

  it("can change the request: the adapter receives what the middleware sent on", async () => {
    const adapter = createMemoryAdapter(["ok"]);
    const Recipe = promptFor(adapter);
    const lowTemperature: Middleware = {
      wrapStream: (request, next) => next({ ...request, params: { ...request.params, temperature: 0 } }),
    };
    await new Recipe({ ingredient: "x" }).stream({ temperature: 1 }, { middleware: [lowTemperature] }).text();
    expect(adapter.requests[0]?.params.temperature).toBe(0);
    expect(adapter.requests[0]).not.toHaveProperty("call");
  });

  it("can answer without sending: a cache replays the chunks and response it kept", async () => {
    const adapter = createMemoryAdapter(["Apple ", "pie."]);
    const kept = new Map<string, { chunks: ResponseChunk[]; response: CallResponse }>();
    const cache: Middleware = {
      wrapStream: async (request, next) => {
        const key = JSON.stringify([request.messages, request.params]);
        const hit = kept.get(key);
        if (hit !== undefined) {
          return {
            chunks: (async function* () {
              yield* hit.chunks;
            })(),
            createResponse: () => hit.response,
          } satisfies AdapterV1Stream<ResponseChunk, CallResponse>;
        }
        const stream = await next(request);
        const chunks: ResponseChunk[] = [];
        return {
          chunks: (async function* () {
            for await (const chunk of stream.chunks) {
              chunks.push(chunk);
              yield chunk;
            }
          })(),
          createResponse: (summary) => {
            const response = stream.createResponse(summary);
            kept.set(key, { chunks, response });
            return response;
          },
        };
      },
    };
    const Recipe = promptFor(adapter);
    const first = await new Recipe({ ingredient: "x" }, { middleware: [cache] }).stream().text();
    const pieces: string[] = [];
    const again = new Recipe({ ingredient: "x" }, { middleware: [cache] }).stream();
    for await (const chunk of again) pieces.push(chunk.content);
    expect(first).toBe("Apple pie.");
    expect(pieces).toEqual(["Apple ", "pie."]);
    expect((await again.response()).content).toBe("Apple pie.");
    expect(adapter.requests).toHaveLength(1);
  });

  it("keeps streaming when a hook throws, and says so through the logger", async () => {
    const warnings: string[] = [];
    const broken: Middleware = {
      name: "broken",
      onCall: () => ({
        onChunk: () => {
          throw new Error("oops");
        },
      }),
    };
    const Recipe = promptFor(createMemoryAdapter(["ok"]));
    const text = await new Recipe(
      { ingredient: "x" },
      { middleware: [broken], logger: { warn: (line) => warnings.push(line) } },
    )
      .stream()
      .text();
    expect(text).toBe("ok");
    expect(warnings).toEqual(["[promptstream] broken: its onChunk hook threw, and was skipped: Error: oops"]);
  });

  it("wraps the requests of a fallback's prompts, and asks no observer it could not tell how the call ended", async () => {
    const events: string[] = [];
    const first = promptFor(createMemoryAdapter([{ fail: new RateLimitError("busy", { provider: "memory" }) }]));
    const second = promptFor(createMemoryAdapter(["From the second."]));
    // Core's own source types make a candidate's response invariant (private fields); the published ones do not.
    const candidates = [
      new first({ ingredient: "x" }, { maxRetries: 0, middleware: [recorder("first", events)] }),
      new second({ ingredient: "x" }, { middleware: [recorder("second", events)] }),
    ] as unknown as [FallbackCandidate, FallbackCandidate];
    const text = await fallback(candidates).stream().text();
    expect(text).toBe("From the second.");
    expect(events).toEqual([
      "first request step=0 attempt=1",
      "first opened",
      "second request step=0 attempt=1",
      "second opened",
    ]);
  });

  it("gives each call its own context, with the prompt's messages, params and a place for state", async () => {
    const calls: CallContext[] = [];
    const Recipe = promptFor(createMemoryAdapter(["ok"]));
    const keep: Middleware = {
      onCall: (call) => {
        calls.push(call);
        call.data.set("mine", 1);
        return undefined;
      },
    };
    await new Recipe({ ingredient: "pears" }, { middleware: [keep], callParams: { temperature: 0.5 } })
      .stream({ maxTokens: 9 })
      .text();
    await new Recipe({ ingredient: "figs" }, { middleware: [keep] }).stream().text();
    expect(calls.map((call) => call.id)).toHaveLength(2);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    expect(calls[0]).toMatchObject({
      kind: "stream",
      messages: [{ role: "user", content: "Recommend recipes that use pears" }],
      params: { temperature: 0.5, maxTokens: 9 },
      toolNames: [],
    });
    expect(calls[0]?.data.get("mine")).toBe(1);
  });
});
