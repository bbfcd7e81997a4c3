import { CassetteError } from "./cassette-error.js";

/**
 * What `useCassette` does:
 * - `"replay"`: serve the cassette; fail if it is missing. The default: no network, no key.
 * - `"record"`: send every request to the real API and write the cassette, replacing it.
 * - `"record-missing"`: replay the cassettes that exist, record the others.
 */
export type CassetteMode = "replay" | "record" | "record-missing";

/** The variable that turns recording on: `1` (or `all`, `true`) records every cassette, `missing` only missing ones. */
export const RECORD_VARIABLE = "PROMPTSTREAM_RECORD";

/** The mode `PROMPTSTREAM_RECORD` asks for: replay when it is unset, empty, `0` or `false`. */
export function cassetteModeFromEnvironment(): CassetteMode {
  const value = (process.env[RECORD_VARIABLE] ?? "").trim().toLowerCase();
  if (value === "" || value === "0" || value === "false") return "replay";
  if (value === "1" || value === "true" || value === "all") return "record";
  if (value === "missing") return "record-missing";
  throw new CassetteError(
    `${RECORD_VARIABLE}=${value} is not a recording mode: use ${RECORD_VARIABLE}=1 to record every cassette ` +
      `again, ${RECORD_VARIABLE}=missing to record only missing ones, or leave it unset to replay.`,
    { code: "invalid_option" },
  );
}
