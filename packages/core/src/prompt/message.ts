/** The roles a provider-neutral message can have. */
export type MessageRole = "system" | "user" | "assistant";

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

/** What the model answered; append it to a history to continue the conversation. */
export interface AssistantMessage {
  readonly role: "assistant";
  readonly content: string;
}

/** A provider-neutral chat message, discriminated by `role`. */
export type Message = SystemMessage | UserMessage | AssistantMessage;

const roles: ReadonlySet<string> = new Set<MessageRole>(["system", "user", "assistant"]);

/** Whether a value is a well-formed {@link Message}. */
export function isMessage(value: unknown): value is Message {
  if (typeof value !== "object" || value === null) return false;
  const { role, content } = value as { role?: unknown; content?: unknown };
  return typeof role === "string" && roles.has(role) && typeof content === "string";
}
