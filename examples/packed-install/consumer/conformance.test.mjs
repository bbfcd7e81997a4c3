// The testkit as an adapter author gets it: the conformance suite and the mock adapter, from the packed packages.
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { createMockAdapter } from "@promptstream/testing";
import { describeAdapterConformance, openAIChatConformanceServer } from "@promptstream/testing/conformance";
import { expect, it } from "vitest";

describeAdapterConformance({ name: "packed-openai", Prompt: OpenAIPrompt, startServer: openAIChatConformanceServer });

it("mock adapter streams scripted chunks", async () => {
  const mock = createMockAdapter();
  mock.script({ chunks: ["Apple", " pie."] });
  class Recipe extends mock.Prompt({ template: "Recipe with {ingredient}" }) {}
  expect(await new Recipe({ ingredient: "apples" }).stream().text()).toBe("Apple pie.");
});
