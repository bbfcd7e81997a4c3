/** A tool as core hands it to an adapter: what the provider must be told about it. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string | undefined;
  /** The arguments' JSON Schema (an object schema), from the tool's validator or given as is. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Ask for strict schema adherence where the provider has it (OpenAI `strict`); `undefined`: its default. */
  readonly strict: boolean | undefined;
}
