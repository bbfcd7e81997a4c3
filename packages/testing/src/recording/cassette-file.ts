import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** The version of the cassette file format; a file of another version is refused, not guessed at. */
export const CASSETTE_FORMAT_VERSION = 1;

/** A request as recorded: what matching compares on replay. */
export interface CassetteRequest {
  readonly method: string;
  /** The path and query, with any query parameter that held a key removed. */
  readonly path: string;
  /** The model asked for, read from the body (`model`) or, for Gemini, the path: for people reading the file. */
  readonly model?: string | undefined;
  /** The JSON body the SDK sent (the provider's request: messages, params, tools), keys scrubbed. */
  readonly body: unknown;
}

/** How the recorded response ended. */
export type CassetteResponseEnd =
  /** The server finished the response. */
  | "complete"
  /** The connection broke in the middle of the body: replayed as a reset after the chunks. */
  | "reset";

/** A response as recorded: replayed byte for byte. */
export interface CassetteResponse {
  readonly status: number;
  /** Headers the SDK reads (content type, retry-after, request id, rate limits); never cookies or keys. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The body, decoded as UTF-8, in pieces that join to the bytes received: one server-sent event
   * per piece (ending with its blank line) for a stream, the pieces as they arrived otherwise.
   */
  readonly chunks: readonly string[];
  /** When each chunk had arrived, in milliseconds after the status line: replayed only with `timing: "recorded"`. */
  readonly chunkTimesMs: readonly number[];
  readonly end: CassetteResponseEnd;
}

/** One request and the response it got. */
export interface CassetteInteraction {
  readonly request: CassetteRequest;
  readonly response: CassetteResponse;
}

/** The content of a cassette file. */
export interface CassetteFile {
  /** The format version: 1. */
  readonly version: 1;
  /** The provider the cassette was recorded against, e.g. `"openai"`. */
  readonly provider: string;
  /** The exchanges, in the order they happened: replayed in this order. */
  readonly interactions: readonly CassetteInteraction[];
}

/** Reads a cassette file; `undefined` when there is none. Throws on a file that is not a cassette of this version. */
export async function readCassetteFile(path: string): Promise<CassetteFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<CassetteFile>;
  if (parsed.version !== CASSETTE_FORMAT_VERSION || !Array.isArray(parsed.interactions)) {
    throw new Error(
      `${path} is not a cassette of format version ${CASSETTE_FORMAT_VERSION} (found version ${String(parsed.version)}): record it again.`,
    );
  }
  return parsed as CassetteFile;
}

/**
 * Writes a cassette file, two-space indented with one chunk per line so that a re-recording
 * diffs chunk by chunk. Written to a temporary file first, then renamed, so that a crash never
 * leaves half a cassette that the next run would refuse.
 */
export async function writeCassetteFile(path: string, cassette: CassetteFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${formatCassette(cassette)}\n`, "utf8");
  await rename(temporary, path);
}

function formatCassette(cassette: CassetteFile): string {
  // A list of numbers (chunk times) on one line rather than one number per line: it is noise to a reader.
  return JSON.stringify(cassette, null, 2).replace(
    /\[\n\s*(-?\d+(?:\.\d+)?(?:,\n\s*-?\d+(?:\.\d+)?)*)\n\s*\]/g,
    (_whole, numbers: string) => `[${numbers.split(/,\n\s*/).join(", ")}]`,
  );
}
