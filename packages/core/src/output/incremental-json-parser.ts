/**
 * @module An incremental JSON parser: it takes the text in fragments, reads each character once,
 * and keeps the value it is building, so that a stream's total cost is linear in the length of the
 * JSON whatever the size of its fragments. At any point it gives a snapshot of the value so far:
 * a string that is still streaming as its prefix, a number or a literal only once complete, a key
 * only once its name is complete and its value has begun. Snapshots share every value already
 * complete; only the path being written is copied.
 *
 * A model streams a few characters at a time, so the cost per fragment is kept small: `push` is one
 * loop with its state in locals; a token within a fragment is sliced from it whole; a number is read
 * in one pass; and a key is compared with the one at the same place in the last object at the same
 * depth, so that the keys of an array of like objects are neither sliced nor looked up again.
 */

import { isNumberChar, numberValue, setOwn } from "./json-scalars.js";

/** What a {@link IncrementalJsonParser} takes. */
export interface IncrementalJsonOptions {
  /**
   * Skip any text before the first `{` or `[`, and ignore any after the value (a model that wraps
   * its JSON in a code fence or a sentence). Off (strict): only whitespace may surround the value.
   */
  readonly lenient?: boolean | undefined;
  /** The deepest nesting accepted. Default 256. */
  readonly maxDepth?: number | undefined;
}

/** Nothing visible yet (no value has begun, or only one whose first token is still incomplete). */
export const NOTHING: unique symbol = Symbol("promptstream.nothing");

enum State {
  BeforeRoot,
  AfterRoot,
  Value,
  String,
  Escape,
  Unicode,
  Number,
  Literal,
  KeyOrEnd,
  Key,
  /** A key, compared with the one guessed (see {@link IncrementalJsonParser.#beginKey}). */
  KeyGuess,
  Colon,
  CommaOrEnd,
  ValueOrEnd,
  Failed,
}

interface ArrayFrame {
  readonly array: true;
  readonly items: unknown[];
}

/** `key`: the key whose value is being read, once its name is complete; `keys`: how many were read. */
interface ObjectFrame {
  readonly array: false;
  readonly entries: Record<string, unknown>;
  key: string | undefined;
  keys: number;
}

type Frame = ArrayFrame | ObjectFrame;

/** The characters that may follow `\` (besides `u`), and what each stands for. */
const ESCAPED = '"\\/bfnrt';
const UNESCAPED = '"\\/\b\f\n\r\t';

/** Parses JSON text given in fragments; see the module's description. */
export class IncrementalJsonParser {
  readonly #lenient: boolean;
  readonly #maxDepth: number;
  readonly #stack: Frame[] = [];
  #state = State.BeforeRoot;
  /** The root value, once complete. */
  #root: unknown = NOTHING;
  /** The string or number being read (for a string: the text decoded so far). */
  #token = "";
  /** Whether the string being read is a key; and, for a key, whether it has no escape (it reads the same raw). */
  #inKey = false;
  #plainKey = true;
  /** Per depth, the keys of the last object read there, in order: the guesses for the next one's. */
  readonly #guesses: string[][] = [];
  /** The key guessed, or the literal being read (`true`, `false` or `null`), and how many of its characters matched. */
  #guess = "";
  #guessRead = 0;
  /** The hex digits of a `\u` escape read so far, after a leading 1 (so that 4 digits make it 0x1xxxx). */
  #hex = 1;
  #error: string | undefined;
  /** Characters consumed before the current fragment, for error messages. */
  #offset = 0;
  #changed = false;
  #snapshot: unknown = NOTHING;

  constructor(options: IncrementalJsonOptions = {}) {
    this.#lenient = options.lenient === true;
    this.#maxDepth = options.maxDepth ?? 256;
  }

  /** Why the text is not JSON, once it turned out not to be; `undefined` while it still may be. */
  get error(): string | undefined {
    return this.#error;
  }

  /** Whether a whole value has been read. */
  get complete(): boolean {
    return this.#root !== NOTHING;
  }

  /** The whole value, once {@link complete}; else {@link NOTHING}. */
  get value(): unknown {
    return this.#root;
  }

  /** Whether the visible value changed since the last {@link snapshot}. */
  get changed(): boolean {
    return this.#changed;
  }

  /**
   * The value so far ({@link NOTHING} before anything is visible). Values already complete are
   * shared between snapshots; the containers still being written are fresh copies.
   */
  snapshot(): unknown {
    if (!this.#changed) return this.#snapshot;
    this.#changed = false;
    this.#snapshot = this.#root !== NOTHING ? this.#root : this.#partial();
    return this.#snapshot;
  }

  /** Reads a fragment of the text. After an error the rest is ignored (see {@link error}). */
  push(text: string): void {
    const length = text.length;
    let state = this.#state;
    let at = 0;
    while (at < length && state !== State.Failed) {
      let code = text.charCodeAt(at);
      switch (state) {
        case State.String: {
          // The run up to the closing quote or the next escape: JSON strings hold no unescaped control character.
          let end = at;
          while (code !== 0x22 && code !== 0x5c && code >= 0x20 && ++end < length) code = text.charCodeAt(end);
          if (end < length && code < 0x20) {
            state = this.#fail(`a string holds an unescaped control character (code ${code})`);
            break;
          }
          const whole = this.#token === "";
          if (end > at) {
            this.#token += text.slice(at, end);
            if (!this.#inKey) this.#changed = true;
          }
          at = end + 1;
          if (end < length) state = code === 0x22 ? this.#endString(whole) : State.Escape;
          break;
        }
        case State.KeyGuess:
          at = this.#match(text, at);
          if (at === length) break;
          if (this.#guessRead === this.#guess.length && text.charCodeAt(at) === 0x22) {
            at += 1;
            state = this.#endKey(this.#guess);
          } else {
            // Another key: read as any string, from the part that matched.
            this.#token = this.#guess.slice(0, this.#guessRead);
            state = State.String;
          }
          break;
        case State.Number: {
          let end = at;
          while (end < length && isNumberChar(code)) code = text.charCodeAt(++end);
          if (end === length) this.#token += text.slice(at, end);
          else if (this.#token === "") state = this.#endNumber(text, at, end);
          else state = this.#endNumber(this.#token + text.slice(at, end), 0, this.#token.length + end - at);
          // The character after a number is read again, as structure; a fragment may end inside one.
          at = end;
          break;
        }
        case State.Literal: {
          at = this.#match(text, at);
          const word = this.#guess;
          if (this.#guessRead === word.length)
            state = this.#endValue(word === "true" ? true : word === "false" ? false : null);
          else if (at < length)
            state = this.#fail(`"${word.slice(0, this.#guessRead)}${text[at]}" is not a JSON value`);
          break;
        }
        case State.Escape:
        case State.Unicode:
          state = this.#readEscape(state, code, text[at] as string);
          at += 1;
          break;
        default:
          // Structure, after any whitespace. A number's first character is not consumed here: the number is read from it.
          while (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) {
            if (++at === length) break;
            code = text.charCodeAt(at);
          }
          if (at === length) break;
          state = this.#readStructure(state, code, text, at);
          if (state !== State.Number) at += 1;
      }
    }
    this.#state = state;
    this.#offset += length;
  }

  /** The text ended: a number at the root completes; anything else open makes it incomplete ({@link error}). */
  end(): void {
    if (this.#state === State.Number && this.#stack.length === 0) {
      this.#state = this.#endNumber(this.#token, 0, this.#token.length);
    }
    if (this.#state === State.Failed || this.#root !== NOTHING) return;
    const before = this.#state === State.BeforeRoot;
    this.#fail(before ? "there is no JSON value in the text" : "the JSON ends before its value is complete");
  }

  /** Compares the text from `at` with the rest of the guess: returns where they differ, or where either ends. */
  #match(text: string, at: number): number {
    const guess = this.#guess;
    let read = this.#guessRead;
    while (at < text.length && read < guess.length && text.charCodeAt(at) === guess.charCodeAt(read)) {
      at += 1;
      read += 1;
    }
    this.#guessRead = read;
    return at;
  }

  /** A character of an escape (after `\`, or a hex digit after `\u`): returns the next state. */
  #readEscape(state: State, code: number, char: string): State {
    if (state === State.Escape && code === 0x75) {
      this.#hex = 1;
      return State.Unicode;
    }
    let decoded = UNESCAPED[ESCAPED.indexOf(char)];
    if (state === State.Unicode) {
      const digit = Number.parseInt(char, 16);
      if (Number.isNaN(digit)) return this.#fail(`"${char}" is not a hex digit of a \\u escape`);
      this.#hex = this.#hex * 16 + digit;
      if (this.#hex < 0x10000) return State.Unicode;
      decoded = String.fromCharCode(this.#hex - 0x10000);
    } else if (decoded === undefined) return this.#fail(`"\\${char}" is not a JSON escape`);
    this.#token += decoded;
    // A key with an escape reads otherwise raw: it is not kept as a guess.
    if (this.#inKey) this.#plainKey = false;
    else this.#changed = true;
    return State.String;
  }

  /** A character that is not whitespace, between tokens: returns the next state. */
  #readStructure(state: State, code: number, text: string, at: number): State {
    switch (state) {
      case State.CommaOrEnd: {
        const frame = this.#stack[this.#stack.length - 1] as Frame;
        if (code === 0x2c) return frame.array ? State.Value : State.Key;
        if (code === (frame.array ? 0x5d : 0x7d)) return this.#close();
        return this.#fail(`"${text[at]}" where "," or "${frame.array ? "]" : "}"}" should be`);
      }
      case State.Colon:
        return code === 0x3a ? State.Value : this.#fail(`"${text[at]}" where ":" should be`);
      case State.KeyOrEnd:
      case State.Key:
        if (code === 0x22) return this.#beginKey();
        if (state === State.Key) return this.#fail(`"${text[at]}" where a key should be`);
        return code === 0x7d ? this.#close() : this.#fail(`"${text[at]}" where a key or "}" should be`);
      case State.ValueOrEnd:
        return code === 0x5d ? this.#close() : this.#beginValue(code, text, at);
      case State.BeforeRoot:
        // In lenient mode, text before the JSON is skipped.
        if (code === 0x7b || code === 0x5b || !this.#lenient) return this.#beginValue(code, text, at);
        return state;
      case State.AfterRoot:
        return this.#lenient ? state : this.#fail(`"${text[at]}" after the JSON value`);
      default:
        return this.#beginValue(code, text, at);
    }
  }

  #beginValue(code: number, text: string, at: number): State {
    if (code === 0x22) {
      this.#token = "";
      this.#inKey = false;
      this.#changed = true;
      return State.String;
    }
    if (code === 0x7b || code === 0x5b) {
      if (this.#stack.length >= this.#maxDepth) return this.#fail(`the JSON is nested deeper than ${this.#maxDepth}`);
      this.#stack.push(
        code === 0x5b ? { array: true, items: [] } : { array: false, entries: {}, key: undefined, keys: 0 },
      );
      this.#changed = true;
      return code === 0x5b ? State.ValueOrEnd : State.KeyOrEnd;
    }
    if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      this.#token = "";
      return State.Number;
    }
    const word = code === 0x74 ? "true" : code === 0x66 ? "false" : code === 0x6e ? "null" : undefined;
    if (word === undefined) return this.#fail(`"${text[at]}" where a value should be`);
    this.#guess = word;
    this.#guessRead = 1;
    return State.Literal;
  }

  /** A key begins: guessed as the key at the same place in the last object at the same depth (like items). */
  #beginKey(): State {
    this.#token = "";
    this.#inKey = true;
    this.#plainKey = true;
    const frame = this.#stack[this.#stack.length - 1] as ObjectFrame;
    const guess = this.#guesses[this.#stack.length]?.[frame.keys];
    if (guess === undefined) return State.String;
    this.#guess = guess;
    this.#guessRead = 0;
    return State.KeyGuess;
  }

  #endKey(key: string): State {
    const frame = this.#stack[this.#stack.length - 1] as ObjectFrame;
    if (this.#plainKey) {
      this.#guesses[this.#stack.length] ??= [];
      (this.#guesses[this.#stack.length] as string[])[frame.keys] = key;
    }
    frame.keys += 1;
    frame.key = key;
    this.#token = "";
    this.#inKey = false;
    return State.Colon;
  }

  /** `whole`: the string came in one piece; else it is made flat (one copy, rather than a tree of pieces). */
  #endString(whole: boolean): State {
    const token = this.#token;
    if (this.#inKey) return this.#endKey(token);
    if (!whole) token.charCodeAt(0);
    return this.#endValue(token);
  }

  #endNumber(text: string, from: number, to: number): State {
    const value = numberValue(text, from, to);
    return !Number.isNaN(value) ? this.#endValue(value) : this.#fail(`"${text.slice(from, to)}" is not a JSON number`);
  }

  /** A container closes: its value is complete, and never changes again (snapshots share it). */
  #close(): State {
    const frame = this.#stack.pop() as Frame;
    return this.#endValue(frame.array ? frame.items.slice() : frame.entries);
  }

  #endValue(value: unknown): State {
    this.#token = "";
    this.#changed = true;
    const frame = this.#stack[this.#stack.length - 1];
    if (frame === undefined) {
      this.#root = value;
      return State.AfterRoot;
    }
    if (frame.array) frame.items.push(value);
    else {
      setOwn(frame.entries, frame.key as string, value);
      frame.key = undefined;
    }
    return State.CommaOrEnd;
  }

  #fail(reason: string): State {
    this.#error = `Not valid JSON near character ${this.#offset}: ${reason}.`;
    this.#state = State.Failed;
    return State.Failed;
  }

  /** The value so far, built from the innermost open value out: only the open path is copied. */
  #partial(): unknown {
    let child: unknown = this.#visibleToken();
    for (let depth = this.#stack.length - 1; depth >= 0; depth -= 1) {
      const frame = this.#stack[depth] as Frame;
      if (frame.array) {
        const items = frame.items.slice();
        if (child !== NOTHING) items.push(child);
        child = items;
      } else {
        const entries = { ...frame.entries };
        if (child !== NOTHING && frame.key !== undefined) setOwn(entries, frame.key, child);
        child = entries;
      }
    }
    return child;
  }

  /** A string value still being read, as its prefix; nothing for a key, a number or a literal. */
  #visibleToken(): unknown {
    const inString = this.#state === State.String || this.#state === State.Escape || this.#state === State.Unicode;
    if (!inString || this.#inKey) return NOTHING;
    const last = this.#token.charCodeAt(this.#token.length - 1);
    // A high surrogate whose pair has not arrived yet would be a torn character: leave it out.
    return last >= 0xd800 && last <= 0xdbff ? this.#token.slice(0, -1) : this.#token;
  }
}
