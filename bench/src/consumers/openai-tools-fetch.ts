/** OpenAI tool-call floor: plain fetch, the minimal SSE parser; fragments joined per call, JSON.parse once per call. */
import { TOOL_DESCRIPTION, TOOL_JSON_SCHEMA, TOOL_NAME, toolScenarioBase } from "../tool-scenario.js";
import { API_KEY, PROMPT } from "./consumer.js";
import { postForStream, sseEvents } from "./sse-lines.js";
import { FragmentJoiner, type ToolConsumerModule } from "./tool-consumer.js";

interface ToolCallFragment {
  readonly index: number;
  readonly id?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

interface ChatChunk {
  readonly choices: ReadonlyArray<{ readonly delta?: { readonly tool_calls?: readonly ToolCallFragment[] } }>;
}

/** The floor: the least work that turns the stream into parsed calls. */
export const consumer: ToolConsumerModule = {
  prepare(endpoint) {
    const url = `${toolScenarioBase(endpoint.origin, endpoint)}/v1/chat/completions`;
    const headers = { authorization: `Bearer ${API_KEY}` };
    const request = {
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: PROMPT }],
      tools: [
        {
          type: "function",
          function: { name: TOOL_NAME, description: TOOL_DESCRIPTION, parameters: TOOL_JSON_SCHEMA },
        },
      ],
      stream: true,
    };
    return async () => {
      const joiner = new FragmentJoiner();
      for await (const { data } of sseEvents(await postForStream(url, headers, request))) {
        if (data === "[DONE]") break;
        const chunk = JSON.parse(data) as ChatChunk;
        for (const fragment of chunk.choices[0]?.delta?.tool_calls ?? []) {
          // A call's first fragment carries its id and name; the rest only their index and arguments.
          if (fragment.id !== undefined) joiner.start(fragment.index, fragment.id, fragment.function?.name ?? "");
          const piece = fragment.function?.arguments ?? "";
          if (piece !== "") joiner.add(fragment.index, piece);
        }
      }
      return joiner.calls();
    };
  },
};
