/**
 * The middleware figure's two measurements: core alone (an in-memory adapter: µs per chunk and
 * per call), and a real wire (OpenAI Chat Completions from the bench's loopback server through
 * the openai SDK: client CPU µs per chunk). Variants run interleaved, the order rotating each
 * round, with a full gc before each sample.
 */
import { scenarioBase } from "../scenario.js";
import { median } from "../stats.js";
import { memoryPrompt } from "./memory-prompt.js";
import type { CoreModule, Variant } from "./variants.js";

/** A provider's prompt factory, as the figures use it (`definePrompt(adapter)`, `OpenAIPrompt`). */
export type PromptFactory = ReturnType<CoreModule["definePrompt"]>;

/** Opens one stream of the prompt under test with a variant's options. */
type OpenStream = (options: object) => AsyncIterable<{ readonly content: string }>;

/** A variant ready to run: its options made once, and the build of core and the provider it runs on. */
export interface ReadyVariant extends Variant {
  readonly streamOptions: object;
  readonly core: CoreModule;
  readonly OpenAIPrompt: PromptFactory;
}

/** A figure's samples per variant, by id, and their median, lowest and highest. */
export interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export interface CoreFigureConfig {
  readonly textChunks: number;
  readonly callsPerSample: number;
}

export interface RoundsConfig {
  readonly warmups: number;
  readonly samples: number;
}

function figureOf(samples: readonly number[]): Figure {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples };
}

/**
 * Runs `measure` for every variant, `warmups` untimed rounds then `samples` timed ones, interleaved.
 * `gc`: a full gc before each sample (for long samples; short ones pay for their own garbage).
 */
async function rounds(
  variants: readonly ReadyVariant[],
  { warmups, samples }: RoundsConfig,
  gc: boolean,
  measure: (variant: ReadyVariant) => Promise<number>,
): Promise<Map<string, Figure>> {
  const timed = new Map<string, number[]>(variants.map((variant) => [variant.id, []]));
  for (let round = 0; round < warmups + samples; round += 1) {
    for (let index = 0; index < variants.length; index += 1) {
      const variant = variants[(index + round) % variants.length] as ReadyVariant;
      if (gc) globalThis.gc?.();
      const value = await measure(variant);
      if (round >= warmups) timed.get(variant.id)?.push(value);
    }
  }
  return new Map([...timed].map(([id, values]) => [id, figureOf(values)]));
}

/** Streams `calls` times and checks each text's length. */
async function stream(open: OpenStream, options: object, calls: number, expectedLength: number): Promise<void> {
  for (let call = 0; call < calls; call += 1) {
    let length = 0;
    for await (const chunk of open(options)) length += chunk.content.length;
    if (length !== expectedLength)
      throw new Error(`a stream gave ${length} characters where ${expectedLength} were sent`);
  }
}

/**
 * Core alone: wall µs per call over `config.callsPerSample` streams of `config.textChunks` chunks
 * each, in one process with no I/O (the main thread's time: the CPU time of the process would
 * count V8's background threads too). The garbage a variant makes is collected as it runs, and
 * counted: no gc is forced between these short samples.
 */
export async function coreFigure(
  variants: readonly ReadyVariant[],
  config: CoreFigureConfig,
  rounding: RoundsConfig,
): Promise<Map<string, Figure>> {
  const opens = new Map<CoreModule, OpenStream>();
  for (const { core } of variants) {
    const Prompt = memoryPrompt(core, config.textChunks);
    opens.set(core, (options) => new Prompt().stream(undefined, options));
  }
  return rounds(variants, rounding, false, async (variant) => {
    const open = opens.get(variant.core) as OpenStream;
    const started = performance.now();
    await stream(open, variant.streamOptions, config.callsPerSample, config.textChunks);
    return ((performance.now() - started) * 1000) / config.callsPerSample;
  });
}

/** What the wire figure needs: the loopback server's origin, and the stream it serves. */
export interface WireSetup {
  readonly origin: string;
  readonly chunks: number;
  readonly expectedLength: number;
}

/** OpenAI Chat Completions over the loopback server: this process's CPU µs per chunk of one stream. */
export async function wireFigure(
  { origin, chunks, expectedLength }: WireSetup,
  variants: readonly ReadyVariant[],
  rounding: RoundsConfig,
): Promise<Map<string, Figure>> {
  const scenario = { chunks, mode: "burst", profile: "english" } as const;
  // One options object for every stream: promptstream turns it into one client and reuses it.
  const client = { baseURL: `${scenarioBase(origin, scenario)}/v1`, apiKey: "bench-not-a-real-key" };
  const opens = new Map<PromptFactory, OpenStream>();
  for (const { OpenAIPrompt } of variants) {
    const BenchPrompt = OpenAIPrompt({
      template: "{question}",
      callParams: { model: "gpt-4o-mini" },
      client,
      maxRetries: 0,
    });
    opens.set(OpenAIPrompt, (options) =>
      new BenchPrompt({ question: "Stream the benchmark text." }).stream(undefined, options),
    );
  }
  return rounds(variants, rounding, true, async (variant) => {
    const open = opens.get(variant.OpenAIPrompt) as OpenStream;
    const before = process.cpuUsage();
    await stream(open, variant.streamOptions, 1, expectedLength);
    const cpu = process.cpuUsage(before);
    return (cpu.user + cpu.system) / chunks;
  });
}
