/**
 * The smoke run every runtime executes: through each provider, a whole stream, a stream aborted by
 * `stream.abort()` and one aborted by an `AbortSignal`, two HTTP errors and a retried 503, all
 * against a loopback server the test started. It imports the built packages by name, as an app
 * would, and only uses what every runtime has (fetch, AbortController, timers): no `node:` import.
 */
import { PromptstreamError, StreamAbortedError } from "@promptstream/core";
import { AnthropicPrompt } from "@promptstream/provider-anthropic";
import { OpenAIPrompt } from "@promptstream/provider-openai";

/** Where each provider's loopback server listens, as each SDK wants its `baseURL`. */
export interface SmokeTargets {
  readonly openaiBaseURL: string;
  readonly anthropicBaseURL: string;
}

/** What one scenario ended with: the text, or the error's public fields. */
interface ScenarioOutcome {
  readonly text?: string;
  readonly finishReason?: string | undefined;
  readonly attempts?: number;
  readonly error?: {
    readonly name: string;
    readonly code: string;
    readonly status?: number | undefined;
    readonly provider?: string | undefined;
    readonly retryable: boolean;
    readonly partialText?: string | undefined;
    /** `instanceof StreamAbortedError` / `PromptstreamError.isInstance`: the classes survive the runtime's module loading. */
    readonly isAbort: boolean;
    readonly isPromptstreamError: boolean;
    /** The configured API key appears in the message or `String(error)`: must never be true. */
    readonly leaksKey: boolean;
  };
}

type ProviderReport = Record<Scenario, ScenarioOutcome>;

export interface SmokeReport {
  readonly runtime: string;
  readonly openai: ProviderReport;
  readonly anthropic: ProviderReport;
}

/** The scenario names the loopback server reads from the prompt text to choose its answer. */
export const SCENARIOS = ["stream", "abort-method", "abort-signal", "unauthorized", "server-error", "retry"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Not a real key: the report checks it never shows up in an error. */
const API_KEY = "sk-runtime-smoke-0123456789";

/** Runs every scenario through both providers, one after the other, and reports the outcomes. */
export async function runSmoke(targets: SmokeTargets, runtime: string): Promise<SmokeReport> {
  // Retries are off except in the "retry" scenario, where a 10 ms backoff exercises the runtime's timers.
  const common = { maxRetries: 0, retryDelayMs: 10 } as const;
  const openai = OpenAIPrompt({
    template: "USER: scenario:{scenario}",
    client: { baseURL: targets.openaiBaseURL, apiKey: API_KEY },
    ...common,
  });
  const anthropic = AnthropicPrompt({
    template: "USER: scenario:{scenario}",
    client: { baseURL: targets.anthropicBaseURL, apiKey: API_KEY },
    ...common,
  });
  return {
    runtime,
    openai: await runScenarios((scenario) => new openai({ scenario })),
    anthropic: await runScenarios((scenario) => new anthropic({ scenario })),
  };
}

/** The part of a prompt instance the scenarios use, the same for both providers. */
interface SmokePrompt {
  stream(
    params?: undefined,
    options?: { signal?: AbortSignal; maxRetries?: number },
  ): AsyncIterable<{ content: string }> & {
    abort(reason?: unknown): void;
    response(): Promise<{ content: string; finishReason: string | undefined }>;
    readonly attempts: number;
  };
}

async function runScenarios(prompt: (scenario: Scenario) => SmokePrompt): Promise<ProviderReport> {
  const report = {} as Record<Scenario, ScenarioOutcome>;
  for (const scenario of SCENARIOS) report[scenario] = await outcomeOf(() => runScenario(prompt(scenario), scenario));
  return report;
}

async function runScenario(prompt: SmokePrompt, scenario: Scenario): Promise<ScenarioOutcome> {
  switch (scenario) {
    case "abort-method": {
      const stream = prompt.stream();
      // The server sends a first piece, then holds the connection open: only the abort can end it.
      for await (const chunk of stream) if (chunk.content !== "") stream.abort("smoke");
      throw new Error("the aborted stream ended without an error");
    }
    case "abort-signal": {
      const controller = new AbortController();
      const stream = prompt.stream(undefined, { signal: controller.signal });
      for await (const chunk of stream) if (chunk.content !== "") controller.abort("smoke");
      throw new Error("the aborted stream ended without an error");
    }
    case "retry": {
      const stream = prompt.stream(undefined, { maxRetries: 1 });
      return streamed(stream);
    }
    default:
      return streamed(prompt.stream());
  }
}

async function streamed(stream: ReturnType<SmokePrompt["stream"]>): Promise<ScenarioOutcome> {
  let text = "";
  for await (const chunk of stream) text += chunk.content;
  const { finishReason } = await stream.response();
  return { text, finishReason, attempts: stream.attempts };
}

async function outcomeOf(run: () => Promise<ScenarioOutcome>): Promise<ScenarioOutcome> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const fields = error as Error &
      Partial<Record<"code" | "status" | "provider" | "retryable" | "partialText", unknown>>;
    return {
      error: {
        name: error.name,
        code: String(fields.code),
        status: typeof fields.status === "number" ? fields.status : undefined,
        provider: typeof fields.provider === "string" ? fields.provider : undefined,
        retryable: fields.retryable === true,
        partialText: typeof fields.partialText === "string" ? fields.partialText : undefined,
        isAbort: error instanceof StreamAbortedError,
        isPromptstreamError: PromptstreamError.isInstance(error),
        leaksKey: `${error.message} ${String(error)}`.includes(API_KEY),
      },
    };
  }
}
