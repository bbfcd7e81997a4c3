/**
 * @module The conformance cases beyond text, for adapters that declare them: reasoning streamed
 * apart from the text, the reasoning's signature sent back in a tool loop, and images in prompts.
 */
import { ContentPartError, defineTool, image, jsonSchema, type ResponseChunk } from "@promptstream/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConformanceHarness, ConformanceScript, ConformanceServer } from "./conformance-harness.js";

/** A real 1x1 PNG (transparent): enough for a wire format to carry, small enough to find in a body. */
const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const PNG = Uint8Array.from(atob(PNG_BASE64), (char) => char.charCodeAt(0));
const SIGNATURE = "c2lnbmVkLWJ5LXRoZS1wcm92aWRlcg-conformance";
const REASONING = ["The user wants ", "a recipe ", "with apples."];
const THOUGHT = {
  kind: "reasoning",
  reasoning: REASONING,
  signature: SIGNATURE,
  parts: ["Apple", " pie."],
  usage: { input: 12, output: 30 },
} satisfies ConformanceScript;

/** Registers the cases of `harness.reasoning` and `harness.imageMediaTypes`, when it declares them. */
export function describeBeyondTextConformance<TClient>(harness: ConformanceHarness<TClient>): void {
  if (harness.reasoning === undefined && harness.imageMediaTypes === undefined) return;
  describe(`${harness.name} adapter conformance: beyond text`, () => {
    let server: ConformanceServer<TClient>;
    beforeEach(async () => {
      server = await harness.startServer();
    });
    afterEach(() => server.close());

    function prompt(template: string) {
      return harness.Prompt({ template, client: server.client, maxRetries: 0 });
    }

    if (harness.reasoning !== undefined) {
      it("streams the reasoning on chunks' `reasoning`, never in `content`, and joins it on the response", async () => {
        server.script(THOUGHT);
        const Ask = prompt("USER: A recipe with {ingredient}?");
        const stream = new Ask({ ingredient: "apples" }).stream();
        const chunks: ResponseChunk[] = [];
        for await (const chunk of stream) chunks.push(chunk);
        expect(chunks.map((chunk) => chunk.reasoning ?? "").join("")).toBe(REASONING.join(""));
        expect(chunks.map((chunk) => chunk.content).join("")).toBe("Apple pie.");
        const response = await stream.response();
        expect(response.reasoning).toBe(REASONING.join(""));
        expect(response.content).toBe("Apple pie.");
      });

      it("gives the reasoning alone through reasoningStream", async () => {
        server.script(THOUGHT);
        const Ask = prompt("USER: A recipe with {ingredient}?");
        const pieces: string[] = [];
        for await (const piece of new Ask({ ingredient: "apples" }).stream().reasoningStream) pieces.push(piece);
        expect(pieces.join("")).toBe(REASONING.join(""));
      });
    }

    if (harness.reasoning?.roundTrip === true && harness.supportsTools === true) {
      it("sends the signed reasoning back with the tool call in the tool loop's next request", async () => {
        server.script((request) =>
          server.requests.indexOf(request) === 0
            ? { ...THOUGHT, parts: [{ id: "call_1", name: "get_weather", argsText: '{"city":"Paris"}' }] }
            : { kind: "text", pieces: ["Sunny."], finishReason: "stop", usage: { input: 40, output: 2 } },
        );
        const getWeather = defineTool({
          name: "get_weather",
          parameters: jsonSchema<{ city: string }>({
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
          }),
          execute: async ({ city }) => ({ city, sky: "sunny" }),
        });
        const Agent = harness.Prompt({
          template: "USER: Weather in Paris?",
          client: server.client,
          tools: [getWeather],
          maxSteps: 2,
          maxRetries: 0,
        });
        const response = await new Agent().stream().response();
        expect(response.content).toBe("Sunny.");
        expect(server.requests).toHaveLength(2);
        const first = JSON.stringify(server.requests[0]?.body);
        const second = JSON.stringify(server.requests[1]?.body);
        expect(first).not.toContain(SIGNATURE);
        expect(second).toContain(SIGNATURE);
      });
    }

    const imageTypes = harness.imageMediaTypes;
    if (imageTypes !== undefined) {
      it("sends an image from a template variable inline, in its place between the text", async () => {
        server.script({ kind: "text", pieces: ["A dot."], finishReason: "stop", usage: { input: 5, output: 2 } });
        const Describe = prompt("USER: Describe {photo} in the style of {artist}.");
        const answer = await new Describe({ photo: image(PNG, "image/png"), artist: "Hokusai" }).stream().text();
        expect(answer).toBe("A dot.");
        const body = JSON.stringify(server.requests[0]?.body);
        const at = [body.indexOf("Describe "), body.indexOf(PNG_BASE64), body.indexOf(" in the style of Hokusai.")];
        expect(
          at.every((index) => index >= 0),
          body.slice(0, 400),
        ).toBe(true);
        expect(at).toEqual([...at].sort((a, b) => a - b));
      });

      it("refuses an image of a type the adapter does not take, before sending", async () => {
        const Describe = prompt("USER: Describe {photo}");
        const error = await Promise.resolve()
          .then(() => new Describe({ photo: image(PNG, "image/x-conformance") }).stream().text())
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ContentPartError);
        expect(error).toMatchObject({ code: "unsupported_part", partType: "image" });
        expect((error as Error).message).toContain("image/x-conformance");
        expect(server.requests).toHaveLength(0);
      });
    }
  });
}
