import type { Content, Part } from "@google/genai";
import { type AdapterV1Message, type AssistantMessage, ProviderError, type ToolMessage } from "@promptstream/core";
import { isGeneratedCallId } from "./google-call-ids.js";
import { thoughtSignatureOf } from "./google-thought-signatures.js";

/** The request's conversation: the system instruction, then the turns. */
export interface GoogleConversation {
  readonly systemInstruction: Content | undefined;
  readonly contents: Content[];
}

/**
 * Converts neutral messages to Gemini's shape: system messages, wherever they stand, are joined
 * into `systemInstruction`; the assistant's turns have the role `model`, its tool calls become
 * `functionCall` parts (with the thought signature they came with); tool results become
 * `functionResponse` parts of a `user` turn; consecutive messages of one role are merged into one
 * turn of several parts, so that the results of one step's calls go back together.
 */
export function convertToGoogleContents(messages: readonly AdapterV1Message[]): GoogleConversation {
  const system: string[] = [];
  const contents: Content[] = [];
  const callNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role === "system") {
      system.push(message.content);
      continue;
    }
    const role = message.role === "assistant" ? "model" : "user";
    const parts = toParts(message, callNames);
    const last = contents[contents.length - 1];
    if (last?.role === role) last.parts?.push(...parts);
    else contents.push({ role, parts });
  }
  if (contents.length === 0) {
    throw new ProviderError(
      "Gemini needs at least one user message, and the prompt rendered only system text. " +
        "Add a `USER:` section (or text outside `SYSTEM:`) to the template.",
      { code: "invalid_request", provider: "google", retryable: false },
    );
  }
  return {
    systemInstruction: system.length === 0 ? undefined : { parts: [{ text: system.join("\n\n") }] },
    contents,
  };
}

function toParts(message: Exclude<AdapterV1Message, { role: "system" }>, callNames: Map<string, string>): Part[] {
  switch (message.role) {
    case "tool":
      return [toFunctionResponse(message, callNames)];
    case "assistant":
      return assistantParts(message, callNames);
    default:
      return [{ text: message.content }];
  }
}

function assistantParts({ content, toolCalls }: AssistantMessage, callNames: Map<string, string>): Part[] {
  if (toolCalls === undefined || toolCalls.length === 0) return [{ text: content }];
  const parts: Part[] = content === "" ? [] : [{ text: content }];
  toolCalls.forEach(({ id, name, args }, index) => {
    callNames.set(id, name);
    const functionCall: Part["functionCall"] = { name, args: isRecord(args) ? args : {} };
    // An id Gemini did not send (one promptstream made up) is not Gemini's to match.
    if (!isGeneratedCallId(id)) functionCall.id = id;
    const part: Part = { functionCall };
    // Gemini signs the first call of a step; parallel calls after it carry no signature of their own.
    if (index === 0) part.thoughtSignature = thoughtSignatureOf(id);
    parts.push(part);
  });
  return parts;
}

function toFunctionResponse(message: ToolMessage, callNames: Map<string, string>): Part {
  const { toolCallId, content, isError } = message;
  const name = message.toolName ?? callNames.get(toolCallId);
  if (name === undefined) {
    throw new ProviderError(
      `Gemini matches a tool result to its call by the tool's name, and the result of call \`${toolCallId}\` has none: ` +
        "give the tool message a `toolName`, or keep the assistant message that made the call in the history.",
      { code: "invalid_request", provider: "google", retryable: false },
    );
  }
  // `response` must be an object: Gemini documents `output` for a result and `error` for a failure.
  const response: Record<string, unknown> = isError === true ? { error: content } : { output: content };
  const functionResponse: Part["functionResponse"] = { name, response };
  if (!isGeneratedCallId(toolCallId)) functionResponse.id = toolCallId;
  return { functionResponse };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
