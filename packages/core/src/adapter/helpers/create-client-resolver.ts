/** How {@link createClientResolver} builds and recognises a vendor SDK client. */
export interface ClientResolverOptions<TClient, TOptions extends object> {
  /** Builds a client from options, or from the environment when given none. */
  readonly create: (options?: TOptions) => TClient;
  /**
   * Tells a client from its options. Duck-type it rather than use `instanceof`, which fails
   * when two copies of the SDK are installed.
   */
  readonly isClient: (option: TClient | TOptions) => option is TClient;
  /**
   * Adapts a client the user built, once per client: e.g. a copy with the SDK's own retries
   * turned off, so that core's retry policy is the only one. Default: used as given.
   */
  readonly adopt?: (client: TClient) => TClient;
}

/**
 * For adapters: turns the `client` option users give (an SDK instance, its options, or
 * nothing) into a client. Options objects become one client each, reused, so that their
 * connections are pooled; with nothing given, one client from the environment serves every call.
 */
export function createClientResolver<TClient, TOptions extends object>(
  options: ClientResolverOptions<TClient, TOptions>,
): (option: TClient | TOptions | undefined) => TClient {
  const clientsByOptions = new WeakMap<TOptions, TClient>();
  const adopted = new WeakMap<object, TClient>();
  let defaultClient: TClient | undefined;
  return (option) => {
    if (option === undefined) {
      defaultClient ??= options.create();
      return defaultClient;
    }
    if (options.isClient(option)) {
      if (options.adopt === undefined || typeof option !== "object" || option === null) return option;
      let client = adopted.get(option);
      if (client === undefined) {
        client = options.adopt(option);
        adopted.set(option, client);
      }
      return client;
    }
    let client = clientsByOptions.get(option);
    if (client === undefined) {
      client = options.create(option);
      clientsByOptions.set(option, client);
    }
    return client;
  };
}
