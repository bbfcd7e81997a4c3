import type { FunctionCall, PartialArg } from "@google/genai";
import type { ToolCallDelta } from "@promptstream/core";
import { generateCallId } from "./google-call-ids.js";

/** A call whose arguments are still streaming as `partialArgs`. */
interface OpenCall {
  readonly index: number;
  readonly id: string;
  readonly args: Record<string, unknown>;
  /** Whether any argument arrived: a call with none reports `""` as its arguments, as core expects. */
  hasArgs: boolean;
  /** The path whose string value is still being written (its last piece had `willContinue`). */
  openString: string | undefined;
}

/**
 * Turns the `functionCall` parts of a stream into core's {@link ToolCallDelta}s. Gemini sends a
 * call in one of two ways:
 * - whole, in one part (`name` and `args`, or `name` alone for a call without arguments): one
 *   complete delta (`done: true`);
 * - streamed (Gemini 3 with `streamFunctionCallArguments`): a part with `name` and
 *   `willContinue: true`, then parts of `partialArgs` (each a value at a JSON path, strings in
 *   pieces), then a part without `willContinue`. The call's start is reported at once; its
 *   arguments are assembled here and reported as one JSON text when the call is complete, since a
 *   path-addressed value cannot be turned into a stream of JSON text in order.
 *
 * Calls without an id (the Gemini API sends none) get a generated one. A part's
 * `thoughtSignature` is handed to `onSignature` with the id of the call it belongs to.
 */
export class GoogleFunctionCalls {
  #count = 0;
  #open: OpenCall | undefined;
  readonly #onSignature: (callId: string, signature: string | undefined) => void;

  constructor(onSignature: (callId: string, signature: string | undefined) => void) {
    this.#onSignature = onSignature;
  }

  /** Whether the stream has had a function call: Gemini's `STOP` then means `tool_calls`. */
  get any(): boolean {
    return this.#count > 0;
  }

  /** The deltas one `functionCall` part gives. */
  add(call: FunctionCall, thoughtSignature: string | undefined): ToolCallDelta[] {
    const deltas: ToolCallDelta[] = [];
    if (call.name !== undefined) {
      // A new call while another is open: the open one ended without its closing part.
      if (this.#open !== undefined) deltas.push(this.#close(this.#open));
      const index = this.#count++;
      const id = call.id ?? generateCallId();
      this.#onSignature(id, thoughtSignature);
      const open: OpenCall = {
        index,
        id,
        args: { ...call.args },
        hasArgs: call.args !== undefined,
        openString: undefined,
      };
      this.#apply(open, call.partialArgs);
      if (call.willContinue === true) {
        this.#open = open;
        deltas.push({ index, id, name: call.name, argsTextDelta: "" });
      } else {
        deltas.push({ index, id, name: call.name, argsTextDelta: argsTextOf(open), done: true });
      }
      return deltas;
    }
    const open = this.#open;
    // A continuation with no call open (never seen in recordings): nothing to add it to.
    if (open === undefined) return deltas;
    if (thoughtSignature !== undefined) this.#onSignature(open.id, thoughtSignature);
    this.#apply(open, call.partialArgs);
    if (call.willContinue !== true) deltas.push(this.#close(open));
    return deltas;
  }

  #close(open: OpenCall): ToolCallDelta {
    this.#open = undefined;
    return { index: open.index, argsTextDelta: argsTextOf(open), done: true };
  }

  #apply(open: OpenCall, partialArgs: readonly PartialArg[] | undefined): void {
    for (const arg of partialArgs ?? []) {
      const path = arg.jsonPath;
      if (path === undefined) continue;
      open.hasArgs = true;
      if (arg.stringValue !== undefined) {
        const previous = open.openString === path ? readPath(open.args, path) : undefined;
        writePath(open.args, path, typeof previous === "string" ? previous + arg.stringValue : arg.stringValue);
        open.openString = arg.willContinue === true ? path : undefined;
        continue;
      }
      open.openString = undefined;
      if (arg.numberValue !== undefined) writePath(open.args, path, arg.numberValue);
      else if (arg.boolValue !== undefined) writePath(open.args, path, arg.boolValue);
      else if (arg.nullValue !== undefined) writePath(open.args, path, null);
    }
  }
}

function argsTextOf(open: OpenCall): string {
  return open.hasArgs ? JSON.stringify(open.args) : "";
}

/** The keys of a JSON path such as `$.location`, `$.stops[2].name` or `$['a b']`. */
function parseJsonPath(path: string): Array<string | number> {
  const keys: Array<string | number> = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/gy;
  pattern.lastIndex = path.startsWith("$") ? 1 : 0;
  for (let match = pattern.exec(path); match !== null; match = pattern.exec(path)) {
    const [, name, index, single, double] = match;
    keys.push(index !== undefined ? Number(index) : ((name ?? single ?? double) as string));
    if (pattern.lastIndex === path.length) break;
  }
  return keys;
}

function readPath(root: Record<string, unknown>, path: string): unknown {
  let node: unknown = root;
  for (const key of parseJsonPath(path)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function writePath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = parseJsonPath(path);
  if (keys.length === 0) return;
  let node = root as Record<string | number, unknown>;
  keys.forEach((key, at) => {
    if (at === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = keys[at + 1];
    if (typeof node[key] !== "object" || node[key] === null) node[key] = typeof next === "number" ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
}
