/** Several ResponseStreams of one prompt instance at once, and reads of one stream asked for at once. */
import { describe, expect, it } from "vitest";
import { collectText, createMemoryAdapter, promptFor } from "./response-stream.test-support.js";

describe("ResponseStream concurrency", () => {
  it("keeps the text and response of concurrent streams from the same prompt instance apart", async () => {
    const adapter = createMemoryAdapter((request) => {
      const user = request.params.user ?? "?";
      return [`${user}1 `, `${user}2 `, `${user}3`, { finishReason: "stop" }];
    });
    const recommender = new (promptFor(adapter))({ ingredient: "apples" });
    const streams = ["ann", "bob", "cat"].map((user) => recommender.stream({ user }));
    const looped = await Promise.all(streams.map((stream) => collectText(stream)));
    expect(looped).toEqual(["ann1 ann2 ann3", "bob1 bob2 bob3", "cat1 cat2 cat3"]);
    const responses = await Promise.all(streams.map((stream) => stream.response()));
    expect(responses.map(({ content, requestNumber }) => ({ content, requestNumber }))).toEqual([
      { content: "ann1 ann2 ann3", requestNumber: 1 },
      { content: "bob1 bob2 bob3", requestNumber: 2 },
      { content: "cat1 cat2 cat3", requestNumber: 3 },
    ]);
    expect(adapter.requests.map((request) => request.params.user)).toEqual(["ann", "bob", "cat"]);
  });

  it("interleaves two streams of one instance chunk by chunk without mixing their chunks", async () => {
    const adapter = createMemoryAdapter((request) => [`${request.params.user}-a`, `${request.params.user}-b`]);
    const recommender = new (promptFor(adapter))({ ingredient: "apples" });
    const left = recommender.stream({ user: "left" })[Symbol.asyncIterator]();
    const right = recommender.stream({ user: "right" })[Symbol.asyncIterator]();
    const order: string[] = [];
    for (const iterator of [left, right, right, left]) {
      const result = await iterator.next();
      if (result.done !== true) order.push(result.value.content);
    }
    expect(order).toEqual(["left-a", "right-a", "right-b", "left-b"]);
  });
});

describe("ResponseStream reads asked for at once", () => {
  it("answers them in order, one chunk each, when the adapter waits between chunks", async () => {
    const adapter = createMemoryAdapter(["a", "b", "c"]);
    const iterator = new (promptFor(adapter))({ ingredient: "apples" }).stream()[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 5 }, () => iterator.next()));
    expect(results.map((result) => (result.done === true ? "(done)" : result.value.content))).toEqual([
      "a",
      "b",
      "c",
      "(done)",
      "(done)",
    ]);
    expect(adapter.requests).toHaveLength(1);
  });
});
