import { type ContentPart, isMediaPart } from "../content/content-part.js";
import { PromptTemplateError } from "../errors/prompt-template-error.js";
import { copyMessage, isMessage, type Message } from "./message.js";
import type { ParsedTemplate } from "./parse-template.js";

/**
 * Renders a parsed template with validated values, in one pass: a value is inserted as plain
 * text, so a value that holds `{x}` or a line `SYSTEM: ...` is never expanded or read as a
 * role marker. Arrays are joined with newlines. A variable holding an image or a document (or an
 * array with some) makes the user message's content parts, with the media in place.
 */
export function renderMessages(
  template: ParsedTemplate,
  values: Readonly<Record<string, unknown>>,
  promptName: string,
): Message[] {
  const messages: Message[] = [];
  for (const section of template.sections) {
    if (section.kind === "messages") {
      const spliced = toMessages(ownValue(values, section.variable), section.variable, promptName);
      const last = spliced.at(-1);
      if (section.cache !== undefined && last !== undefined)
        spliced[spliced.length - 1] = { ...last, cache: section.cache };
      messages.push(...spliced);
      continue;
    }
    let content = "";
    let parts: ContentPart[] | undefined;
    for (const part of section.parts) {
      if (part.kind === "text") {
        content += part.text;
        continue;
      }
      const value = ownValue(values, part.name);
      if (!holdsMedia(value)) {
        content += toText(value, part.name, promptName);
        continue;
      }
      if (section.role !== "user") {
        throw new PromptTemplateError(
          `${promptName}: variable "${part.name}" holds an image or a document, which only a user message can carry; ` +
            `move {${part.name}} into a \`USER:\` section.`,
          { code: "invalid_variable", promptName, variable: part.name },
        );
      }
      parts ??= [];
      for (const [index, item] of (Array.isArray(value) ? value : [value]).entries()) {
        if (isMediaPart(item)) {
          if (content !== "") parts.push({ type: "text", text: content });
          content = "";
          parts.push(item);
        } else {
          content += (index > 0 ? "\n" : "") + toText(item, `${part.name}[${index}]`, promptName, true);
        }
      }
    }
    if (parts !== undefined && content !== "") parts.push({ type: "text", text: content });
    const cache = section.cache === undefined ? {} : { cache: section.cache };
    messages.push(
      section.role === "user"
        ? { role: "user", content: parts ?? content, ...cache }
        : { role: section.role, content, ...cache },
    );
  }
  return messages;
}

function holdsMedia(value: unknown): boolean {
  return isMediaPart(value) || (Array.isArray(value) && value.some(isMediaPart));
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
