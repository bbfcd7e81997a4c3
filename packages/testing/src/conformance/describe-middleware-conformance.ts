/**
 * @module The conformance cases of middleware: what every adapter gets from core's middleware,
 * checked through its real wire format.
 */
import { cacheResponses, type Middleware, type ResponseChunk } from "@promptstream/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConformanceHarness, ConformanceScript, ConformanceServer } from "./conformance-harness.js";

const ANSWER = {
  kind: "text",
  pieces: ["Poached", " pears."],
  finishReason: "stop",
  usage: { input: 9, output: 2 },
} satisfies ConformanceScript;

/** Registers the middleware cases for one adapter. */
export function describeMiddlewareConformance<TClient>(harness: ConformanceHarness<TClient>): void {
  describe(`${harness.name} adapter conformance: middleware`, () => {
    let server: ConformanceServer<TClient>;
    beforeEach(async () => {
      server = await harness.startServer();
    });
    afterEach(() => server.close());

    function ask(middleware: readonly Middleware[]) {
      const Ask = harness.Prompt({ template: "USER: Dessert?", client: server.client, maxRetries: 0, middleware });
      return new Ask();
    }

    it("observes each chunk and the end of a stream, and of a call()", async () => {
      server.script(ANSWER);
      const seen: string[] = [];
      const providers = new Set<string>();
      const observe: Middleware = {
        onCall: (call) => {
          providers.add(call.provider);
          return {
            onChunk: (chunk: ResponseChunk) => void (chunk.content === "" ? undefined : seen.push(chunk.content)),
            onFinish: (response) => void seen.push(`${call.kind}: ${response.content}`),
          };
        },
      };
      await ask([observe]).stream().text();
      await ask([observe]).call();
      expect(seen).toEqual(["Poached", " pears.", "stream: Poached pears.", "call: Poached pears."]);
      expect(providers.size).toBe(1);
    });

    it("sends the request as a middleware changed it", async () => {
      server.script(ANSWER);
      const shorter: Middleware = {
        wrapStream: (request, next) => next({ ...request, params: { ...request.params, maxTokens: 123 } }),
      };
      await ask([shorter]).stream().text();
      expect(JSON.stringify(server.requests[0]?.body)).toContain("123");
    });

    it("answers from a cache without sending again, chunk for chunk", async () => {
      server.script(ANSWER);
      const cache = cacheResponses();
      const first: string[] = [];
      for await (const chunk of ask([cache]).stream()) first.push(chunk.content);
      const again: string[] = [];
      for await (const chunk of ask([cache]).stream()) again.push(chunk.content);
      expect(again).toEqual(first);
      expect(first.join("")).toBe("Poached pears.");
      expect(server.requests).toHaveLength(1);
    });
  });
}
