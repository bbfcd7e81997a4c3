import type { CallResponse, OutputMode, PromptFactory, ResponseChunk } from "@promptstream/core";

/** Why a scripted answer ends, in neutral terms; each wire format sends its own value for it. */
export type ConformanceFinishReason = "stop" | "length";

/** Token counts a scripted answer reports, in neutral terms. */
export interface ConformanceUsage {
  readonly input: number;
  readonly output: number;
}

/** How a conformance server answers one request, whatever the provider's wire format. */
export type ConformanceScript =
  | {
      /** A whole answer: streamed as one event per piece when the request streams, one JSON body otherwise. */
      readonly kind: "text";
      readonly pieces: readonly string[];
      readonly finishReason: ConformanceFinishReason;
      readonly usage: ConformanceUsage;
      /** A pause between streamed events, in milliseconds. */
      readonly delayMs?: number;
      /** The provider's id of this answer, sent where the wire format has a place for it. */
      readonly id?: string;
      /** The name of the model that answers, sent where the wire format has a place for it. */
      readonly model?: string;
      /**
       * Writes the whole streamed answer at once, so that the SDK decodes every event from one
       * network read (and could hand them over without looking at an abort signal).
       */
      readonly inOneWrite?: boolean;
    }
  | {
      /** Streams the pieces, then sends nothing more until the client hangs up. */
      readonly kind: "hang-after";
      readonly pieces: readonly string[];
    }
  | {
      /** Answers with this status and the provider's own error body holding `message`. */
      readonly kind: "http-error";
      readonly status: number;
      readonly message: string;
    }
  | {
      /** Streams the pieces, lets the client read them, then resets the connection without finishing the response. */
      readonly kind: "cut-after";
      readonly pieces: readonly string[];
    }
  | {
      /**
       * An answer that calls tools: text and calls in the order given, then the provider's finish
       * reason for tool calls; streamed as the provider streams them, or one JSON body otherwise.
       */
      readonly kind: "tool-calls";
      readonly parts: ReadonlyArray<string | ConformanceToolCall>;
      readonly usage: ConformanceUsage;
      /** Stream only up to the middle of the last call's arguments, then reset the connection. */
      readonly cutInLastCall?: boolean;
      /** A pause between streamed events, in milliseconds. */
      readonly delayMs?: number;
    }
  | {
      /**
       * An answer that reasons first: the reasoning streamed in these pieces (Anthropic thinking
       * deltas, OpenAI-compatible `reasoning_content`, Responses reasoning summary deltas, Gemini
       * thought parts), closed by `signature` where the wire format signs it, then the text and
       * calls of `parts` as in a `"tool-calls"` script (text only: a `"stop"` finish).
       */
      readonly kind: "reasoning";
      readonly reasoning: readonly string[];
      /** The provider's signature (or encrypted content) of the reasoning, which must come back in the next turn. */
      readonly signature: string;
      readonly parts: ReadonlyArray<string | ConformanceToolCall>;
      readonly usage: ConformanceUsage;
    };

/** A tool call a {@link ConformanceScript} answers with. */
export interface ConformanceToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments' JSON text; `""` for a call without arguments. */
  readonly argsText: string;
  /**
   * The fragments the arguments stream in (they join to `argsText`); by default the wire format
   * cuts `argsText` itself. A structured output in `tool` mode streams its JSON this way.
   */
  readonly argsPieces?: readonly string[];
}

/** Who answered, for a wire format that names it: the `id` and `model` of a `"text"` script. */
export interface ConformanceIdentity {
  /** The provider's id of the answer, e.g. `chatcmpl-...` or `msg_...`. */
  readonly id?: string;
  /** The name of the model that answers. */
  readonly model?: string;
}

/** What a conformance server records of each request it received. */
export interface ConformanceRequest {
  /** The JSON body, parsed. */
  readonly body: unknown;
  /** `"finished"` when the answer was sent whole, `"closed-early"` when the client hung up first. */
  readonly outcome: Promise<"finished" | "closed-early">;
}

/** Chooses the answer to each request, e.g. from what its body asks. */
export type ConformanceHandler = (request: ConformanceRequest) => ConformanceScript;

/** A local server that takes neutral scripts and speaks one provider's wire format. */
export interface ConformanceServer<TClient> {
  /** The `client` option to give the prompt so that it talks to this server, with retries off. */
  readonly client: TClient;
  /** Every request received, in order. */
  readonly requests: readonly ConformanceRequest[];
  /** Sets how the following requests are answered: the same script for each, or a handler choosing per request. */
  script(next: ConformanceScript | ConformanceHandler): void;
  /** Stops the server and drops its open connections. */
  close(): Promise<void>;
}

/**
 * A provider's prompt factory as the conformance suite uses it: no call params, the neutral
 * chunk and response fields, and the client option its server hands out. Every factory built
 * with `definePrompt` fits it, e.g. `OpenAIPrompt` and `AnthropicPrompt`.
 */
export type ConformancePromptFactory<TClient> = PromptFactory<never, ResponseChunk, CallResponse, TClient>;

/** What an adapter supplies to run the provider conformance suite against it. */
export interface ConformanceHarness<TClient> {
  /** The name the suite is reported under, e.g. `"openai"`. */
  readonly name: string;
  /** The adapter's prompt factory, e.g. `OpenAIPrompt`. */
  readonly Prompt: ConformancePromptFactory<TClient>;
  /** Starts a fresh server speaking the adapter's wire format; one per test. */
  startServer(): Promise<ConformanceServer<TClient>>;
  /**
   * The adapter supports tools (`supportsTools`) and its server can script tool calls: the suite
   * then also runs its tool cases (fragments, parallel calls, calls without arguments, results sent
   * back, the tool loop, abort during a tool, a stream cut in a call's arguments).
   */
  readonly supportsTools?: boolean | undefined;
  /**
   * The wire format sends each tool call whole, in one event (Ollama's NDJSON lines): the tool
   * cases then expect one fragment per call, and a cut in a call's event to lose that call.
   */
  readonly wholeToolCalls?: boolean | undefined;
  /**
   * The structured-output modes the adapter declares (its `outputModes`, e.g. `["json_schema"]`):
   * the suite runs its structured-output cases in each, and in `json` mode, which every adapter
   * supports. A `tool` mode answer is scripted as a call of the output tool, with `argsPieces`.
   */
  readonly outputModes?: readonly OutputMode[] | undefined;
  /**
   * The adapter reports `reasoning` on its chunks (`supportsReasoning`) and its server can script
   * `"reasoning"` answers: the suite checks the split between reasoning and text. With
   * `roundTrip`, it also checks that the reasoning's signature goes back in the next request of a
   * tool loop (the adapter keeps it on the response's message).
   */
  readonly reasoning?: { readonly roundTrip: boolean } | undefined;
  /**
   * The adapter takes inline images of these media types (its `mediaInput.image`): the suite sends
   * one in a template variable and checks the request carries its bytes, in place, and that a type
   * outside the list fails before sending.
   */
  readonly imageMediaTypes?: readonly string[] | undefined;
}

/** The client options of the built-in conformance servers: fit for both the `openai` and `@anthropic-ai/sdk` clients. */
export interface LoopbackClientOptions {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly maxRetries: number;
}

/** What an adapter supplies to run the stream helper suite: a conformance harness, and what its responses carry. */
export interface StreamHelperHarness<TClient> extends ConformanceHarness<TClient> {
  /** The `provider` the adapter's errors carry; default {@link ConformanceHarness.name}. */
  readonly provider?: string;
  /**
   * Response fields the provider's API does not send (e.g. `["id"]` for a server without
   * response ids): the suite checks they are `undefined` instead of the scripted value.
   */
  readonly unreportedFields?: ReadonlyArray<"id" | "model">;
}
