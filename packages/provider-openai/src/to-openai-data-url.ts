import { type MediaSource, readMediaBase64 } from "@promptstream/core";

/**
 * A `data:` URL holding an inline source's bytes (`data:image/png;base64,...`): how both OpenAI
 * APIs take images (`image_url`) and files (`file_data`) sent inline rather than fetched.
 */
export async function toOpenAIDataURL(source: Exclude<MediaSource, { readonly kind: "url" }>): Promise<string> {
  return `data:${source.mediaType};base64,${await readMediaBase64(source)}`;
}
