/** The tool the promptstream consumers define (`defineTool`, a zod 4 schema), and how they read a stream's calls. */
import { defineTool } from "@promptstream/core";
import { TOOL_DESCRIPTION, TOOL_NAME } from "../tool-scenario.js";
import { toolArgsSchema } from "./tool-args-schema.js";
import type { ReceivedToolCall } from "./tool-consumer.js";

/** No `execute`: the calls are the app's to run, and the stream ends after them. */
export const recordItems = defineTool({ name: TOOL_NAME, description: TOOL_DESCRIPTION, parameters: toolArgsSchema });

/** The parts a stream of a prompt with tools yields, as far as this consumer reads them. */
type StreamPart =
  | { readonly kind?: undefined }
  | { readonly kind: "tool-call"; readonly toolCall: ReceivedToolCall }
  | { readonly kind: "tool-call-error"; readonly toolCall: { readonly error: Error } }
  | { readonly kind: "tool-call-delta" | "tool-result" | "step-start" | "step-finish" };

/** Reads a stream to its end; its calls are the `tool-call` parts' (parsed and validated) `args`. */
export async function collectToolCalls(stream: AsyncIterable<StreamPart>): Promise<ReceivedToolCall[]> {
  const calls: ReceivedToolCall[] = [];
  for await (const part of stream) {
    if (part.kind === "tool-call")
      calls.push({ id: part.toolCall.id, name: part.toolCall.name, args: part.toolCall.args });
    // A call that is not JSON or that the schema refuses is a part, not a failure of the stream: fail here.
    else if (part.kind === "tool-call-error") throw part.toolCall.error;
  }
  return calls;
}
