import type { CacheHint } from "../caching/cache-hint.js";
import { PromptTemplateError } from "../errors/prompt-template-error.js";
import type { MessageRole } from "./message.js";

/** The roles a template's markers start: a tool result comes from a history, never from template text. */
type TemplateRole = Exclude<MessageRole, "tool">;

/** A piece of a message's template: literal text or a placeholder. */
type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "variable"; readonly name: string };

/** A section of a template: one role message, or a `MESSAGES:` splice of a history. */
type TemplateSection =
  | {
      readonly kind: "message";
      readonly role: TemplateRole;
      readonly parts: readonly TemplatePart[];
      readonly cache?: CacheHint | undefined;
    }
  | { readonly kind: "messages"; readonly variable: string; readonly cache?: CacheHint | undefined };

/** A template, parsed once when the prompt is defined. */
export interface ParsedTemplate {
  readonly sections: readonly TemplateSection[];
  /** Every placeholder, in order of first appearance (both kinds). */
  readonly variables: readonly string[];
}

const markerPattern = /^[ \t]*(SYSTEM|USER|ASSISTANT|MESSAGES):[ \t]?/;
/** A line `CACHE` or `CACHE 1h` ending a section: a prompt-cache breakpoint after its message. */
const cacheLinePattern = /^[ \t]*CACHE(?:[ \t]+(5m|1h))?[ \t]*$/;
const namePattern = /^[A-Za-z_$][\w$]*$/;
const roleOfMarker = { SYSTEM: "system", USER: "user", ASSISTANT: "assistant" } as const;

/**
 * Parses a template into role sections and placeholders. Lines starting `SYSTEM:`, `USER:`
 * or `ASSISTANT:` open a message; `MESSAGES: {name}` splices a list of messages; text
 * before any marker is a user message. A line `CACHE` (or `CACHE 1h`) at the end of a section
 * marks its message as a prompt-cache breakpoint. `{{` and `}}` are literal braces. The template is
 * dedented and each section trimmed, so templates can be written as indented literals.
 */
export function parseTemplate(template: string, promptName: string): ParsedTemplate {
  if (typeof template !== "string") {
    throw new PromptTemplateError(`${promptName}: \`template\` must be a string, got ${typeof template}.`, {
      code: "invalid_template",
      promptName,
    });
  }
  const sections: TemplateSection[] = [];
  const variables: string[] = [];
  const addVariable = (name: string) => {
    if (!variables.includes(name)) variables.push(name);
  };

  let marker: keyof typeof roleOfMarker | "MESSAGES" | undefined;
  let lines: string[] = [];
  let cache: CacheHint | undefined;
  const closeSection = () => {
    const body = lines.join("\n").trim();
    const sectionCache = cache;
    lines = [];
    cache = undefined;
    if (marker === "MESSAGES") {
      const name = /^\{([^{}]*)\}$/.exec(body)?.[1];
      if (name === undefined || !namePattern.test(name)) {
        throw new PromptTemplateError(
          `${promptName}: \`MESSAGES:\` must be followed by exactly one placeholder, as in \`MESSAGES: {history}\`; found "${body}".`,
          { code: "invalid_template", promptName },
        );
      }
      addVariable(name);
      sections.push({
        kind: "messages",
        variable: name,
        ...(sectionCache === undefined ? {} : { cache: sectionCache }),
      });
      return;
    }
    if (body === "" && marker === undefined) {
      if (sectionCache !== undefined) throw misplacedCache(promptName);
      return;
    }
    const parts = parsePlaceholders(body, promptName);
    for (const part of parts) if (part.kind === "variable") addVariable(part.name);
    const role = marker === undefined ? "user" : roleOfMarker[marker];
    sections.push({ kind: "message", role, parts, ...(sectionCache === undefined ? {} : { cache: sectionCache }) });
  };

  for (const line of dedent(template).split("\n")) {
    const cacheLine = cacheLinePattern.exec(line);
    if (cacheLine !== null) {
      if (cache !== undefined) throw misplacedCache(promptName);
      cache = cacheLine[1] === undefined ? {} : { ttl: cacheLine[1] as "5m" | "1h" };
      continue;
    }
    const match = markerPattern.exec(line);
    if (match === null) {
      if (cache !== undefined && line.trim() !== "") throw misplacedCache(promptName);
      lines.push(line);
      continue;
    }
    if (marker !== undefined || lines.join("").trim() !== "") closeSection();
    else if (cache !== undefined) throw misplacedCache(promptName);
    lines = [line.slice(match[0].length)];
    marker = match[1] as typeof marker;
  }
  closeSection();
  return { sections, variables };
}

function misplacedCache(promptName: string): PromptTemplateError {
  return new PromptTemplateError(
    `${promptName}: a \`CACHE\` line marks the end of a cached prefix: put it once, after the last line of a ` +
      "section (`SYSTEM:`, `USER:`, `ASSISTANT:` or `MESSAGES:`), before the next marker.",
    { code: "invalid_template", promptName },
  );
}

function parsePlaceholders(text: string, promptName: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const next = text[index + 1];
    if ((char === "{" && next === "{") || (char === "}" && next === "}")) {
      literal += char;
      index += 2;
      continue;
    }
    if (char === "}") {
      throw new PromptTemplateError(
        `${promptName}: unmatched \`}\` at "${excerpt(text, index)}". Write \`}}\` for a literal brace.`,
        { code: "invalid_template", promptName },
      );
    }
    if (char !== "{") {
      literal += char;
      index += 1;
      continue;
    }
    const end = text.indexOf("}", index);
    const name = end === -1 ? undefined : text.slice(index + 1, end);
    if (name === undefined || !namePattern.test(name)) {
      throw new PromptTemplateError(
        `${promptName}: invalid placeholder at "${excerpt(text, index)}". A placeholder is a name in braces, ` +
          "such as `{ingredient}`; write `{{` and `}}` for literal braces.",
        { code: "invalid_template", promptName },
      );
    }
    if (literal !== "") parts.push({ kind: "text", text: literal });
    literal = "";
    parts.push({ kind: "variable", name });
    index = end + 1;
  }
  if (literal !== "") parts.push({ kind: "text", text: literal });
  return parts;
}

/** Removes the indentation common to every non-blank line. */
function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let indent = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === "") continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (indent === 0 || indent === Number.POSITIVE_INFINITY) return lines.join("\n");
  return lines.map((line) => line.slice(indent)).join("\n");
}

function excerpt(text: string, index: number): string {
  return text.slice(Math.max(0, index - 10), index + 20);
}
