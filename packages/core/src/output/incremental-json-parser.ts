/**
 * @module An incremental JSON parser: it takes the text in fragments, reads each character once,
 * and keeps the value it is building, so that a stream's total cost is linear in the length of the
 * JSON whatever the size of its fragments. At any point it gives a snapshot of the value so far:
 * a string that is still streaming as its prefix, a number or a literal only once complete, a key
 * only once its name is complete and its value has begun. Snapshots share every value already
 * complete; only the path being written is copied.
 */

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
  Colon,
  CommaOrEnd,
  ValueOrEnd,
  Failed,
}

interface ArrayFrame {
  readonly array: true;
  readonly items: unknown[];
}

interface ObjectFrame {
  readonly array: false;
  readonly entries: Record<string, unknown>;
  /** The key whose value is being read, once its name is complete. */
  key: string | undefined;
}

type Frame = ArrayFrame | ObjectFrame;

const LITERALS: Readonly<Record<string, unknown>> = { true: true, false: false, null: null };
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Parses JSON text given in fragments; see the module's description. */
export class IncrementalJsonParser {
  readonly #lenient: boolean;
  readonly #maxDepth: number;
  readonly #stack: Frame[] = [];
  #state = State.BeforeRoot;
  /** The root value, once complete. */
  #root: unknown = NOTHING;
  /** The string, number or literal being read (for a string: the text decoded so far). */
  #token = "";
  /** Whether the string being read is a key. */
  #inKey = false;
  /** The hex digits of a `\u` escape read so far. */
  #hex = "";
  #error: string | undefined;
  /** Characters consumed, for error messages. */
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
    let at = 0;
    while (at < length && this.#state !== State.Failed) {
      if (this.#state === State.String) {
        at = this.#readString(text, at);
        continue;
      }
      const code = text.charCodeAt(at);
      switch (this.#state) {
        case State.Escape:
          this.#readEscape(text[at] as string);
          break;
        case State.Unicode:
          this.#readHex(text[at] as string);
          break;
        case State.Number: {
          let end = at;
          while (end < length && isNumberChar(text.charCodeAt(end))) end += 1;
          this.#token += text.slice(at, end);
          at = end;
          // The character after a number is read again, as structure; a fragment may end inside one.
          if (at < length) this.#endNumber();
          continue;
        }
        case State.Literal:
          this.#readLiteral(text[at] as string);
          break;
        default:
          this.#readStructure(code, text, at);
      }
      at += 1;
    }
    this.#offset += length;
  }

  /**
   * The text ended: a number at the root completes; anything else still open makes the text
   * incomplete JSON ({@link error} says so).
   */
  end(): void {
    if (this.#state === State.Number && this.#stack.length === 0) this.#endNumber();
    if (this.#state === State.Failed || this.#root !== NOTHING) return;
    this.#fail(
      this.#state === State.BeforeRoot
        ? "there is no JSON value in the text"
        : "the JSON ends before its value is complete",
    );
  }

  #readString(text: string, from: number): number {
    const length = text.length;
    // The closing quote or the next escape, found natively; then the run before it is checked
    // for control characters, which JSON strings may not hold unescaped.
    let quote = text.indexOf('"', from);
    if (quote === -1) quote = length;
    let backslash = text.indexOf("\\", from);
    if (backslash === -1 || backslash > quote) backslash = length;
    const at = quote < backslash ? quote : backslash;
    for (let scan = from; scan < at; scan += 1) {
      const code = text.charCodeAt(scan);
      if (code < 0x20) {
        this.#fail(`a string holds an unescaped control character (code ${code})`);
        return length;
      }
    }
    if (at > from) {
      this.#token += text.slice(from, at);
      if (!this.#inKey) this.#touch();
    }
    if (at === length) return at;
    if (text.charCodeAt(at) === 0x5c) this.#state = State.Escape;
    else this.#endString();
    return at + 1;
  }

  #readEscape(char: string): void {
    if (char === "u") {
      this.#hex = "";
      this.#state = State.Unicode;
      return;
    }
    const decoded = ESCAPES[char];
    if (decoded === undefined) return this.#fail(`"\\${char}" is not a JSON escape`);
    this.#token += decoded;
    this.#state = State.String;
    if (!this.#inKey) this.#touch();
  }

  #readHex(char: string): void {
    if (!/[0-9a-fA-F]/.test(char)) return this.#fail(`"${char}" is not a hex digit of a \\u escape`);
    this.#hex += char;
    if (this.#hex.length < 4) return;
    this.#token += String.fromCharCode(Number.parseInt(this.#hex, 16));
    this.#state = State.String;
    if (!this.#inKey) this.#touch();
  }

  #readLiteral(char: string): void {
    this.#token += char;
    const token = this.#token;
    const word = token[0] === "t" ? "true" : token[0] === "f" ? "false" : "null";
    if (!word.startsWith(token)) return this.#fail(`"${token}" is not a JSON value`);
    if (word.length === token.length) this.#endValue(LITERALS[word]);
  }

  #readStructure(code: number, text: string, at: number): void {
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) return;
    const char = text[at] as string;
    switch (this.#state) {
      case State.BeforeRoot:
        if (code === 0x7b || code === 0x5b || !this.#lenient) return this.#beginValue(code, char);
        return; // text before the JSON, in lenient mode
      case State.AfterRoot:
        if (!this.#lenient) this.#fail(`"${char}" after the JSON value`);
        return;
      case State.Value:
        return this.#beginValue(code, char);
      case State.ValueOrEnd:
        if (code === 0x5d) return this.#close();
        return this.#beginValue(code, char);
      case State.KeyOrEnd:
        if (code === 0x7d) return this.#close();
        if (code === 0x22) return this.#beginKey();
        return this.#fail(`"${char}" where a key or "}" should be`);
      case State.Key:
        if (code === 0x22) return this.#beginKey();
        return this.#fail(`"${char}" where a key should be`);
      case State.Colon:
        if (code === 0x3a) {
          this.#state = State.Value;
          return;
        }
        return this.#fail(`"${char}" where ":" should be`);
      case State.CommaOrEnd: {
        const frame = this.#stack[this.#stack.length - 1] as Frame;
        if (code === 0x2c) this.#state = frame.array ? State.Value : State.Key;
        else if (code === (frame.array ? 0x5d : 0x7d)) this.#close();
        else this.#fail(`"${char}" where "," or "${frame.array ? "]" : "}"}" should be`);
        return;
      }
    }
  }

  #beginValue(code: number, char: string): void {
    if (code === 0x7b || code === 0x5b) {
      if (this.#stack.length >= this.#maxDepth) return this.#fail(`the JSON is nested deeper than ${this.#maxDepth}`);
      this.#stack.push(code === 0x5b ? { array: true, items: [] } : { array: false, entries: {}, key: undefined });
      this.#state = code === 0x5b ? State.ValueOrEnd : State.KeyOrEnd;
      this.#touch();
    } else if (code === 0x22) {
      this.#token = "";
      this.#inKey = false;
      this.#state = State.String;
      this.#touch();
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      this.#token = char;
      this.#state = State.Number;
    } else if (char === "t" || char === "f" || char === "n") {
      this.#token = char;
      this.#state = State.Literal;
    } else {
      this.#fail(`"${char}" where a value should be`);
    }
  }

  #beginKey(): void {
    this.#token = "";
    this.#inKey = true;
    this.#state = State.String;
  }

  #endString(): void {
    if (this.#inKey) {
      (this.#stack[this.#stack.length - 1] as ObjectFrame).key = this.#token;
      this.#inKey = false;
      this.#state = State.Colon;
      return;
    }
    this.#endValue(this.#token);
  }

  #endNumber(): void {
    if (!NUMBER.test(this.#token)) return this.#fail(`"${this.#token}" is not a JSON number`);
    this.#endValue(Number(this.#token));
  }

  /** A container closes: its value is complete, and never changes again (snapshots share it). */
  #close(): void {
    const frame = this.#stack.pop() as Frame;
    this.#endValue(frame.array ? frame.items : frame.entries);
  }

  #endValue(value: unknown): void {
    this.#token = "";
    const frame = this.#stack[this.#stack.length - 1];
    if (frame === undefined) {
      this.#root = value;
      this.#state = State.AfterRoot;
    } else if (frame.array) {
      frame.items.push(value);
      this.#state = State.CommaOrEnd;
    } else {
      setOwn(frame.entries, frame.key as string, value);
      frame.key = undefined;
      this.#state = State.CommaOrEnd;
    }
    this.#touch();
  }

  #touch(): void {
    this.#changed = true;
  }

  #fail(reason: string): void {
    this.#error = `Not valid JSON near character ${this.#offset}: ${reason}.`;
    this.#state = State.Failed;
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

function isNumberChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d || code === 0x2b || code === 0x65 || code === 0x45
  );
}

/** Sets an own property, as `JSON.parse` does even for `"__proto__"`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
