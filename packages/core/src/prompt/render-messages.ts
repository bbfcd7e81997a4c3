import { PromptTemplateError } from "../errors/prompt-template-error.js";
import { copyMessage, isMessage, type Message } from "./message.js";
import type { ParsedTemplate } from "./parse-template.js";

/**
 * Renders a parsed template with validated values, in one pass: a value is inserted as plain
 * text, so a value that holds `{x}` or a line `SYSTEM: ...` is never expanded or read as a
 * role marker. Arrays are joined with newlines.
 */
export function renderMessages(
  template: ParsedTemplate,
  values: Readonly<Record<string, unknown>>,
  promptName: string,
): Message[] {
  const messages: Message[] = [];
  for (const section of template.sections) {
    if (section.kind === "messages") {
      messages.push(...toMessages(ownValue(values, section.variable), section.variable, promptName));
      continue;
    }
    let content = "";
    for (const part of section.parts) {
      content += part.kind === "text" ? part.text : toText(ownValue(values, part.name), part.name, promptName);
    }
    messages.push({ role: section.role, content });
  }
  return messages;
}

/** A variable's own value: a name such as `toString` must not find what `Object.prototype` has. */
function ownValue(values: Readonly<Record<string, unknown>>, name: string): unknown {
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

function toText(value: unknown, name: string, promptName: string, nested = false): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
  }
  // One level only, as `TemplateValue` says: an array of arrays (or one holding itself) is refused.
  if (Array.isArray(value) && !nested) {
    return Array.from(value, (item, index) => toText(item, `${name}[${index}]`, promptName, true)).join("\n");
  }
  throw new PromptTemplateError(
    `${promptName}: variable "${name}" is ${describe(value)}; pass a string, number, boolean, or an array of them.`,
    { code: "invalid_variable", promptName, variable: name },
  );
}

function toMessages(value: unknown, name: string, promptName: string): Message[] {
  if (!Array.isArray(value) || !value.every(isMessage)) {
    throw new PromptTemplateError(
      `${promptName}: variable "${name}" fills \`MESSAGES:\` and must be an array of messages ` +
        `like { role: "user", content: "..." } (roles: system, user, assistant, and tool with a toolCallId); got ${describe(value)}.`,
      { code: "invalid_variable", promptName, variable: name },
    );
  }
  return value.map(copyMessage);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array with an item of another type";
  return `of type ${typeof value}`;
}
