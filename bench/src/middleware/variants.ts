/**
 * The middleware figure's variants: the same prompt and stream with no middleware, one no-op
 * observer, one pass-through `wrapStream`, a usage meter, and a price table; and what each needs
 * of core (a build from before middleware has only the first).
 */

/** What a variant uses of `@promptstream/core`, loaded from this workspace or from another checkout. */
export interface CoreModule {
  readonly definePrompt: (
    adapter: unknown,
  ) => (
    definition: object,
  ) => new (
    variables?: object,
    options?: object,
  ) => { stream(params?: object, options?: object): AsyncIterable<{ readonly content: string }> };
  readonly useMiddleware?: unknown;
  readonly createUsageMeter?: (options?: object) => { readonly middleware: object };
}

export interface Variant {
  readonly id: string;
  readonly label: string;
  /**
   * The options given to each `stream()` call, made once per run (one meter for every call, as an
   * app keeps one); `undefined` when this build of core cannot run the variant.
   */
  readonly options: (core: CoreModule) => object | undefined;
}

/** Made-up prices for the bench (per million tokens): not any provider's. */
const PRICES = { models: { "gpt-4o-mini": { input: 1, output: 2 }, "memory-1": { input: 1, output: 2 } } };

/** One no-op observer: every hook present, doing nothing; made once, as an app would. */
const noopObserver = {
  name: "noop-observer",
  onCall: () => ({ onChunk() {}, onFinish() {}, onError() {} }),
};

/** One `wrapStream` that passes the request on unchanged. */
const passThrough = {
  name: "pass-through",
  wrapStream: (request: unknown, next: (request: unknown) => Promise<unknown>) => next(request),
};

const hasMiddleware = (core: CoreModule): boolean => typeof core.useMiddleware === "function";

export const VARIANTS: readonly Variant[] = [
  { id: "none", label: "promptstream (no middleware)", options: () => ({}) },
  {
    id: "observer",
    label: "+ 1 middleware: no-op observer (onChunk, onFinish, onError)",
    options: (core) => (hasMiddleware(core) ? { middleware: [noopObserver] } : undefined),
  },
  {
    id: "wrap-stream",
    label: "+ 1 middleware: pass-through wrapStream",
    options: (core) => (hasMiddleware(core) ? { middleware: [passThrough] } : undefined),
  },
  {
    id: "usage-meter",
    label: "+ createUsageMeter() (observer: onFinish, onError)",
    options: (core) => {
      const meter = core.createUsageMeter?.({ prices: PRICES });
      return meter === undefined ? undefined : { middleware: [meter.middleware] };
    },
  },
  {
    id: "prices",
    label: "+ prices (response.cost computed)",
    options: (core) => (core.createUsageMeter === undefined ? undefined : { prices: PRICES }),
  },
];
