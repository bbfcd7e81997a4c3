import { afterEach, describe, expect, it } from "vitest";
import { readEnv } from "../index.js";

const NAME = "PROMPTSTREAM_READ_ENV_TEST";

afterEach(() => {
  delete process.env[NAME];
});

describe("readEnv", () => {
  it("reads a set variable, trimmed", () => {
    process.env[NAME] = "  claude-x  ";
    expect(readEnv(NAME)).toBe("claude-x");
  });

  it("gives undefined for an unset or blank variable", () => {
    expect(readEnv(NAME)).toBeUndefined();
    process.env[NAME] = "   ";
    expect(readEnv(NAME)).toBeUndefined();
  });
});
