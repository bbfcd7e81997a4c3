import {
  type AdapterV1Message,
  type CallParams,
  mergeCallParams,
  readEnv,
  refuseUnsupportedParam,
  type ToolSpec,
} from "@promptstream/core";
import { convertToOllamaMessages } from "./convert-to-ollama-messages.js";
import { convertToOllamaTools, validateOllamaToolParams } from "./convert-to-ollama-tools.js";

/** The model used when the params name none and `OLLAMA_MODEL` is unset. */
export const OLLAMA_DEFAULT_MODEL = "llama3.2";
/** The environment variable that names the default model. */
export const OLLAMA_MODEL_ENV = "OLLAMA_MODEL";

/**
 * Call params for Ollama: the neutral {@link CallParams}, and Ollama's own request fields under
 * their API names. `options` takes any Ollama option (`num_ctx`, `top_k`, `repeat_penalty`...);
 * the neutral params, where set, are written over it.
 */
export interface OllamaCallParams extends CallParams {
  /** Think before answering (thinking models); the thinking arrives apart from `content`. */
  readonly think?: boolean | "low" | "medium" | "high" | undefined;
  readonly options?: Readonly<Record<string, unknown>> | undefined;
  /** How long the model stays loaded after the call, e.g. `"5m"` or `0`. */
  readonly keep_alive?: string | number | undefined;
  /** `"json"` or a JSON schema the answer must follow. */
  readonly format?: "json" | Readonly<Record<string, unknown>> | undefined;
}

/**
 * A tool call as Ollama sends it: whole, its arguments an object (not JSON text). In a history,
 * `index` is left out.
 */
export interface OllamaToolCall {
  /** The call's id, where the Ollama version names calls. */
  readonly id?: string;
  readonly function: {
    /** The call's place among the reply's calls, where Ollama says it. */
    readonly index?: number;
    readonly name: string;
    readonly arguments: Readonly<Record<string, unknown>>;
  };
}

/** One line of a streamed `/api/chat` reply, or a whole non-streamed reply, as Ollama sends it. */
export interface OllamaChatLine {
  readonly model?: string;
  readonly created_at?: string;
  readonly message?: {
    readonly role?: string;
    readonly content?: string;
    readonly thinking?: string;
    /** The calls this line makes, each whole (a streamed line usually holds one). */
    readonly tool_calls?: readonly OllamaToolCall[];
  };
  readonly done?: boolean;
  /** `"stop"` or `"length"` on the final line. */
  readonly done_reason?: string;
  readonly total_duration?: number;
  readonly load_duration?: number;
  /** Input tokens; left out when the whole prompt came from Ollama's cache. */
  readonly prompt_eval_count?: number;
  readonly prompt_eval_duration?: number;
  /** Output tokens, thinking included. */
  readonly eval_count?: number;
  readonly eval_duration?: number;
  /** Set instead of everything else when the model failed mid-stream. */
  readonly error?: string;
}

const NO_PENALTIES =
  "Ollama accepts `presence_penalty` and `frequency_penalty` but only its llama.cpp runner applies them; " +
  "models on its own engine ignore them without a word. If your model honours it, pass it as " +
  "`options: { presence_penalty }` (or `frequency_penalty`) instead.";

/** Refuses the neutral params Ollama cannot be trusted to honour, rather than sending them to be ignored. */
export function validateOllamaCallParams(params: OllamaCallParams): void {
  refuseUnsupportedParam("ollama", "presencePenalty", params.presencePenalty, NO_PENALTIES);
  refuseUnsupportedParam("ollama", "frequencyPenalty", params.frequencyPenalty, NO_PENALTIES);
  validateOllamaToolParams(params);
}

/**
 * The JSON body of `POST /api/chat`: only what was set, plus `model`, `messages` and `stream`,
 * and the prompt's `tools` when it has some.
 */
export function toOllamaChatBody(
  messages: readonly AdapterV1Message[],
  params: OllamaCallParams,
  stream: boolean,
  tools?: readonly ToolSpec[],
): object {
  const {
    model,
    temperature,
    maxTokens,
    topP,
    stop,
    seed,
    presencePenalty: _p,
    frequencyPenalty: _f,
    // Neutral, with no Ollama field: validateOllamaCallParams let only toolChoice "auto" through,
    // which must not reach the body through `native` under its neutral name.
    toolChoice: _c,
    parallelToolCalls: _l,
    options,
    ...native
  } = params;
  // mergeCallParams drops undefined values: a neutral param left unset keeps the native option.
  const merged = mergeCallParams<Record<string, unknown>>(options, {
    temperature,
    top_p: topP,
    seed,
    num_predict: maxTokens,
    stop: typeof stop === "string" ? [stop] : stop,
  });
  return {
    ...native,
    model: model ?? readEnv(OLLAMA_MODEL_ENV) ?? OLLAMA_DEFAULT_MODEL,
    messages: convertToOllamaMessages(messages),
    // Ollama streams when `stream` is absent: always say which.
    stream,
    ...(tools === undefined ? {} : { tools: convertToOllamaTools(tools) }),
    ...(Object.keys(merged).length === 0 ? {} : { options: merged }),
  };
}
