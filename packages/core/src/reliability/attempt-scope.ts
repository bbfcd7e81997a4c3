import { TimeoutError } from "../errors/provider-error.js";

/**
 * One attempt at a request: the signal handed to the adapter, aborted when the call is (the
 * parent signal) or when the provider stays silent for `idleMs` while a read waits. Per chunk
 * it only records a timestamp; its single timer re-arms itself for what remains.
 */
export class AttemptScope {
  readonly #controller = new AbortController();
  readonly #parent: AbortSignal;
  readonly #idleMs: number;
  readonly #provider: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #readingSince = 0;
  #reading = false;
  #idleTimeout: TimeoutError | undefined;

  constructor(parent: AbortSignal, idleMs: number, provider: string) {
    this.#parent = parent;
    this.#idleMs = idleMs;
    this.#provider = provider;
    if (parent.aborted) this.#controller.abort(parent.reason);
    else parent.addEventListener("abort", this.#onParentAbort, { once: true });
  }

  /** The signal to give the adapter for this attempt. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The idle timeout that ended this attempt, if one did. */
  get idleTimeout(): TimeoutError | undefined {
    return this.#idleTimeout;
  }

  /** A read of the provider starts: the idle clock runs until {@link endRead}. */
  startRead(): void {
    this.#reading = true;
    this.#readingSince = performance.now();
    if (this.#timer === undefined && Number.isFinite(this.#idleMs)) this.#timer = setTimeout(this.#check, this.#idleMs);
  }

  /** A read returned: time the consumer spends before the next one is not idle time. */
  endRead(): void {
    this.#reading = false;
  }

  /** Ends the attempt: aborts its request if still open, and leaves no timer or listener behind. */
  close(reason?: unknown): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#parent.removeEventListener("abort", this.#onParentAbort);
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  readonly #onParentAbort = (): void => {
    this.close(this.#parent.reason);
  };

  readonly #check = (): void => {
    this.#timer = undefined;
    // Not reading: the consumer holds the stream; the next read re-arms the clock.
    if (!this.#reading) return;
    const waited = performance.now() - this.#readingSince;
    if (waited < this.#idleMs) {
      this.#timer = setTimeout(this.#check, this.#idleMs - waited);
      return;
    }
    this.#idleTimeout = new TimeoutError(
      `No data from ${this.#provider} for ${this.#idleMs} ms (idleTimeout). Raise \`idleTimeout\` for slow models.`,
      { provider: this.#provider },
    );
    this.close(this.#idleTimeout);
  };
}
