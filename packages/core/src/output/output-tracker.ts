/**
 * @module One answer's structured output: the JSON text is parsed as it streams (each fragment
 * once), snapshots are taken when a reader asks, and the whole value is validated at the end.
 */
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { OutputMode } from "../adapter/v1/output-spec.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { OutputValidationError, type OutputValidationErrorCode } from "../errors/output-validation-error.js";
import type { StandardSchemaV1 } from "../prompt/standard-schema.js";
import { IncrementalJsonParser, NOTHING } from "./incremental-json-parser.js";
import { type OutputCheck, type PreparedOutput, WRAPPER_KEY } from "./prepare-output.js";

/** The fields a prompt with an `output` adds to its responses. */
export interface OutputResponseFields<TObject> {
  /** The answer, parsed and validated by the `output` schema. */
  readonly object: TObject;
  /** How the structured output was asked for. */
  readonly outputMode: OutputMode;
}

/** Nothing visible yet, for a reader of snapshots. */
export { NOTHING };

/** Tracks the structured output of one stream (or of each step of a loop, in turn). */
export class OutputTracker {
  readonly #output: PreparedOutput;
  readonly #mode: OutputMode;
  readonly #provider: string;
  readonly #loopStep: boolean;
  #parser: IncrementalJsonParser;
  /** The last snapshot handed out, unwrapped and restored. */
  #snapshot: unknown = NOTHING;

  /** @param loopStep - the stream is one step of a tool loop: a step that called tools has no object yet. */
  constructor(output: PreparedOutput, mode: OutputMode, provider: string, loopStep = false) {
    this.#output = output;
    this.#mode = mode;
    this.#provider = provider;
    this.#loopStep = loopStep;
    this.#parser = this.#newParser();
  }

  get output(): PreparedOutput {
    return this.#output;
  }

  /** Takes a chunk's text. A new step of a loop starts a new answer. */
  onChunk(chunk: ResponseChunk): void {
    if (chunk.content !== "") this.#parser.push(chunk.content);
    else if ((chunk as { readonly kind?: string }).kind === "step-start") this.#reset();
  }

  /** The answer so far ({@link NOTHING} before anything is visible); see `partialObjects`. */
  snapshot(): unknown {
    if (!this.#parser.changed) return this.#snapshot;
    const next = this.#visible(this.#parser.snapshot());
    // A change a reader cannot see (a string's closing quote, the `null` of an optional field
    // left out) keeps the snapshot before: `partialObjects` gives a new one only when it differs.
    if (!sameValue(next, this.#snapshot)) this.#snapshot = next;
    return this.#snapshot;
  }

  /** What a failure keeps: the answer so far, or `undefined`. */
  partial(): unknown {
    const snapshot = this.snapshot();
    return snapshot === NOTHING ? undefined : snapshot;
  }

  /** The parsed value is complete: its whole JSON has been read. */
  get complete(): boolean {
    return this.#parser.complete;
  }

  /**
   * The response with its object, once the answer ended; rejects (or throws) with an
   * `OutputValidationError` when the answer is not the object asked for. A response that already
   * has its object (a loop validated its last step) is returned as it is.
   */
  finish<TResponse extends CallResponse>(
    response: TResponse,
  ): (TResponse & OutputResponseFields<unknown>) | Promise<TResponse & OutputResponseFields<unknown>> {
    if ("object" in response) return response as TResponse & OutputResponseFields<unknown>;
    // A tool loop's step that called tools is not the answer yet: the loop goes on (or ends without an object).
    const calls = (response as { readonly toolCalls?: readonly unknown[] }).toolCalls;
    if (this.#loopStep && calls !== undefined && calls.length > 0)
      return response as TResponse & OutputResponseFields<unknown>;
    const parser = this.#parser;
    // The answer so far, before the end of an incomplete answer fails the parser (a failed parser
    // shows no value still being written): partialObjects' last snapshot, a failure's partial object.
    if (!parser.complete) this.snapshot();
    parser.end();
    const { finishReason } = response;
    const fail = (
      code: OutputValidationErrorCode,
      detail: string,
      value?: unknown,
      issues: readonly StandardSchemaV1.Issue[] = [],
    ) =>
      new OutputValidationError(`The ${this.#provider} answer is not the structured output asked for: ${detail}`, {
        code,
        provider: this.#provider,
        text: response.content,
        value,
        issues,
        finishReason,
        response,
      });
    if (finishReason === "refusal") {
      // Where the provider sends the refusal apart from the text (OpenAI's `refusal`), it is quoted from there.
      const refusal = (response as { readonly refusal?: unknown }).refusal;
      throw fail(
        "refusal",
        `the model refused: ${quote(typeof refusal === "string" && refusal !== "" ? refusal : response.content)}`,
      );
    }
    if (parser.error !== undefined || !parser.complete) {
      if (finishReason === "length")
        throw fail("length", "it was cut off by the token limit before the JSON ended; raise `maxTokens`.");
      if (finishReason === "content_filter") throw fail("content_filter", "the provider filtered it.");
      if (finishReason === "tool_calls") {
        throw fail("not_json", "the model called tools instead of answering; let the tool loop run them (`maxSteps`).");
      }
      const problem = (parser.error ?? "the JSON is incomplete").replace(/\.$/, "");
      throw fail("not_json", `${problem}. The text: ${quote(response.content)}`);
    }
    const value = this.#visible(parser.value);
    const settle = (check: OutputCheck) => {
      if (check.issues !== undefined) {
        const list = check.issues.map((issue) => `${pathOf(issue)}${issue.message}`).join("; ");
        throw fail("schema_mismatch", `the schema refused it: ${list}`, value, check.issues);
      }
      return { ...response, object: check.value, outputMode: this.#mode };
    };
    const check = this.#output.validate(value);
    return check instanceof Promise ? check.then(settle) : settle(check);
  }

  /** A whole response's object (from `call()`): its text is parsed at once, then as {@link finish}. */
  finishText<TResponse extends CallResponse>(response: TResponse): Promise<TResponse & OutputResponseFields<unknown>> {
    this.#reset();
    this.#parser.push(response.content);
    return Promise.resolve().then(() => this.finish(response));
  }

  #visible(value: unknown): unknown {
    if (value === NOTHING) return NOTHING;
    const restored = this.#mode === "json_schema" ? (this.#output.strict.restore?.(value) ?? value) : value;
    if (!this.#output.wrapped) return restored;
    if (typeof restored !== "object" || restored === null || !(WRAPPER_KEY in restored)) return NOTHING;
    return (restored as Readonly<Record<string, unknown>>)[WRAPPER_KEY];
  }

  #reset(): void {
    this.#parser = this.#newParser();
    this.#snapshot = NOTHING;
  }

  #newParser(): IncrementalJsonParser {
    // Only in `json` mode may the model wrap its JSON in a sentence or a code fence.
    return new IncrementalJsonParser({ lenient: this.#mode === "json" });
  }
}

/**
 * Whether two snapshots hold the same value. Parts that did not change are the same objects in
 * both (snapshots are structurally shared), so this walks only what was copied: the path being written.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Readonly<Record<string, unknown>>;
  const right = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]));
}

function pathOf(issue: StandardSchemaV1.Issue): string {
  const path = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment));
  return path.length === 0 ? "" : `at ${path.join(".")}: `;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text);
}
