import type { Middleware } from "./middleware.js";

interface Registration {
  readonly middleware: Middleware;
  readonly provider: string | undefined;
}

const registrations: Registration[] = [];
const NONE: readonly Middleware[] = [];

/**
 * Adds middleware to every prompt of every provider, or of one (`{ provider: "openai" }`), in this
 * process: outermost, before the definition's, the instance's and the call's. Returns a function
 * that removes it. Prompts defined before keep getting it: it is read at each call.
 *
 * @example
 * const stop = useMiddleware(logging, { provider: "anthropic" });
 */
export function useMiddleware(middleware: Middleware, options: { readonly provider?: string } = {}): () => void {
  const registration = { middleware, provider: options.provider };
  registrations.push(registration);
  return () => {
    const index = registrations.indexOf(registration);
    if (index !== -1) registrations.splice(index, 1);
  };
}

/** The global middleware for a provider, in the order registered. */
export function globalMiddlewareFor(provider: string): readonly Middleware[] {
  if (registrations.length === 0) return NONE;
  return registrations.flatMap(({ middleware, provider: only }) =>
    only === undefined || only === provider ? [middleware] : [],
  );
}
