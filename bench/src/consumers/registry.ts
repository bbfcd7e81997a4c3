/** Every consumer, per wire format, in table order. Modules are loaded lazily, one per child process. */
import type { ConsumerInfo, ConsumerModule } from "./consumer.js";

const own = (file: string): string => new URL(file, import.meta.url).href;
const consumerOf = (module: Promise<{ consumer: ConsumerModule }>): Promise<ConsumerModule> =>
  module.then((loaded) => loaded.consumer);

export const CONSUMERS: readonly ConsumerInfo[] = [
  {
    id: "openai/fetch",
    wire: "openai",
    role: "floor",
    label: "fetch + minimal SSE (floor)",
    load: () => consumerOf(import("./openai-fetch.js")),
    imports: [own("./openai-fetch.js")],
  },
  {
    id: "openai/sdk",
    wire: "openai",
    role: "raw-sdk",
    label: "openai SDK (raw)",
    load: () => consumerOf(import("./openai-sdk.js")),
    imports: ["openai"],
  },
  {
    id: "openai/promptstream",
    wire: "openai",
    role: "promptstream",
    label: "promptstream provider-openai",
    load: () => consumerOf(import("./openai-promptstream.js")),
    imports: ["@promptstream/core", "@promptstream/provider-openai"],
  },
  {
    id: "openai/ai-sdk",
    wire: "openai",
    role: "ai-sdk",
    label: "ai + @ai-sdk/openai",
    load: () => consumerOf(import("./openai-ai-sdk.js")),
    imports: ["ai", "@ai-sdk/openai"],
  },
  {
    id: "openai/langchain",
    wire: "openai",
    role: "langchain",
    label: "@langchain/openai",
    load: () => consumerOf(import("./openai-langchain.js")),
    imports: ["@langchain/openai"],
  },
  {
    id: "anthropic/fetch",
    wire: "anthropic",
    role: "floor",
    label: "fetch + minimal SSE (floor)",
    load: () => consumerOf(import("./anthropic-fetch.js")),
    imports: [own("./anthropic-fetch.js")],
  },
  {
    id: "anthropic/sdk",
    wire: "anthropic",
    role: "raw-sdk",
    label: "@anthropic-ai/sdk (raw)",
    load: () => consumerOf(import("./anthropic-sdk.js")),
    imports: ["@anthropic-ai/sdk"],
  },
  {
    id: "anthropic/promptstream",
    wire: "anthropic",
    role: "promptstream",
    label: "promptstream provider-anthropic",
    load: () => consumerOf(import("./anthropic-promptstream.js")),
    imports: ["@promptstream/core", "@promptstream/provider-anthropic"],
  },
  {
    id: "anthropic/ai-sdk",
    wire: "anthropic",
    role: "ai-sdk",
    label: "ai + @ai-sdk/anthropic",
    load: () => consumerOf(import("./anthropic-ai-sdk.js")),
    imports: ["ai", "@ai-sdk/anthropic"],
  },
  {
    id: "anthropic/langchain",
    wire: "anthropic",
    role: "langchain",
    label: "@langchain/anthropic",
    load: () => consumerOf(import("./anthropic-langchain.js")),
    imports: ["@langchain/anthropic"],
  },
  {
    id: "openai-responses/fetch",
    wire: "openai-responses",
    role: "floor",
    label: "fetch + minimal SSE (floor)",
    load: () => consumerOf(import("./openai-responses-fetch.js")),
    imports: [own("./openai-responses-fetch.js")],
  },
  {
    id: "openai-responses/sdk",
    wire: "openai-responses",
    role: "raw-sdk",
    label: "openai SDK (raw): responses.create()",
    load: () => consumerOf(import("./openai-responses-sdk.js")),
    imports: ["openai"],
  },
  {
    id: "openai-responses/promptstream",
    wire: "openai-responses",
    role: "promptstream",
    label: "promptstream provider-openai/responses",
    load: () => consumerOf(import("./openai-responses-promptstream.js")),
    imports: ["@promptstream/core", "@promptstream/provider-openai/responses"],
  },
  {
    id: "openai-responses/ai-sdk",
    wire: "openai-responses",
    role: "ai-sdk",
    label: "ai + @ai-sdk/openai: openai.responses()",
    load: () => consumerOf(import("./openai-responses-ai-sdk.js")),
    imports: ["ai", "@ai-sdk/openai"],
  },
  {
    id: "openai-responses/langchain",
    wire: "openai-responses",
    role: "langchain",
    label: "@langchain/openai, useResponsesApi",
    load: () => consumerOf(import("./openai-responses-langchain.js")),
    imports: ["@langchain/openai"],
  },
  {
    id: "google-gemini/fetch",
    wire: "google-gemini",
    role: "floor",
    label: "fetch + minimal SSE (floor)",
    load: () => consumerOf(import("./google-gemini-fetch.js")),
    imports: [own("./google-gemini-fetch.js")],
  },
  {
    id: "google-gemini/sdk",
    wire: "google-gemini",
    role: "raw-sdk",
    label: "@google/genai (raw)",
    load: () => consumerOf(import("./google-gemini-sdk.js")),
    imports: ["@google/genai"],
  },
  {
    id: "google-gemini/promptstream",
    wire: "google-gemini",
    role: "promptstream",
    label: "promptstream provider-google",
    load: () => consumerOf(import("./google-gemini-promptstream.js")),
    imports: ["@promptstream/core", "@promptstream/provider-google"],
  },
  {
    id: "google-gemini/ai-sdk",
    wire: "google-gemini",
    role: "ai-sdk",
    label: "ai + @ai-sdk/google",
    load: () => consumerOf(import("./google-gemini-ai-sdk.js")),
    imports: ["ai", "@ai-sdk/google"],
  },
  {
    id: "google-gemini/langchain",
    wire: "google-gemini",
    role: "langchain",
    label: "@langchain/google-genai",
    load: () => consumerOf(import("./google-gemini-langchain.js")),
    imports: ["@langchain/google-genai"],
  },
];

export function consumerById(id: string): ConsumerInfo {
  const info = CONSUMERS.find((consumer) => consumer.id === id);
  if (info === undefined)
    throw new Error(`unknown consumer ${id}; known: ${CONSUMERS.map((consumer) => consumer.id).join(", ")}`);
  return info;
}
