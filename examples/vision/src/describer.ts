/**
 * The image describer, on the provider chosen at run time: one prompt class whatever package
 * `Prompt` comes from. The schema declares `photo` as an image part, so a string or a path passed
 * by mistake fails before anything is sent.
 */

import { readFile } from "node:fs/promises";
import { type ImagePart, image, isImagePart } from "@promptstream/core";
import { z } from "zod";

export type Provider = "openai" | "anthropic";

export async function imageDescriber(provider: Provider) {
  const { Prompt } =
    provider === "anthropic"
      ? await import("@promptstream/provider-anthropic")
      : await import("@promptstream/provider-openai");

  return class ImageDescriber extends Prompt({
    template: `
      SYSTEM: You describe pictures in three sentences at most.
      USER: Describe {photo} in the style of {artist}.
    `,
    variables: z.object({
      photo: z.custom<ImagePart>(isImagePart, "photo must be an image() part"),
      artist: z.string(),
    }),
    callParams: { maxTokens: 300 },
  }) {};
}

/** An image part from a URL (the provider fetches it) or a file (sent inline; its type read from its bytes). */
export async function imageFrom(location: string): Promise<ImagePart> {
  return /^https?:\/\//.test(location) ? image(location) : image(await readFile(location));
}
