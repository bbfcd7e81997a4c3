/**
 * The provider's tests again, against `@anthropic-ai/sdk` 0.x: every import of the SDK, from the
 * adapter and from the tests, resolves to the `anthropic-sdk-0x` devDependency (an npm alias of
 * the newest 0.x release). The root `pnpm test` runs this project beside `vitest.config.ts`.
 * Left out, to keep the run short: tests of what never reaches the SDK (promptstream's own
 * decoding of recorded streams and of text deltas, and core's stream helpers).
 */
import { defineProject } from "vitest/config";

export default defineProject({
  resolve: {
    alias: [{ find: /^@anthropic-ai\/sdk(\/.*)?$/, replacement: "anthropic-sdk-0x$1" }],
  },
  test: {
    name: "provider-anthropic (@anthropic-ai/sdk 0.x)",
    env: { PROMPTSTREAM_ANTHROPIC_SDK_LINE: "0.x" },
    include: ["src/**/*.test.ts"],
    exclude: [
      "src/**/*fixture-replay*.test.ts",
      "src/read-anthropic-text-delta.test.ts",
      "src/anthropic-stream-helpers.test.ts",
    ],
  },
});
