/**
 * The raw `openai` SDK's own helper: `chat.completions.stream({ tools })` (a ChatCompletionStream,
 * which assembles the calls as they stream), then `finalChatCompletion()`; each call's arguments
 * parsed with JSON.parse once.
 */
import { TOOL_DESCRIPTION, TOOL_JSON_SCHEMA, TOOL_NAME, toolScenarioBase } from "../tool-scenario.js";
import { PROMPT } from "./consumer.js";
import { openaiSdkClient } from "./openai-sdk-client.js";
import type { ToolConsumerModule } from "./tool-consumer.js";

/** The raw SDK's helper. */
export const consumer: ToolConsumerModule = {
  prepare(endpoint) {
    const client = openaiSdkClient(toolScenarioBase(endpoint.origin, endpoint));
    return async () => {
      const stream = client.chat.completions.stream({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: PROMPT }],
        // Not `strict`, as promptstream's and the AI SDK's tools here: with `strict: true` the helper
        // also parses the partial arguments after every fragment.
        tools: [
          {
            type: "function",
            function: { name: TOOL_NAME, description: TOOL_DESCRIPTION, parameters: TOOL_JSON_SCHEMA },
          },
        ],
      });
      const completion = await stream.finalChatCompletion();
      return (completion.choices[0]?.message.tool_calls ?? []).map((call) => {
        if (call.type !== "function") throw new Error(`a ${call.type} tool call`);
        return { id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) as unknown };
      });
    };
  },
};
