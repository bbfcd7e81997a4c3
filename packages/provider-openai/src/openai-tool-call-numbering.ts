import type { ToolCallDelta } from "@promptstream/core";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";

/** A tool-call fragment as OpenAI-compatible servers send it: some leave out `index`. */
type Fragment = Omit<ChatCompletionChunk.Choice.Delta.ToolCall, "index"> & { readonly index?: number | undefined };

/**
 * Numbers the tool-call fragments of one stream: each fragment gets the place of its call among
 * the response's calls (0, 1, ...), whatever numbering the server used. OpenAI numbers calls with
 * `index`; OpenAI-compatible servers differ, so a fragment continues a call, unless it carries an
 * `id` other than that call's (then it starts a new one):
 * - the call whose `id` it repeats (some servers send the id on every fragment);
 * - else the call of its `index` (places stay dense: a server may start at 1, or skip a number);
 * - else, without `index`, the call of the fragment before it.
 */
export class OpenAIToolCallNumbering {
  /** The place of the latest call with each `index` the server used. */
  readonly #byIndex = new Map<number, number>();
  /** The place of each call, by its id. */
  readonly #byId = new Map<string, number>();
  /** Each call's id, by place, once known. */
  readonly #ids: Array<string | undefined> = [];
  /** The place of the last fragment's call; `undefined` before the first. */
  #last: number | undefined;

  /** The neutral deltas of a chunk's fragments, in order; `undefined` for none. */
  deltasOf(fragments: readonly Fragment[] | null | undefined): ToolCallDelta[] | undefined {
    if (fragments == null || fragments.length === 0) return undefined;
    return fragments.map((fragment) => {
      const id = fragment.id || undefined;
      const name = fragment.function?.name || undefined;
      return { index: this.#placeOf(fragment.index, id), id, name, argsTextDelta: fragment.function?.arguments ?? "" };
    });
  }

  #placeOf(index: number | undefined, id: string | undefined): number {
    const known = id === undefined ? undefined : this.#byId.get(id);
    const candidate = known ?? (typeof index === "number" ? this.#byIndex.get(index) : this.#last);
    const continues = candidate !== undefined && (id === undefined || (this.#ids[candidate] ?? id) === id);
    const place = continues ? candidate : this.#ids.push(undefined) - 1;
    if (id !== undefined && this.#ids[place] === undefined) {
      this.#ids[place] = id;
      this.#byId.set(id, place);
    }
    if (typeof index === "number") this.#byIndex.set(index, place);
    this.#last = place;
    return place;
  }
}
