/**
 * One `streamText` call with the tool (a zod 4 schema, no `execute`), its calls read from
 * `toolCalls` (which reads the stream to its end); retries, telemetry and warning logs off.
 */
import { type LanguageModel, streamText, tool } from "ai";
import { TOOL_DESCRIPTION, TOOL_NAME } from "../tool-scenario.js";
import { toolArgsSchema } from "./tool-args-schema.js";
import type { ReceivedToolCall } from "./tool-consumer.js";

// The AI SDK reads this global (typed by the `ai` package) to decide whether to log warnings.
globalThis.AI_SDK_LOG_WARNINGS = false;

const tools = { [TOOL_NAME]: tool({ description: TOOL_DESCRIPTION, inputSchema: toolArgsSchema }) };

/** Streams once; resolves with the calls, each `input` parsed and validated by the AI SDK. */
export async function streamToolCallsWithAiSdk(model: LanguageModel, prompt: string): Promise<ReceivedToolCall[]> {
  let failure: unknown;
  const result = streamText({
    model,
    prompt,
    tools,
    maxRetries: 0,
    experimental_telemetry: { isEnabled: false },
    onError: ({ error }) => {
      failure = error;
    },
  });
  const toolCalls = await result.toolCalls;
  if (failure !== undefined) throw failure;
  return toolCalls.map((call) => {
    // A call whose input is not JSON or that the schema refuses comes back marked, not thrown: fail here.
    if (call.invalid === true) throw call.error instanceof Error ? call.error : new Error(String(call.error));
    return { id: call.toolCallId, name: call.toolName, args: call.input };
  });
}
