/**
 * Which line of `@anthropic-ai/sdk` a test run is for, and what differs between the lines on the
 * wire. The provider's tests run twice: against the devDependency (1.x, `vitest.config.ts`) and
 * against 0.x (`vitest.sdk-0x.config.ts`, which resolves `@anthropic-ai/sdk` to the
 * `anthropic-sdk-0x` alias and sets `PROMPTSTREAM_ANTHROPIC_SDK_LINE=0.x`). The line comes from
 * the run's config, not from the adapter's own detection, so that a wrong detection fails.
 */

/** The SDK line this run tests: `"0.x"` in the 0.x project, else `"1.x"`. */
export const TESTED_SDK_LINE: "0.x" | "1.x" = process.env.PROMPTSTREAM_ANTHROPIC_SDK_LINE === "0.x" ? "0.x" : "1.x";

/** The `anthropic-version` header the tested SDK sends. */
export const TESTED_API_VERSION = TESTED_SDK_LINE === "0.x" ? "2023-06-01" : "2026-10-21";

/** Where the tested SDK sends an `apiKey`: `X-Api-Key: <key>` on 0.x, `Authorization: Bearer <key>` on 1.x. */
export const TESTED_KEY_HEADER: { readonly name: string; readonly value: (key: string) => string } =
  TESTED_SDK_LINE === "0.x"
    ? { name: "x-api-key", value: (key) => key }
    : { name: "authorization", value: (key) => `Bearer ${key}` };

/** The key a request carried, read from the header the tested SDK sends it in. */
export function keySentWith(headers: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = headers?.[TESTED_KEY_HEADER.name];
  if (typeof value !== "string") return undefined;
  return TESTED_SDK_LINE === "0.x" ? value : value.replace(/^Bearer /, "");
}
