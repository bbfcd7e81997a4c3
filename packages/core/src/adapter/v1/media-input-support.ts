/** What an adapter takes of one kind of media part: see `AdapterV1.mediaInput`. */
export interface MediaKindSupport {
  /** The media types it takes, e.g. `["image/png", "image/jpeg"]`; core refuses any other before sending. */
  readonly mediaTypes: readonly string[];
  /** Whether it can send a URL for the provider to fetch (otherwise only inline data). */
  readonly url: boolean;
  /** The provider's documented size limit per part, in bytes, where there is one. */
  readonly maxBytes?: number | undefined;
}

/**
 * The image and document parts an adapter can send in user messages. Core checks every part of a
 * request against it before sending (kind, media type, URL or inline, size) and throws a
 * `ContentPartError` for one it does not take: a part is never dropped silently. An adapter
 * without `mediaInput` gets text only (and messages whose `content` is always a string).
 */
export interface MediaInputSupport {
  readonly image?: MediaKindSupport | undefined;
  readonly document?: MediaKindSupport | undefined;
}
