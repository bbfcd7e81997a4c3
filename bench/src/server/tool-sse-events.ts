/**
 * The SSE events of one tool-call stream, serialised once, as each API streams tool calls: the
 * calls one after another, each call's JSON arguments in the scenario's fragments.
 */
import { TOOL_NAME, type ToolScenario, toolArgsFragments, toolCallId } from "../tool-scenario.js";
import { anthropicEnd, anthropicStart, namedEvent, openaiChunk, openaiEnd } from "./sse-events.js";

/**
 * `drop`: leave out the third fragment of the first call (for the bench's own test). It lies
 * inside the query string, so the arguments still parse: only comparing them with what was
 * served notices.
 */
interface ToolEventsOptions {
  readonly drop: boolean;
}

function fragmentsOf(scenario: ToolScenario, call: number, options: ToolEventsOptions): readonly string[] {
  const fragments = toolArgsFragments(scenario, call);
  return options.drop && call === 0 ? fragments.filter((_, index) => index !== 2) : fragments;
}

/**
 * A Chat Completions stream of tool calls: per call, a chunk with its `index`, `id`, `type`, name
 * and empty arguments, then one `delta.tool_calls` chunk per fragment (`index` and `arguments`
 * only); a finish chunk (`tool_calls`), a usage chunk, `[DONE]`.
 */
export function openaiToolEvents(scenario: ToolScenario, options: ToolEventsOptions): string[] {
  const events: string[] = [];
  for (let call = 0; call < scenario.calls; call += 1) {
    const start = {
      index: call,
      id: toolCallId("openai", call),
      type: "function",
      function: { name: TOOL_NAME, arguments: "" },
    };
    // The first chunk of a response also carries the role, as OpenAI sends it.
    const opening = call === 0 ? { role: "assistant", content: null, tool_calls: [start], refusal: null } : {};
    events.push(openaiChunk(call === 0 ? opening : { tool_calls: [start] }, null));
    for (const fragment of fragmentsOf(scenario, call, options))
      events.push(openaiChunk({ tool_calls: [{ index: call, function: { arguments: fragment } }] }, null));
  }
  events.push(openaiChunk({}, "tool_calls"), ...openaiEnd(scenario.calls * scenario.fragments));
  return events;
}

/**
 * A Messages stream of tool calls: per call, a `tool_use` block (`content_block_start` with its id
 * and name, an empty `input_json_delta` as Anthropic sends first, one `input_json_delta` per
 * fragment, `content_block_stop`); then `message_delta` (`tool_use`) and `message_stop`.
 */
export function anthropicToolEvents(scenario: ToolScenario, options: ToolEventsOptions): string[] {
  const events = [anthropicStart()];
  for (let call = 0; call < scenario.calls; call += 1) {
    const block = { type: "tool_use", id: toolCallId("anthropic", call), name: TOOL_NAME, input: {} };
    events.push(namedEvent({ type: "content_block_start", index: call, content_block: block }));
    if (call === 0) events.push(namedEvent({ type: "ping" }));
    const json = (partial: string): string =>
      namedEvent({
        type: "content_block_delta",
        index: call,
        delta: { type: "input_json_delta", partial_json: partial },
      });
    events.push(json(""));
    for (const fragment of fragmentsOf(scenario, call, options)) events.push(json(fragment));
    events.push(namedEvent({ type: "content_block_stop", index: call }));
  }
  events.push(...anthropicEnd("tool_use", scenario.calls * scenario.fragments));
  return events;
}
