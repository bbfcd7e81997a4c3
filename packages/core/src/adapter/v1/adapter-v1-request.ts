import type { CacheHint } from "../../caching/cache-hint.js";
import type { ContentPart } from "../../content/content-part.js";
import type { Message, UserMessage } from "../../prompt/message.js";
import type { OutputSpec } from "./output-spec.js";
import type { ToolSpec } from "./tool-spec.js";

/**
 * What core hands an adapter for one call: the rendered messages, the merged params and the
 * client option chosen from definition, instance and call (the most specific one given).
 * Adapters get this type, never the user-facing prompt class, so the user API can evolve
 * without breaking adapters.
 */
export interface AdapterV1Request<TParams, TClient> {
  /**
   * The messages to send. A user message's `content` is always its text; `parts` holds its text,
   * images and documents in order when it has media (only for adapters that declare `mediaInput`).
   */
  readonly messages: readonly AdapterV1Message[];
  /** The params merged definition < instance < call; `undefined` values removed. */
  readonly params: Readonly<TParams>;
  /** The most specific client option given, or `undefined` for the adapter's default. */
  readonly client: TClient | undefined;
  /** Aborted when the user aborts or stops reading; pass it to the HTTP request. */
  readonly signal: AbortSignal;
  /**
   * The tools the model may call; absent when the prompt has none. Only sent to adapters that
   * declare `supportsTools` (core refuses a prompt with tools on any other, before sending).
   * `params.toolChoice` and `params.parallelToolCalls` say how they may be used.
   */
  readonly tools?: readonly ToolSpec[] | undefined;
  /**
   * The structured output asked for; absent when the prompt has no `output` schema. Only sent in
   * a mode the adapter lists in `outputModes`, or in `json` mode (where the adapter may ignore it).
   */
  readonly output?: OutputSpec | undefined;
}

/**
 * A user message as an adapter receives it: `content` is the text (adapters written before media
 * parts keep working), `parts` the text and media in order when there is media.
 */
export interface AdapterV1UserMessage {
  readonly role: "user";
  /** The message's text: its text parts joined when it has parts. */
  readonly content: string;
  /** Text, image and document parts in order; present only when the message has an image or a document. */
  readonly parts?: readonly ContentPart[] | undefined;
  readonly cache?: CacheHint | undefined;
}

/** A message as an adapter receives it: see {@link AdapterV1Request.messages}. */
export type AdapterV1Message = Exclude<Message, UserMessage> | AdapterV1UserMessage;
