/**
 * @module Assembles the tool-call fragments of a stream into calls. Each call keeps its argument
 * pieces in an array and joins them once, when it completes: assembling is linear in the length
 * of the arguments, however many fragments they come in.
 */
import type { RawToolCall } from "../adapter/v1/raw-tool-call.js";
import type { ToolCallDelta } from "../adapter/v1/tool-call-delta.js";
import { IncrementalJsonParser, NOTHING } from "../output/incremental-json-parser.js";

/** A tool call cut off before it completed, or one that did: what a failed stream had of it. */
export interface PartialToolCall extends RawToolCall {
  /** Whether the call was complete when the stream failed. */
  readonly complete: boolean;
  /**
   * The arguments parsed so far, by the same incremental parser as structured output: a string
   * cut off appears as its prefix, a number or a key only once complete; `undefined` when nothing
   * of them could be read yet. Not validated: the tool's schema applies to complete calls only.
   */
  readonly partialArgs: unknown;
}

/** A call the collector completed, with its place among the stream's calls (calls may complete out of order). */
export interface CompletedToolCall extends RawToolCall {
  readonly index: number;
}

interface OpenCall {
  id: string | undefined;
  name: string | undefined;
  readonly pieces: string[];
  /** The joined arguments, once the call completed. */
  argsText: string | undefined;
}

/** Collects one stream's tool calls, and says which ones a chunk completed. */
export class ToolCallCollector {
  readonly #calls: OpenCall[] = [];

  /**
   * Adds a chunk's fragments; returns the calls they completed, in order (most chunks: none).
   * A call completes when the provider marks it `done`, or when a later call starts and its
   * arguments parse as JSON (OpenAI, which has no mark); the rest complete at {@link finish}.
   */
  add(deltas: readonly ToolCallDelta[]): CompletedToolCall[] | undefined {
    const completed: CompletedToolCall[] = [];
    for (const delta of deltas) {
      // A new call starting: earlier ones whose arguments are whole JSON are done. Checked once
      // per call, not per fragment, so that servers which interleave calls cost no re-joining.
      if (delta.index >= this.#calls.length && delta.index > 0) this.#completeBefore(delta.index, completed);
      const call = this.#callAt(delta.index);
      if (call.argsText !== undefined) continue; // a stray fragment of a call already complete
      if (delta.id !== undefined && delta.id !== "") call.id ??= delta.id;
      if (delta.name !== undefined && delta.name !== "") call.name ??= delta.name;
      if (delta.argsTextDelta !== "") call.pieces.push(delta.argsTextDelta);
      if (delta.done === true) completed.push(this.#complete(call, delta.index));
    }
    return completed.length === 0 ? undefined : completed;
  }

  /** Completes every call still open: the stream ended. */
  finish(): CompletedToolCall[] {
    const completed: CompletedToolCall[] = [];
    this.#calls.forEach((call, index) => {
      if (call.argsText === undefined) completed.push(this.#complete(call, index));
    });
    return completed;
  }

  /** Every call so far, complete or not, in order. */
  calls(): PartialToolCall[] {
    return this.#calls.map((call, index) => {
      const argsText = call.argsText ?? call.pieces.join("");
      return {
        ...toRaw(call, index, argsText),
        complete: call.argsText !== undefined,
        partialArgs: partialArgsOf(argsText),
      };
    });
  }

  #callAt(index: number): OpenCall {
    for (let next = this.#calls.length; next <= index; next += 1) {
      this.#calls.push({ id: undefined, name: undefined, pieces: [], argsText: undefined });
    }
    return this.#calls[index] as OpenCall;
  }

  /** Completes the calls before `index` whose arguments parse as JSON. */
  #completeBefore(index: number, completed: CompletedToolCall[]): void {
    for (let earlier = 0; earlier < index; earlier += 1) {
      const call = this.#calls[earlier];
      if (call === undefined || call.argsText !== undefined || call.pieces.length === 0) continue;
      if (parsesAsJson(call.pieces)) completed.push(this.#complete(call, earlier));
    }
  }

  #complete(call: OpenCall, index: number): CompletedToolCall {
    call.argsText = call.pieces.join("");
    call.pieces.length = 0;
    return { ...toRaw(call, index, call.argsText), index };
  }
}

function toRaw(call: OpenCall, index: number, argsText: string): RawToolCall {
  // A server that sends no id still gets one, so that a result can answer the call.
  return { id: call.id ?? `call_${index}`, name: call.name ?? "", argsText };
}

function parsesAsJson(pieces: readonly string[]): boolean {
  try {
    JSON.parse(pieces.join(""));
    return true;
  } catch {
    return false;
  }
}

/** The arguments readable in a call's text so far (asked for when a stream failed, so parsed once then). */
function partialArgsOf(argsText: string): unknown {
  const parser = new IncrementalJsonParser();
  parser.push(argsText);
  const snapshot = parser.snapshot();
  return snapshot === NOTHING ? undefined : snapshot;
}
