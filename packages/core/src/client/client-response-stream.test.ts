import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ClientResponseStream,
  type ClientStreamChunk,
  RateLimitError,
  readResponseStream,
  ServerStreamError,
  StreamAbortedError,
  StreamConsumedError,
  StreamInterruptedError,
} from "../client.js";
import { definePrompt, defineTool, ProviderError, type ResponseChunk } from "../index.js";
import { rejectionOf } from "../test-support.js";
import {
  answerStep,
  callingStep,
  createToolAdapter,
  type ScriptItem,
  type StreamScript,
  usage,
} from "../tools/tool-adapter.test-support.js";

const words = ["Slice ", "the ", "apples, ", "then ", "bake ", "them."];
const answer = words.join("");
const answerItems: ScriptItem[] = [
  ...words.map((content) => ({ content })),
  { finishReason: "stop", usage: usage(9, 6) },
];

function chatFor(streams: readonly StreamScript[]) {
  const adapter = createToolAdapter({ streams });
  class Chat extends definePrompt(adapter)({ template: "USER: {question}" }) {}
  return { adapter, chat: () => new Chat({ question: "How do I bake apples?" }) };
}

/** An event-stream response whose body is `text`, cut there (no final event). */
function eventStream(text: string): Response {
  return new Response(text, { headers: { "content-type": "text/event-stream" } });
}

describe("the client module reads an event stream back", () => {
  it("carries the reasoning apart from the text, and the signed blocks on the message", async () => {
    const reasoning = [{ provider: "memory", text: "Think.", signature: "sig" }];
    const adapter = createToolAdapter({
      streams: [[{ reasoning: "Thi" }, { reasoning: "nk." }, ...answerItems]],
      messageExtras: { reasoning },
    });
    class Chat extends definePrompt(adapter)({ template: "USER: {question}" }) {}
    const client = readResponseStream(new Chat({ question: "Apples?" }).stream().toEventStreamResponse());
    const pieces: string[] = [];
    for await (const chunk of client) if (chunk.kind === undefined) pieces.push(`${chunk.reasoning}|${chunk.content}`);
    expect(pieces.slice(0, 3)).toEqual(["Thi|", "nk.|", "|Slice "]);
    const response = await client.response();
    expect(response.reasoning).toBe("Think.");
    expect(response.content).toBe(answer);
    expect(response.message).toEqual({ role: "assistant", content: answer, reasoning });
  });

  it("gives the same chunks, text and response as the server's stream", async () => {
    const { chat } = chatFor([answerItems, answerItems, answerItems]);
    const server: ResponseChunk[] = [];
    for await (const chunk of chat().stream()) server.push(chunk);
    const expected = await chat().stream().response();

    const client = readResponseStream(chat().stream().toEventStreamResponse());
    const received: ClientStreamChunk[] = [];
    for await (const chunk of client) received.push(chunk);
    expect(received.map((chunk) => chunk.content)).toEqual(server.map((chunk) => chunk.content));
    expect(received.at(-1)).toMatchObject({ content: "", reasoning: "", finishReason: "stop", usage: usage(9, 6) });
    const response = await client.response();
    expect(response).toMatchObject({
      content: expected.content,
      finishReason: expected.finishReason,
      usage: expected.usage,
      model: expected.model,
      id: "response-3",
      message: expected.message,
    });
    expect(await client.text()).toBe(answer);
  });

  it("reads the text alone with textStream, and response() reads a stream nobody iterates", async () => {
    const { chat } = chatFor([answerItems, answerItems]);
    const texts: string[] = [];
    for await (const text of readResponseStream(chat().stream().toEventStreamResponse()).textStream) texts.push(text);
    expect(texts).toEqual(words);
    expect(await readResponseStream(chat().stream().toEventStreamResponse()).text()).toBe(answer);
  });

  it("is read once, like the server's stream", async () => {
    const { chat } = chatFor([answerItems]);
    const client = readResponseStream(chat().stream().toEventStreamResponse());
    await client.text();
    expect(() => client[Symbol.asyncIterator]()).toThrow(StreamConsumedError);
  });

  it("carries the partial objects and the validated object of a prompt with an output schema", async () => {
    const recipe = { title: "Apple pie", minutes: 50, steps: ["peel", "slice", "bake"] };
    const json = JSON.stringify(recipe);
    const pieces: ScriptItem[] = [];
    for (let at = 0; at < json.length; at += 5) pieces.push({ content: json.slice(at, at + 5) });
    const adapter = createToolAdapter({
      streams: [[...pieces, { finishReason: "stop" }]],
      outputModes: ["json_schema"],
    });
    const Recipe = z.object({ title: z.string(), minutes: z.number(), steps: z.array(z.string()) });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe", output: Recipe }) {}

    const client = readResponseStream<z.infer<typeof Recipe>>(new RecipeWriter().stream().toEventStreamResponse());
    const snapshots: unknown[] = [];
    for await (const partial of client.partialObjects) snapshots.push(partial);
    expect(snapshots.length).toBeGreaterThan(4);
    expect(snapshots.at(-1)).toEqual(recipe);
    for (const snapshot of snapshots as Array<{ title?: string }>) {
      if (snapshot.title !== undefined) expect(recipe.title.startsWith(snapshot.title)).toBe(true);
    }
    const object = await client.object();
    expect(object.steps).toEqual(["peel", "slice", "bake"]);
    expect((await client.response()).outputMode).toBe("json_schema");
  });

  it("carries tool-call parts and the tool loop's steps", async () => {
    const adapter = createToolAdapter({
      streams: [callingStep([{ id: "call-1", name: "weather", args: '{"city":"Paris"}' }]), answerStep("Sunny.")],
    });
    const weather = defineTool({
      name: "weather",
      description: "The weather in a city",
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => ({ city, sky: "sunny" }),
    });
    class Forecast extends definePrompt(adapter)({ template: "Weather in Paris?", tools: [weather], maxSteps: 2 }) {}
    const client = readResponseStream(new Forecast().stream().toEventStreamResponse());
    const kinds: string[] = [];
    for await (const chunk of client) if (chunk.kind !== undefined) kinds.push(chunk.kind);
    expect(kinds).toEqual(["step-start", "tool-call", "tool-result", "step-finish", "step-start", "step-finish"]);
    const response = await client.response();
    expect(response.content).toBe("Sunny.");
    expect(response.steps?.[0]?.toolResults[0]).toMatchObject({ toolName: "weather", result: { sky: "sunny" } });
  });

  it("rebuilds a provider's failure as the same error class, with the text received before it", async () => {
    const failure = new RateLimitError("Slow down.", { provider: "memory", status: 429 });
    const { chat } = chatFor([[{ content: "Slice " }, { content: "the " }, { fail: failure }]]);
    const client = readResponseStream(chat().stream().toEventStreamResponse());
    let text = "";
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of client) text += chunk.content;
      })(),
    );
    expect(text).toBe("Slice the ");
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "rate_limited", status: 429, provider: "memory", partialText: "Slice the " });
    expect(await rejectionOf(client.response())).toBe(error);
  });

  it("gives a ServerStreamError, with the server's code and name, for a failure that is not a provider's", async () => {
    const adapter = createToolAdapter({ streams: [[{ content: '{"title":' }, { finishReason: "stop" }]] });
    class RecipeWriter extends definePrompt(adapter)({
      template: "A recipe",
      output: z.object({ title: z.string() }),
    }) {}
    const error = await rejectionOf(readResponseStream(new RecipeWriter().stream().toEventStreamResponse()).text());
    expect(error).toBeInstanceOf(ServerStreamError);
    expect(error).toMatchObject({ code: "not_json", remoteName: "OutputValidationError" });
    expect((error as Error).message).toMatch(/JSON/);
  });

  it("fails with a StreamInterruptedError, keeping the text, when the connection ends before the stream", async () => {
    const client = readResponseStream(eventStream('event: chunk\ndata: {"content":"Slice "}\n\n'));
    const error = await rejectionOf(client.text());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ partialText: "Slice " });
  });

  it("fails with a ServerStreamError naming the status when the answer is not an event stream", async () => {
    const error = await rejectionOf(readResponseStream(new Response("Not found", { status: 404 })).text());
    expect(error).toBeInstanceOf(ServerStreamError);
    expect(error).toMatchObject({ code: "http_error", status: 404 });
    expect((error as Error).message).toContain("404");
  });

  it("skips events it does not know, so that a newer server can add some", async () => {
    const body =
      'event: chunk\ndata: {"content":"a"}\n\nevent: annotation\ndata: {}\n\n' +
      'event: response\ndata: {"content":"a","message":{"role":"assistant","content":"a"}}\n\n';
    expect(await readResponseStream(eventStream(body)).text()).toBe("a");
  });

  it("abort() cancels the body, which cancels the provider request on the server", async () => {
    const { adapter, chat } = chatFor([[{ content: "Slice " }, { hang: true }]]);
    const client = readResponseStream(chat().stream().toEventStreamResponse());
    const iterator = client[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ content: "Slice " });
    const pending = rejectionOf(iterator.next());
    client.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ partialText: "Slice " });
    await expect.poll(() => adapter.events).toContain("stream 0: closed");
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
  });

  it("an aborted signal given to readResponseStream aborts it", async () => {
    const { chat } = chatFor([answerItems]);
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(readResponseStream(chat().stream().toEventStreamResponse(), controller).text());
    expect(error).toBeInstanceOf(StreamAbortedError);
  });

  it("leaving a for await loop early cancels the request and resolves the response with what arrived", async () => {
    const { adapter, chat } = chatFor([[{ content: "Slice " }, { hang: true }]]);
    const client = readResponseStream(chat().stream().toEventStreamResponse());
    for await (const chunk of client) {
      expect(chunk.content).toBe("Slice ");
      break;
    }
    expect(await client.text()).toBe("Slice ");
    await expect.poll(() => adapter.events).toContain("stream 0: closed");
  });

  it("is a ClientResponseStream", () => {
    expect(readResponseStream(eventStream(""))).toBeInstanceOf(ClientResponseStream);
  });
});
