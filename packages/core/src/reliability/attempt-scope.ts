import { TimeoutError } from "../errors/provider-error.js";

/** How many checks make up one idle timeout: a stall is noticed after `idleMs`, and at most a quarter later. */
const CHECKS_PER_IDLE_TIMEOUT = 4;

/**
 * One attempt at a request: the signal handed to the adapter, aborted when the call is (the
 * parent signal) or when the provider stays silent for `idleMs` while a read waits.
 *
 * Per chunk it only counts the read: reading a clock for every chunk costs more than the rest
 * of the bookkeeping. A timer looks every quarter of `idleMs` instead; a read still waiting after
 * four looks in a row has waited at least `idleMs` (and less than 1.25 x `idleMs`). The timer
 * stops while the consumer holds the stream (time it takes is not idle time) and starts again
 * with the next read.
 */
export class AttemptScope {
  readonly #controller = new AbortController();
  readonly #parent: AbortSignal;
  readonly #idleMs: number;
  readonly #provider: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reading = false;
  /** Reads started so far: a new read between two checks restarts the count of stale checks. */
  #reads = 0;
  #readsAtLastCheck = 0;
  #staleChecks = 0;
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
    this.#reads += 1;
    if (this.#timer === undefined && Number.isFinite(this.#idleMs)) {
      this.#readsAtLastCheck = this.#reads;
      this.#staleChecks = 0;
      this.#arm();
    }
  }

  /** A read returned: time the consumer spends before the next one is not idle time. */
  endRead(): void {
    this.#reading = false;
  }

  /** Ends the attempt: aborts its request if still open, and leaves no timer or listener behind. */
  close(reason: unknown = ATTEMPT_ENDED): void {
    this.release();
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  /**
   * Ends an attempt whose stream completed: leaves no timer or listener behind, and does not
   * abort its signal. The adapter has released the response (read to its end, or cancelled);
   * an abort now would only cost the SDK and fetch their abort handling.
   */
  release(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#parent.removeEventListener("abort", this.#onParentAbort);
  }

  #arm(): void {
    this.#timer = setTimeout(this.#check, this.#idleMs / CHECKS_PER_IDLE_TIMEOUT);
  }

  readonly #onParentAbort = (): void => {
    this.close(this.#parent.reason);
  };

  readonly #check = (): void => {
    this.#timer = undefined;
    // Not reading: the consumer holds the stream; the next read starts the timer again.
    if (!this.#reading) return;
    if (this.#reads !== this.#readsAtLastCheck) {
      this.#readsAtLastCheck = this.#reads;
      this.#staleChecks = 0;
    } else {
      this.#staleChecks += 1;
    }
    if (this.#staleChecks < CHECKS_PER_IDLE_TIMEOUT) {
      this.#arm();
      return;
    }
    this.#idleTimeout = new TimeoutError(
      `No data from ${this.#provider} for ${this.#idleMs} ms (idleTimeout). Raise \`idleTimeout\` for slow models.`,
      { provider: this.#provider },
    );
    this.close(this.#idleTimeout);
  };
}

/**
 * Why an attempt that ended (its stream read to the end, or left) is aborted: made once, since
 * a `DOMException` per stream would capture a stack trace per stream for a reason no one reads.
 */
const ATTEMPT_ENDED = new DOMException("The attempt ended; its request is closed.", "AbortError");
