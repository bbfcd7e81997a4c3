/**
 * @module The local demo server's stand-in for a model that calls tools: for a request that offers
 * the demo agent's tools (`get_weather`, `calculate`), it answers each turn as a model would,
 * reading the results already sent back from the request itself. Any other request gets no turn.
 */

/** One turn of the stand-in model: some text, then the calls it makes (none for its final answer). */
export interface CannedToolTurn {
  /** What the model thinks before this turn, streamed when the request turns thinking on. */
  readonly thinking?: string;
  readonly text: string;
  readonly calls: ReadonlyArray<{ readonly id: string; readonly name: string; readonly args: object }>;
}

interface RequestBody {
  readonly tools?: ReadonlyArray<{
    readonly name?: string;
    readonly function?: { readonly name?: string };
    /** Gemini's tools: declarations grouped in one tool. */
    readonly functionDeclarations?: ReadonlyArray<{ readonly name?: string }>;
  }>;
  readonly messages?: readonly unknown[];
  /** The Responses API's input items, in place of `messages`. */
  readonly input?: unknown;
  /** Gemini's turns, in place of `messages`. */
  readonly contents?: readonly unknown[];
}

/**
 * The next turn of the demo agent ("how much warmer is Rome than Paris?"), or `undefined` when the
 * request does not offer its tools: first the weather in both cities, then the difference, then
 * the answer. With `get_weather` alone, the turn of a clothing advisor (see `weatherAdviceTurn`). Works on the request bodies of every wire format (OpenAI Chat Completions and Responses, Anthropic, Gemini).
 */
export function cannedToolTurn(requestBody: unknown): CannedToolTurn | undefined {
  const body = (requestBody ?? {}) as RequestBody;
  const tools = new Set(
    (body.tools ?? []).flatMap((tool) =>
      tool.functionDeclarations === undefined
        ? [tool.function?.name ?? tool.name]
        : tool.functionDeclarations.map((declaration) => declaration.name),
    ),
  );
  if (!tools.has("get_weather")) return undefined;
  const results = toolResults(body.messages ?? body.contents ?? (Array.isArray(body.input) ? body.input : []));
  if (!tools.has("calculate")) return weatherAdviceTurn(body, results);
  if (results.length === 0) {
    return {
      text: "Let me look up the weather in both cities.",
      calls: [
        { id: "call_weather_paris", name: "get_weather", args: { city: "Paris" } },
        { id: "call_weather_rome", name: "get_weather", args: { city: "Rome" } },
      ],
    };
  }
  const [paris, rome] = results.map(temperatureIn);
  if (results.length === 2) {
    return {
      text: "Now the difference.",
      calls: [{ id: "call_difference", name: "calculate", args: { expression: `${rome ?? 0} - ${paris ?? 0}` } }],
    };
  }
  return {
    text: `Rome is ${results[2] ?? "?"}°C warmer than Paris right now (${rome ?? "?"}°C against ${paris ?? "?"}°C).`,
    calls: [],
  };
}

/**
 * The turn of an advisor with only `get_weather` ("what should I wear in Lisbon today?"): the
 * weather in the city the question names, then advice from the result sent back.
 */
function weatherAdviceTurn(body: RequestBody, results: readonly string[]): CannedToolTurn {
  const city =
    /wear in ([A-Z][\w-]*)/.exec(JSON.stringify(body.messages ?? body.contents ?? body.input))?.[1] ?? "Paris";
  const result = results.at(-1);
  if (result === undefined) {
    return {
      thinking: `The user wants to know what to wear in ${city}. That depends on today's weather, so I will call get_weather first.`,
      text: "Let me check the weather first.",
      calls: [{ id: "call_weather", name: "get_weather", args: { city } }],
    };
  }
  const celsius = /"celsius"\s*:\s*(-?\d+)/.exec(result)?.[1] ?? "?";
  const sky = /"sky"\s*:\s*"([^"]*)"/.exec(result)?.[1] ?? "changeable";
  return {
    thinking: `get_weather says ${sky} and ${celsius}°C in ${city}: cool and wet. Layers, and something waterproof.`,
    text:
      `With ${sky} and ${celsius}°C in ${city}, wear a warm sweater under a waterproof jacket, ` +
      "closed shoes, and take an umbrella.",
    calls: [],
  };
}

/**
 * The tool results a request sends back, as text, in order: OpenAI `role: "tool"` messages, Responses API
 * `function_call_output` items, Anthropic `tool_result` blocks or Gemini `functionResponse` parts.
 */
function toolResults(messages: readonly unknown[]): string[] {
  return messages.flatMap((message) => {
    const { role, content, type, output, parts } = message as {
      role?: unknown;
      content?: unknown;
      type?: unknown;
      output?: unknown;
      parts?: unknown;
    };
    if (role === "tool") return [String(content)];
    if (type === "function_call_output") return [String(output)];
    if (Array.isArray(parts)) return parts.flatMap(functionResponseText);
    if (role !== "user" || !Array.isArray(content)) return [];
    return content.flatMap((block: { type?: unknown; content?: unknown }) =>
      block.type === "tool_result" ? [String(block.content)] : [],
    );
  });
}

function temperatureIn(result: string): number | undefined {
  const match = /"temperature"\s*:\s*(-?\d+(?:\.\d+)?)/.exec(result);
  return match === null ? undefined : Number(match[1]);
}

/** A Gemini part's `functionResponse.response` as text: its one value (e.g. `{ output: "<the result's text>" }`), or its JSON. */
function functionResponseText(part: { functionResponse?: { response?: object } }): string[] {
  const response = part.functionResponse?.response;
  if (response === undefined) return [];
  const values = Object.values(response);
  return [values.length === 1 && typeof values[0] !== "object" ? String(values[0]) : JSON.stringify(response)];
}
