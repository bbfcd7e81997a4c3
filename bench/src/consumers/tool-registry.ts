/** Every tool-call consumer, per wire format, in table order. Modules are loaded lazily, one per child process. */
import type { ToolConsumerInfo, ToolConsumerModule } from "./tool-consumer.js";

const consumerOf = (module: Promise<{ consumer: ToolConsumerModule }>): Promise<ToolConsumerModule> =>
  module.then((loaded) => loaded.consumer);

/** The tool-call figure's consumers: the floor, the raw SDK's helper, promptstream and the AI SDK, per wire. */
export const TOOL_CONSUMERS: readonly ToolConsumerInfo[] = [
  {
    id: "openai/fetch",
    wire: "openai",
    role: "floor",
    label: "fetch + join, JSON.parse once (floor)",
    load: () => consumerOf(import("./openai-tools-fetch.js")),
  },
  {
    id: "openai/sdk",
    wire: "openai",
    role: "raw-sdk",
    label: "openai SDK: chat.completions.stream()",
    load: () => consumerOf(import("./openai-tools-sdk.js")),
  },
  {
    id: "openai/promptstream",
    wire: "openai",
    role: "promptstream",
    label: "promptstream provider-openai",
    load: () => consumerOf(import("./openai-tools-promptstream.js")),
  },
  {
    id: "openai/ai-sdk",
    wire: "openai",
    role: "ai-sdk",
    label: "ai + @ai-sdk/openai",
    load: () => consumerOf(import("./openai-tools-ai-sdk.js")),
  },
  {
    id: "anthropic/fetch",
    wire: "anthropic",
    role: "floor",
    label: "fetch + join, JSON.parse once (floor)",
    load: () => consumerOf(import("./anthropic-tools-fetch.js")),
  },
  {
    id: "anthropic/sdk",
    wire: "anthropic",
    role: "raw-sdk",
    label: "@anthropic-ai/sdk: messages.stream()",
    load: () => consumerOf(import("./anthropic-tools-sdk.js")),
  },
  {
    id: "anthropic/promptstream",
    wire: "anthropic",
    role: "promptstream",
    label: "promptstream provider-anthropic",
    load: () => consumerOf(import("./anthropic-tools-promptstream.js")),
  },
  {
    id: "anthropic/ai-sdk",
    wire: "anthropic",
    role: "ai-sdk",
    label: "ai + @ai-sdk/anthropic",
    load: () => consumerOf(import("./anthropic-tools-ai-sdk.js")),
  },
];

/** The tool consumer with this id; throws for an unknown one. */
export function toolConsumerById(id: string): ToolConsumerInfo {
  const info = TOOL_CONSUMERS.find((consumer) => consumer.id === id);
  if (info === undefined)
    throw new Error(`unknown tool consumer ${id}; known: ${TOOL_CONSUMERS.map((consumer) => consumer.id).join(", ")}`);
  return info;
}
