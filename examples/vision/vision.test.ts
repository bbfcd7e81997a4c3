import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ContentPartError, image } from "@promptstream/core";
import { useLocalAnthropicWhenNoKey, useLocalOpenAIWhenNoKey } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageDescriber, imageFrom } from "./src/describer.js";

const run = promisify(execFile);
const cwd = fileURLToPath(new URL(".", import.meta.url));
const KEYS = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"] as const;

function runExample(...args: string[]) {
  const env = { ...process.env };
  for (const key of KEYS) delete env[key];
  return run(process.execPath, ["--import", "tsx", "src/main.ts", ...args], { cwd, env, timeout: 60_000 });
}

describe("examples/vision", () => {
  it("describes the bundled picture on both providers from the local servers, which saw it whole", async () => {
    const { stdout } = await runExample();
    for (const provider of ["openai", "anthropic"]) {
      const section = stdout.split(`== ${provider} ==`)[1]?.split("==")[0] ?? "";
      // The local servers read the size from the PNG header they received: the bytes went through intact.
      expect(section).toContain("I was sent a 64×48 image/png image of 2.7 KB.");
      expect(section).toContain("In the manner of Hiroshige:");
      expect(section).toMatch(/\[\d+ tokens in, \d+ out\]/);
    }
  });

  it("sends an image given as a URL as a URL, for the provider to fetch", async () => {
    const { stdout } = await runExample("https://example.com/cat.jpg", "Vermeer");
    expect(stdout).toContain("I was sent the image at https://example.com/cat.jpg");
    expect(stdout).toContain("In the manner of Vermeer:");
  });

  describe("in-process", () => {
    const saved = new Map<string, string | undefined>();
    let stops: Array<() => Promise<void>> = [];
    beforeAll(async () => {
      for (const key of KEYS) {
        saved.set(key, process.env[key]);
        delete process.env[key];
      }
      stops = [await useLocalOpenAIWhenNoKey({ log: () => {} }), await useLocalAnthropicWhenNoKey({ log: () => {} })];
    });
    afterAll(async () => {
      for (const stop of stops) await stop();
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    it.each(["openai", "anthropic"] as const)(
      "%s: refuses an image type the provider does not take, before sending",
      async (provider) => {
        const ImageDescriber = await imageDescriber(provider);
        const photo = image(new Uint8Array([0x49, 0x49, 0x2a, 0]), "image/tiff");
        const error = await Promise.resolve()
          .then(() => new ImageDescriber({ photo, artist: "Monet" }).stream().text())
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ContentPartError);
        expect((error as Error).message).toContain("image/tiff");
      },
    );

    it("refuses a photo that is not an image part, by the schema", async () => {
      const ImageDescriber = await imageDescriber("openai");
      expect(() => new ImageDescriber({ photo: "sunset.png" as never, artist: "Monet" })).toThrow(
        "photo must be an image() part",
      );
    });

    it("reads a file into an inline image part, its type from its bytes", async () => {
      const part = await imageFrom(fileURLToPath(new URL("assets/sunset.png", import.meta.url)));
      expect(part.source).toMatchObject({ kind: "bytes", mediaType: "image/png" });
    });
  });
});
