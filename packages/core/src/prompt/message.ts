/** The roles a provider-neutral message can have. */
export type MessageRole = "system" | "user" | "assistant" | "tool";

/** A value that JSON can carry: what a tool result may hold besides text. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A system instruction. */
export interface SystemMessage {
  readonly role: "system";
  readonly content: string;
}

/** What the user said. */
export interface UserMessage {
  readonly role: "user";
  readonly content: string;
}

/** A tool call as a message records it, so that the conversation can be sent again. */
export interface MessageToolCall {
  readonly id: string;
  readonly name: string;
  /** The parsed arguments. */
  readonly args: unknown;
  /** The arguments as the model wrote them, where known: sent back as is where a provider takes text. */
  readonly argsText?: string | undefined;
}

/** What the model answered; append it to a history to continue the conversation. */
export interface AssistantMessage {
  readonly role: "assistant";
  readonly content: string;
  /** The tools the model called in this turn, in order; absent when it called none. */
  readonly toolCalls?: readonly MessageToolCall[] | undefined;
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
}

/** A provider-neutral chat message, discriminated by `role`. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

const textRoles: ReadonlySet<string> = new Set(["system", "user"]);

/** Whether a value is a well-formed {@link Message}. */
export function isMessage(value: unknown): value is Message {
  if (typeof value !== "object" || value === null) return false;
  const message = value as Partial<Record<keyof ToolMessage | keyof AssistantMessage, unknown>>;
  if (typeof message.role !== "string") return false;
  if (textRoles.has(message.role)) return typeof message.content === "string";
  if (message.role === "assistant") {
    return (
      typeof message.content === "string" &&
      (message.toolCalls === undefined || (Array.isArray(message.toolCalls) && message.toolCalls.every(isToolCall)))
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
  const { id, name, argsText } = value as Partial<Record<keyof MessageToolCall, unknown>>;
  return typeof id === "string" && typeof name === "string" && (argsText === undefined || typeof argsText === "string");
}

/** A copy of a message with only the fields of its role, for a rendered history. */
export function copyMessage(message: Message): Message {
  switch (message.role) {
    case "assistant":
      return message.toolCalls === undefined
        ? { role: "assistant", content: message.content }
        : { role: "assistant", content: message.content, toolCalls: message.toolCalls.map((call) => ({ ...call })) };
    case "tool":
      return { ...message };
    default:
      return { role: message.role, content: message.content };
  }
}
