/**
 * How a provider is asked for structured output, best first:
 * - `json_schema`: the provider constrains the answer to the schema (OpenAI `response_format`
 *   with `strict: true`, Anthropic `output_config.format`);
 * - `tool`: the provider is made to call one tool whose arguments are the answer (for APIs or
 *   models without the former);
 * - `json`: the schema is written into the instructions and the answer parsed leniently (any
 *   server; core does it for every adapter, whatever the adapter declares).
 */
export type OutputMode = "json_schema" | "tool" | "json";

/**
 * The structured output core asks an adapter for, in `request.output`: sent only in a mode the
 * adapter declares in `outputModes` (and in `json` mode, which needs nothing of the adapter: the
 * instructions are already in the messages).
 *
 * Whatever the mode, the adapter reports the JSON the model writes as its chunks' `content`
 * (in `tool` mode: the forced call's argument text, never as `toolCallDeltas`), and core parses it.
 */
export interface OutputSpec {
  readonly mode: OutputMode;
  /** A name for the schema (OpenAI `json_schema.name`, the forced tool's name): letters, digits, `_`, `-`. */
  readonly name: string;
  readonly description: string | undefined;
  /**
   * The answer's JSON Schema, always an object schema (core wraps any other root in an object). In
   * `json_schema` mode it is already in strict form: every property required (optional ones made
   * nullable, which core maps back), `additionalProperties: false` on every object.
   */
  readonly schema: Readonly<Record<string, unknown>>;
}
