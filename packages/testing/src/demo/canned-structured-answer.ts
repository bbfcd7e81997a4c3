/**
 * @module The local servers' answer to a request for structured output: a recipe object (the shape
 * the `structured-stream` example asks for), as JSON, streamed in token-sized pieces.
 */

/** A structured answer: its JSON, and in Anthropic's `tool` mode the tool it is the input of. */
export interface CannedStructuredAnswer {
  readonly json: string;
  /** The forced tool whose input is the answer (`tool` mode); `undefined` when it is the text. */
  readonly tool: string | undefined;
}

/**
 * A canned recipe object when the request asks for structured output (OpenAI `response_format` or
 * the Responses API's `text.format`, Anthropic `output_config.format` or a forced tool, Gemini's
 * `generationConfig.responseJsonSchema` or one function forced by `toolConfig`, or core's `json` mode instructions), naming
 * the ingredient the prompt asks about ("uses <word>"); `undefined` for any other request.
 */
export function cannedStructuredAnswer(requestBody: unknown): CannedStructuredAnswer | undefined {
  const body = (requestBody ?? {}) as {
    readonly response_format?: { readonly type?: string };
    readonly text?: { readonly format?: { readonly type?: string } };
    readonly output_config?: { readonly format?: unknown };
    readonly tool_choice?: { readonly type?: string; readonly name?: string };
    readonly messages?: unknown;
    readonly system?: unknown;
    readonly input?: unknown;
    readonly instructions?: unknown;
    readonly systemInstruction?: unknown;
    readonly contents?: unknown;
    readonly generationConfig?: { readonly responseJsonSchema?: unknown; readonly responseSchema?: unknown };
    readonly toolConfig?: {
      readonly functionCallingConfig?: { readonly mode?: string; readonly allowedFunctionNames?: readonly string[] };
    };
  };
  const prompt = JSON.stringify([
    body.system ?? body.instructions ?? body.systemInstruction ?? "",
    body.messages ?? body.input ?? body.contents ?? "",
  ]);
  const jsonMode = prompt.includes("Answer with one JSON value only");
  // A forced tool: Anthropic's `{type: "tool", name}`, the Responses API's `{type: "function", name}`.
  const tool =
    body.tool_choice?.type === "tool" || body.tool_choice?.type === "function"
      ? body.tool_choice.name
      : forcedGeminiFunction(body.toolConfig?.functionCallingConfig);
  const schema =
    body.response_format?.type === "json_schema" ||
    body.text?.format?.type === "json_schema" ||
    body.generationConfig?.responseJsonSchema != null ||
    body.generationConfig?.responseSchema != null;
  if (!schema && body.output_config?.format == null && !jsonMode && tool === undefined) return undefined;
  const ingredient = /uses (\w+)/.exec(prompt)?.[1] ?? "apples";
  return { json: JSON.stringify(recipeWith(ingredient)), tool };
}

/** Gemini's forced function: `mode: "ANY"` with one allowed name. */
function forcedGeminiFunction(
  config: { readonly mode?: string; readonly allowedFunctionNames?: readonly string[] } | undefined,
): string | undefined {
  const names = config?.allowedFunctionNames ?? [];
  return config?.mode === "ANY" && names.length === 1 ? names[0] : undefined;
}

/** Cuts JSON into pieces of 2 to 6 characters, the size of a model's tokens. */
export function tokenSizedPieces(json: string): string[] {
  const pieces: string[] = [];
  for (let at = 0, size = 2; at < json.length; at += size, size = 2 + ((size * 7) % 5)) {
    pieces.push(json.slice(at, at + size));
  }
  return pieces;
}

function recipeWith(ingredient: string) {
  return {
    title: `Spiced ${ingredient} galette`,
    servings: 4,
    ingredients: [
      { name: ingredient, grams: 600 },
      { name: "flour", grams: 200 },
      { name: "cold butter", grams: 120 },
      { name: "brown sugar", grams: 60 },
      { name: "cinnamon", grams: 4 },
    ],
    steps: [
      "Rub the butter into the flour with a pinch of salt, add 4 tablespoons of iced water and chill the dough.",
      `Slice the ${ingredient} thinly and toss them with the sugar and cinnamon.`,
      "Roll the dough into a circle, pile the fruit in the middle and fold the edges over.",
      "Bake at 200°C for 40 minutes, until golden.",
    ],
  };
}
