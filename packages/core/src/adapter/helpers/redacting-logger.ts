import { redactSecrets } from "./redact-secrets.js";

/** A logger as the vendor SDKs take it (`openai`, `@anthropic-ai/sdk`: `logger` option). */
export interface SdkLogger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

/**
 * Wraps a vendor SDK's logger so that nothing it logs holds the API key: the SDKs mask the
 * `authorization` header, but log error bodies and malformed chunks as received, and some
 * servers echo the key there. `secrets` is read at each log call, so a client can pass a
 * function reading its own key.
 */
export function redactingLogger(logger: SdkLogger, secrets: () => ReadonlyArray<string | null | undefined>): SdkLogger {
  const wrap =
    (level: keyof SdkLogger) =>
    (message: string, ...rest: unknown[]): void => {
      const keys = secrets();
      logger[level](redactValue(message, keys, 0) as string, ...rest.map((value) => redactValue(value, keys, 0)));
    };
  return { error: wrap("error"), warn: wrap("warn"), info: wrap("info"), debug: wrap("debug") };
}

const MAX_DEPTH = 10;

function redactText(text: string, keys: ReadonlyArray<string | null | undefined>): string {
  let result = text;
  for (const key of keys) result = redactSecrets(result, key);
  return keys.length === 0 ? redactSecrets(result) : result;
}

/** A copy of `value` with every string redacted: plain objects, arrays, `Headers` and errors are walked. */
function redactValue(value: unknown, keys: ReadonlyArray<string | null | undefined>, depth: number): unknown {
  if (typeof value === "string") return redactText(value, keys);
  if (typeof value !== "object" || value === null || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, keys, depth + 1));
  if (typeof Headers !== "undefined" && value instanceof Headers) {
    return Object.fromEntries([...value.entries()].map(([name, text]) => [name, redactText(text, keys)]));
  }
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message, keys));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack, keys);
    return copy;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactValue(item, keys, depth + 1)]));
}
