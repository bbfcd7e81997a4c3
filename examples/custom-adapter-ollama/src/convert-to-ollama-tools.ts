import { type CallParams, refuseUnsupportedParam, type ToolSpec } from "@promptstream/core";

/** A tool as `POST /api/chat` takes it in `tools`. */
export interface OllamaTool {
  readonly type: "function";
  readonly function: {
    readonly name: string;
    readonly description?: string;
    readonly parameters: Readonly<Record<string, unknown>>;
  };
}

const NO_TOOL_CHOICE =
  'Ollama\'s /api/chat has no `tool_choice`: the model always decides whether to call a tool ("auto", the only ' +
  "value accepted here). To rule tools out, send the prompt without `tools`; to ask for a call, say so in the prompt.";
const NO_PARALLEL_SWITCH =
  "Ollama's /api/chat has no switch for parallel calls: the model may call several tools in one turn, whatever " +
  "is asked, so the setting could not be honoured.";

/**
 * Refuses the neutral tool params that Ollama has no field for: a `toolChoice` other than `"auto"`
 * (`"required"`, `"none"`, `{ name }`) and `parallelToolCalls`, rather than sending tools whose use
 * they would not constrain. Core has already refused both for a prompt without tools.
 */
export function validateOllamaToolParams(params: CallParams): void {
  // "auto" is what Ollama does anyway: accepted, and never sent (there is no field to send it in).
  if (params.toolChoice !== "auto") refuseUnsupportedParam("ollama", "toolChoice", params.toolChoice, NO_TOOL_CHOICE);
  refuseUnsupportedParam("ollama", "parallelToolCalls", params.parallelToolCalls, NO_PARALLEL_SWITCH);
}

/**
 * The prompt's tools as Ollama's `tools`. `strict` is not sent: Ollama has no such flag (and core
 * validates every call's arguments against the tool's schema whatever the provider).
 */
export function convertToOllamaTools(tools: readonly ToolSpec[]): OllamaTool[] {
  return tools.map(({ name, description, parameters }) => ({
    type: "function",
    function: description === undefined ? { name, parameters } : { name, description, parameters },
  }));
}
