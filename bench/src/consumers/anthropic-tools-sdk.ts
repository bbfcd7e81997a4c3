/**
 * The raw `@anthropic-ai/sdk`'s own helper: `messages.stream({ tools })` (a MessageStream, which
 * accumulates each block's `input_json_delta`s and parses them with its partial-JSON parser),
 * then `finalMessage()`; the calls are its `tool_use` blocks.
 */
import Anthropic from "@anthropic-ai/sdk";
import { TOOL_DESCRIPTION, TOOL_JSON_SCHEMA, TOOL_NAME, toolScenarioBase } from "../tool-scenario.js";
import { API_KEY, PROMPT } from "./consumer.js";
import type { ToolConsumerModule } from "./tool-consumer.js";

/** The raw SDK's helper. */
export const consumer: ToolConsumerModule = {
  prepare(endpoint) {
    const client = new Anthropic({
      baseURL: toolScenarioBase(endpoint.origin, endpoint),
      apiKey: API_KEY,
      maxRetries: 0,
    });
    return async () => {
      const stream = client.messages.stream({
        model: "claude-haiku-4-5",
        max_tokens: 4096,
        messages: [{ role: "user", content: PROMPT }],
        tools: [{ name: TOOL_NAME, description: TOOL_DESCRIPTION, input_schema: TOOL_JSON_SCHEMA }],
      });
      const message = await stream.finalMessage();
      return message.content.flatMap((block) =>
        block.type === "tool_use" ? [{ id: block.id, name: block.name, args: block.input }] : [],
      );
    };
  },
};
