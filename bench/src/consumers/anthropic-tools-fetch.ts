/** Anthropic tool-call floor: plain fetch, the minimal SSE parser; fragments joined per block, JSON.parse once per call. */
import { TOOL_DESCRIPTION, TOOL_JSON_SCHEMA, TOOL_NAME, toolScenarioBase } from "../tool-scenario.js";
import { API_KEY, PROMPT } from "./consumer.js";
import { postForStream, sseEvents } from "./sse-lines.js";
import { FragmentJoiner, type ToolConsumerModule } from "./tool-consumer.js";

interface MessageEvent {
  readonly type: string;
  readonly index?: number;
  readonly content_block?: { readonly type: string; readonly id?: string; readonly name?: string };
  readonly delta?: { readonly type: string; readonly partial_json?: string };
  readonly error?: { readonly message: string };
}

/** The floor: the least work that turns the stream into parsed calls. */
export const consumer: ToolConsumerModule = {
  prepare(endpoint) {
    const url = `${toolScenarioBase(endpoint.origin, endpoint)}/v1/messages`;
    const headers = { "x-api-key": API_KEY, "anthropic-version": "2023-06-01" };
    const request = {
      model: "claude-haiku-4-5",
      max_tokens: 4096,
      messages: [{ role: "user", content: PROMPT }],
      tools: [{ name: TOOL_NAME, description: TOOL_DESCRIPTION, input_schema: TOOL_JSON_SCHEMA }],
      stream: true,
    };
    return async () => {
      const joiner = new FragmentJoiner();
      // Anthropic numbers content blocks; calls are numbered apart (a text block may come first).
      const callOfBlock = new Map<number, number>();
      for await (const { data } of sseEvents(await postForStream(url, headers, request))) {
        const event = JSON.parse(data) as MessageEvent;
        const block = event.index ?? -1;
        if (event.type === "content_block_start" && event.content_block?.type === "tool_use") {
          callOfBlock.set(block, callOfBlock.size);
          joiner.start(callOfBlock.size - 1, event.content_block.id ?? "", event.content_block.name ?? "");
        } else if (event.type === "content_block_delta" && event.delta?.type === "input_json_delta") {
          const call = callOfBlock.get(block);
          const piece = event.delta.partial_json ?? "";
          if (call !== undefined && piece !== "") joiner.add(call, piece);
        } else if (event.type === "error") throw new Error(event.error?.message ?? "stream error");
      }
      return joiner.calls();
    };
  },
};
