/**
 * How the template property tests (template.*.property.test.ts) render a template, write the text
 * they expect, and escape or spot template syntax. Only those tests import this module.
 */
import type { Message } from "../index.js";
import { MemoryPrompt } from "../test-support.js";

/** Builds a prompt class named `ArbitraryPrompt` from a template, and renders it with `variables`. */
export function render(template: string, variables: unknown): Message[] {
  const Defined = class ArbitraryPrompt extends MemoryPrompt({ template }) {};
  return new Defined(variables as never).messages();
}

/** How a value is written into a message: arrays joined with newlines. */
export function asText(value: string | readonly string[]): string {
  return typeof value === "string" ? value : value.join("\n");
}

export const escapeBraces = (text: string) => text.replace(/[{}]/g, (brace) => brace + brace);

/** A line the template syntax reads as a role marker (README: lines starting `SYSTEM:` ...). */
export const markerLine = /^[ \t]*(?:SYSTEM|USER|ASSISTANT|MESSAGES):/;
export const hasMarkerLine = (text: string) => text.split(/\r\n|\r|\n/).some((line) => markerLine.test(line));
