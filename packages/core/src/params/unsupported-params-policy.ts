/**
 * @module What to do with a neutral call param the chosen provider cannot honour: refuse it
 * (the default), or drop it, with or without a warning, so that a prompt shared across providers
 * can keep, say, `temperature` for the ones that take it.
 */
import { CallParamsError } from "../errors/call-params-error.js";

/**
 * `"error"` (default): `stream()` and `call()` throw a `CallParamsError` (`unsupported_param`)
 * before sending. `"warn"`: the param is dropped from the request, with one warning per prompt
 * class and param through the `logger`. `"drop"`: dropped without a word.
 */
export type UnsupportedParamsPolicy = "error" | "warn" | "drop";

/** Where promptstream's warnings go. `console` by default. */
export interface PromptstreamLogger {
  warn(message: string): void;
}

/** Options that decide how call params the provider cannot honour are handled. */
export interface ParamPolicyOptions {
  /** What to do with a neutral param the provider cannot honour (see {@link UnsupportedParamsPolicy}). Default `"error"`. */
  readonly unsupportedParams?: UnsupportedParamsPolicy | undefined;
  /** Receives promptstream's warnings (e.g. a param dropped under `unsupportedParams: "warn"`). Default `console`. */
  readonly logger?: PromptstreamLogger | undefined;
}

/**
 * Runs the adapter's `validateParams` under the policy: returns the params to send, without the
 * ones the adapter refused as unsupported when the policy drops them. Invalid values (a negative
 * `maxTokens`) always throw, whatever the policy.
 */
export function applyUnsupportedParamsPolicy<TParams extends object>(
  params: TParams,
  validate: ((params: TParams) => void) | undefined,
  policy: UnsupportedParamsPolicy,
  warn: (error: CallParamsError) => void,
): TParams {
  if (validate === undefined) return params;
  let current = params;
  // Each pass drops the param the adapter refused; a param refused again cannot be dropped.
  for (;;) {
    try {
      validate(current);
      return current;
    } catch (error) {
      if (policy === "error" || !isDroppable(error, current)) throw error;
      if (policy === "warn") warn(error);
      const { [error.param]: _dropped, ...rest } = current as Record<string, unknown>;
      current = rest as TParams;
    }
  }
}

function isDroppable(error: unknown, params: object): error is CallParamsError {
  return (
    error instanceof CallParamsError &&
    error.code === "unsupported_param" &&
    Object.hasOwn(params, error.param) &&
    (params as Record<string, unknown>)[error.param] !== undefined
  );
}

/** The one warning a dropped param gets, naming it and the way to refuse it instead. */
export function droppedParamWarning(error: CallParamsError, promptName: string): string {
  return (
    `[promptstream] ${promptName}: dropped \`${error.param}\` from the request (unsupportedParams: "warn"). ` +
    `${error.message} Set unsupportedParams: "error" to refuse it instead, or "drop" to drop it silently.`
  );
}
