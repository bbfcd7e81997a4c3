/**
 * @module The factory type every provider's neutral `Prompt` export shares, so that an import
 * chosen at run time (`cond ? await import(a) : await import(b)`) still gives a typed class.
 */
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { CallParams } from "../params/call-params.js";
import type { PromptFactory } from "./prompt-types.js";

/**
 * Client options every provider takes in the same shape: what a prompt whose provider is chosen
 * at run time can set. A provider's own factory also takes its SDK's client or full options.
 */
export interface NeutralClientOptions {
  /** The API key; by default each provider reads its own environment variable. */
  readonly apiKey?: string | undefined;
  /**
   * The server's base URL, as the provider's SDK expects it: OpenAI's includes `/v1`
   * (`https://api.openai.com/v1`), Anthropic's does not (`https://api.anthropic.com`).
   */
  readonly baseURL?: string | undefined;
}

/**
 * The provider-neutral prompt factory: neutral call params, chunks (`ResponseChunk`), responses
 * (`CallResponse`) and client options. It is one type in every provider, so a union of providers'
 * factories has it in common.
 */
export type NeutralPromptFactory = PromptFactory<CallParams, ResponseChunk, CallResponse, NeutralClientOptions>;

/**
 * A provider's neutral `Prompt` export: its own factory (tried first, so a single import keeps
 * every provider-specific type), plus the {@link NeutralPromptFactory} signature. When the import
 * is chosen at run time, TypeScript calls the union of factories through the signature they share,
 * and the class it returns has the neutral surface (`stream()`, `call()`, `content`, `usage`...),
 * which a union of provider classes would lose.
 *
 * @example
 * const { Prompt } = useOpenAI ? await import("@promptstream/provider-openai") : await import("@promptstream/provider-anthropic");
 * class Ask extends Prompt({ template: "USER: {question}" }) {}
 * for await (const chunk of new Ask({ question }).stream()) process.stdout.write(chunk.content);
 */
export type SwappablePromptFactory<
  TParams,
  TChunk extends ResponseChunk,
  TResponse extends CallResponse,
  TClient,
> = PromptFactory<TParams, TChunk, TResponse, TClient> & NeutralPromptFactory;
