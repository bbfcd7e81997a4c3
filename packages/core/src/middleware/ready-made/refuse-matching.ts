import type { AdapterV1Message } from "../../adapter/v1/adapter-v1-request.js";
import { PromptRefusedError } from "../../errors/prompt-refused-error.js";
import type { Middleware, MiddlewareRequest } from "../middleware.js";

/** Options of {@link refuseMatching}. */
export interface RefuseMatchingOptions {
  /** Which messages are checked: the user's only (default), or every role's text. */
  readonly roles?: "user" | "all" | undefined;
  /** The refusal's message; default: names the pattern, never the matched text. */
  readonly message?: string | undefined;
}

/**
 * A guardrail: refuses, before sending, any request whose message text matches `pattern` (user
 * messages by default), with a `PromptRefusedError`. Each request is checked, so a tool loop's
 * later steps are too.
 *
 * @example
 * class Chat extends Prompt({ template: "USER: {question}", middleware: [refuseMatching(/\b\d{16}\b/)] }) {}
 */
export function refuseMatching(pattern: RegExp, options: RefuseMatchingOptions = {}): Middleware {
  const name = "refuseMatching";
  // A global or sticky pattern keeps state between test() calls: use a copy without those flags.
  const matcher = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  const check = (request: MiddlewareRequest) => {
    const hit = request.messages.some((message) => checked(message, options.roles) && matcher.test(message.content));
    if (hit) {
      throw new PromptRefusedError(
        options.message ?? `A message matches ${String(pattern)}: the request was not sent.`,
        {
          middleware: name,
          provider: request.call.provider,
        },
      );
    }
  };
  return {
    name,
    wrapStream: (request, next) => {
      check(request);
      return next(request);
    },
    wrapCall: (request, next) => {
      check(request);
      return next(request);
    },
  };
}

function checked(
  message: AdapterV1Message,
  roles: "user" | "all" | undefined,
): message is AdapterV1Message & {
  readonly content: string;
} {
  return typeof message.content === "string" && (roles === "all" || message.role === "user");
}
