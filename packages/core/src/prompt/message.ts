import { type CacheHint, isCacheHint } from "../caching/cache-hint.js";
import { type ContentPart, isContentPart } from "../content/content-part.js";
import { isReasoningBlock, type ReasoningBlock } from "../reasoning/reasoning-block.js";

/** The roles a provider-neutral message can have. */
export type MessageRole = "system" | "user" | "assistant" | "tool";

/** A value that JSON can carry: what a tool result may hold besides text. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Data a provider needs back in a later request and that has no neutral field, keyed by the
 * provider's id (e.g. `{ google: { thoughtSignature: "..." } }`). Core keeps it as it is; only
 * that provider's adapter reads it.
 */
export type ProviderData = { readonly [provider: string]: { readonly [key: string]: JsonValue } };

/** A system instruction. */
export interface SystemMessage {
  readonly role: "system";
  readonly content: string;
  /** A prompt-cache breakpoint after this message: see {@link CacheHint}. */
  readonly cache?: CacheHint | undefined;
}

/**
 * What the user said: text, or parts (text, images, documents) in order. Messages rendered from a
 * template have parts only when a variable holds an image or a document.
 */
export interface UserMessage {
  readonly role: "user";
  readonly content: string | readonly ContentPart[];
  /** A prompt-cache breakpoint after this message: see {@link CacheHint}. */
  readonly cache?: CacheHint | undefined;
}

/** A tool call as a message records it, so that the conversation can be sent again. */
export interface MessageToolCall {
  readonly id: string;
  readonly name: string;
  /** The parsed arguments. */
  readonly args: unknown;
  /** The arguments as the model wrote them, where known: sent back as is where a provider takes text. */
  readonly argsText?: string | undefined;
  /** What the provider needs back with this call (e.g. Gemini's `thoughtSignature`), by provider id. */
  readonly providerData?: ProviderData | undefined;
}

/** What the model answered; append it to a history to continue the conversation. */
export interface AssistantMessage {
  readonly role: "assistant";
  readonly content: string;
  /** The tools the model called in this turn, in order; absent when it called none. */
  readonly toolCalls?: readonly MessageToolCall[] | undefined;
  /**
   * The model's reasoning blocks of this turn, in order, as the provider needs them back (signed
   * or encrypted); absent when it sent none. Only the provider that produced a block gets it back.
   */
  readonly reasoning?: readonly ReasoningBlock[] | undefined;
  /** What the provider needs back with this message that has no neutral field, by provider id. */
  readonly providerData?: ProviderData | undefined;
  /** A prompt-cache breakpoint after this message: see {@link CacheHint}. */
  readonly cache?: CacheHint | undefined;
}

/** The result of a tool call, sent back to the model in the next request. */
export interface ToolMessage {
  readonly role: "tool";
  /** The `id` of the call this answers. */
  readonly toolCallId: string;
  /** The tool's name; some providers need it beside the id. */
  readonly toolName?: string | undefined;
  /** What the tool returned: text, or a JSON value (sent as JSON text where a provider takes text). */
  readonly content: string | JsonValue;
  /** The tool failed: `content` says how. */
  readonly isError?: boolean | undefined;
  /** A prompt-cache breakpoint after this message: see {@link CacheHint}. */
  readonly cache?: CacheHint | undefined;
}

/** A provider-neutral chat message, discriminated by `role`. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** Whether a value is a well-formed {@link Message}. */
export function isMessage(value: unknown): value is Message {
  if (typeof value !== "object" || value === null) return false;
  const message = value as Partial<Record<keyof ToolMessage | keyof AssistantMessage, unknown>>;
  if (typeof message.role !== "string") return false;
  if (message.cache !== undefined && !isCacheHint(message.cache)) return false;
  if (message.role === "system") return typeof message.content === "string";
  if (message.role === "user") {
    return (
      typeof message.content === "string" || (Array.isArray(message.content) && message.content.every(isContentPart))
    );
  }
  if (message.role === "assistant") {
    return (
      typeof message.content === "string" &&
      (message.toolCalls === undefined || (Array.isArray(message.toolCalls) && message.toolCalls.every(isToolCall))) &&
      (message.reasoning === undefined ||
        (Array.isArray(message.reasoning) && message.reasoning.every(isReasoningBlock))) &&
      (message.providerData === undefined || isObject(message.providerData))
    );
  }
  return (
    message.role === "tool" &&
    typeof message.toolCallId === "string" &&
    message.content !== undefined &&
    (message.isError === undefined || typeof message.isError === "boolean")
  );
}

function isToolCall(value: unknown): value is MessageToolCall {
  if (typeof value !== "object" || value === null) return false;
  const { id, name, argsText, providerData } = value as Partial<Record<keyof MessageToolCall, unknown>>;
  return (
    typeof id === "string" &&
    typeof name === "string" &&
    (argsText === undefined || typeof argsText === "string") &&
    (providerData === undefined || isObject(providerData))
  );
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A copy of a message with only the fields of its role (and none left `undefined`), for a
 * rendered history. What a provider needs back (reasoning blocks, provider data) is kept.
 */
export function copyMessage(message: Message): Message {
  switch (message.role) {
    case "assistant": {
      const { content, toolCalls, reasoning, providerData, cache } = message;
      return {
        role: "assistant",
        content,
        ...(toolCalls === undefined ? {} : { toolCalls: toolCalls.map((call) => ({ ...call })) }),
        ...(reasoning === undefined ? {} : { reasoning: reasoning.map((block) => ({ ...block })) }),
        ...(providerData === undefined ? {} : { providerData }),
        ...(cache === undefined ? {} : { cache }),
      };
    }
    case "tool":
      return { ...message };
    case "user":
      return {
        role: "user",
        content: typeof message.content === "string" ? message.content : [...message.content],
        ...(message.cache === undefined ? {} : { cache: message.cache }),
      };
    default:
      return {
        role: message.role,
        content: message.content,
        ...(message.cache === undefined ? {} : { cache: message.cache }),
      };
  }
}
