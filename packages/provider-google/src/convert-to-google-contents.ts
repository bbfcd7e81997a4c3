import type { Content, Part } from "@google/genai";
import { type AdapterV1Message, type AssistantMessage, ProviderError, type ToolMessage } from "@promptstream/core";
import { convertToGoogleParts, type InlineBytesUsed } from "./convert-to-google-parts.js";
import { isGeneratedCallId } from "./google-call-ids.js";
import { PLACEHOLDER_THOUGHT_SIGNATURE, thoughtSignatureIn } from "./google-thought-signatures.js";

/** The request's conversation: the system instruction, then the turns. */
export interface GoogleConversation {
  readonly systemInstruction: Content | undefined;
  readonly contents: Content[];
}

/**
 * Converts neutral messages to Gemini's shape: system messages, wherever they stand, are joined
 * into `systemInstruction`; a user message with images or documents becomes its parts in order
 * (see `convertToGoogleParts`); the assistant's turns have the role `model`, with their Gemini
 * reasoning blocks as thought parts, then the text, then `functionCall` parts, each with the
 * thought signature it came with; tool results become `functionResponse` parts of a `user` turn;
 * consecutive messages of one role are merged into one turn of several parts, so that the results
 * of one step's calls go back together. Cache hints send nothing: Gemini caches implicitly.
 */
export async function convertToGoogleContents(messages: readonly AdapterV1Message[]): Promise<GoogleConversation> {
  const system: string[] = [];
  const contents: Content[] = [];
  const callNames = new Map<string, string>();
  const inlineBytes: InlineBytesUsed = { total: 0 };
  for (const [index, message] of messages.entries()) {
    if (message.role === "system") {
      system.push(message.content);
      continue;
    }
    const role = message.role === "assistant" ? "model" : "user";
    const parts =
      message.role === "user" && message.parts !== undefined
        ? await convertToGoogleParts(message.parts, index, inlineBytes)
        : toParts(message, callNames);
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

function assistantParts(
  { content, toolCalls, reasoning, providerData }: AssistantMessage,
  callNames: Map<string, string>,
): Part[] {
  const parts: Part[] = [];
  // Only Gemini's own blocks: another provider's signature means nothing here.
  for (const block of reasoning ?? []) {
    if (block.provider !== "google") continue;
    parts.push(withSignature({ text: block.text, thought: true }, block.signature));
  }
  const textSignature = thoughtSignatureIn(providerData);
  const calls = toolCalls ?? [];
  if (content !== "" || textSignature !== undefined || calls.length === 0) {
    parts.push(withSignature({ text: content }, textSignature));
  }
  // Gemini signs the first call of a step (parallel calls after it carry none). A turn whose calls
  // have no signature at all (written by hand, or another provider's) gets Google's placeholder
  // on its first call, which Gemini 3 accepts in place of one.
  const unsigned = calls.every((call) => thoughtSignatureIn(call.providerData) === undefined);
  calls.forEach(({ id, name, args, providerData: callData }, index) => {
    callNames.set(id, name);
    const functionCall: Part["functionCall"] = { name, args: isRecord(args) ? args : {} };
    // An id Gemini did not send (one promptstream made up) is not Gemini's to match.
    if (!isGeneratedCallId(id)) functionCall.id = id;
    const signature =
      thoughtSignatureIn(callData) ?? (unsigned && index === 0 ? PLACEHOLDER_THOUGHT_SIGNATURE : undefined);
    parts.push(withSignature({ functionCall }, signature));
  });
  return parts;
}

function withSignature(part: Part, signature: string | undefined): Part {
  if (signature !== undefined) part.thoughtSignature = signature;
  return part;
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
