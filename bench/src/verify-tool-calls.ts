/** Every tool-call stream's calls are compared with what the server sent: a mismatch fails the run. */
import { isDeepStrictEqual } from "node:util";
import type { ReceivedToolCall } from "./consumers/tool-consumer.js";
import type { Wire } from "./scenario.js";
import { TOOL_NAME, type ToolScenario, toolArgs, toolCallId } from "./tool-scenario.js";

class ToolCallMismatchError extends Error {
  override readonly name = "ToolCallMismatchError";
}

/** Throws unless `calls` are the scenario's calls, in order, with the same ids, name and (deep-equal) arguments. */
export function verifyToolCalls(
  consumerId: string,
  wire: Wire,
  scenario: ToolScenario,
  calls: readonly ReceivedToolCall[],
): void {
  const where = `${consumerId} (${scenario.calls} call(s) × ${scenario.fragments} fragments)`;
  if (calls.length !== scenario.calls)
    throw new ToolCallMismatchError(
      `${where} received ${calls.length} tool call(s) where ${scenario.calls} were served`,
    );
  calls.forEach((call, index) => {
    const id = toolCallId(wire, index);
    if (call.id !== id || call.name !== TOOL_NAME)
      throw new ToolCallMismatchError(`${where}: call ${index} is ${call.name} ${call.id}, not ${TOOL_NAME} ${id}`);
    const expected = toolArgs(scenario, index);
    if (isDeepStrictEqual(call.args, expected)) return;
    const got = JSON.stringify(call.args) ?? String(call.args);
    const want = JSON.stringify(expected);
    let at = 0;
    while (at < want.length && got[at] === want[at]) at += 1;
    if (got === want)
      throw new ToolCallMismatchError(
        `${where}: the arguments of call ${index} are the same JSON in objects of another kind`,
      );
    throw new ToolCallMismatchError(
      `${where}: the arguments of call ${index} differ from what was served; as JSON, first difference at ${at}: ` +
        `got ${JSON.stringify(got.slice(at, at + 24))}, expected ${JSON.stringify(want.slice(at, at + 24))}`,
    );
  });
}
