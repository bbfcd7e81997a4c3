import type { CassetteInteraction } from "./cassette-file.js";
import type { CassetteProvider } from "./cassette-provider.js";

/** How a replayed body is paced. */
export type CassetteTiming =
  /** Every chunk as fast as the socket takes it: the default, for fast tests. */
  | "instant"
  /** Each chunk at the time it arrived when recorded: for tests of timing (time to first chunk, abort mid-stream). */
  | "recorded";

/** A cassette in use: what the shared server answers from, or records into. */
export interface CassetteSession {
  readonly name: string;
  readonly path: string;
  readonly provider: CassetteProvider;
  readonly mode: "record" | "replay";
  /** Record mode: the base URL requests are forwarded to. */
  readonly upstream: string;
  /** Replay mode: the recorded interactions. Record mode: one slot per request, filled as its response ends. */
  readonly interactions: (CassetteInteraction | undefined)[];
  /** Replay mode: the interactions already served. */
  readonly served: Set<number>;
  /** Record mode: exchanges still streaming, awaited before the file is written. */
  readonly inFlight: Set<Promise<void>>;
  readonly ignoreBodyFields: readonly string[];
  readonly timing: CassetteTiming;
  /** Replay mode: a message per request that matched no interaction. */
  readonly mismatches: string[];
  /** The shell command that records this cassette again. */
  readonly recordCommand: string;
}
