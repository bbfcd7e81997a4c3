/**
 * The structured-output consumers: each turns the fragments of one JSON text into its value, the way
 * a library's partial-object stream does, and says how many partial values it made on the way. Each
 * loads its library only when it runs (one library per child process).
 *
 * promptstream's parser is not exported by `@promptstream/core` yet (`stream.partialObjects` is not
 * wired): the bench bundles its source (see main.ts) and the child imports that bundle. Its three
 * rows are what the stream will do: push every fragment, and take a snapshot after every fragment
 * (a slow stream: one event per network read) or once per network read (a fast one: the stream
 * coalesces the events a read holds; a 64 KiB read holds 250-500 SSE events of a few characters).
 */
import { pathToFileURL } from "node:url";

/** What a consumer gets for one run. */
export interface RunContext {
  readonly fragments: readonly string[];
  /** The whole text, for the JSON.parse floor only. */
  readonly text: string;
  /** performance.now() past which the run stops (it throws a TimeLimitError). */
  readonly deadline: number;
  /** Samples the process's RSS; consumers call it every CHECK_EVERY fragments. */
  readonly sample: () => void;
  /** The bundle of promptstream's parser. */
  readonly parserModule: string;
}

/** A run's value, and how many partial values (snapshots, parses, yields) it made. */
interface RunResult {
  readonly value: unknown;
  readonly partials: number;
}

type Run = (context: RunContext) => RunResult | Promise<RunResult>;

export interface StructuredConsumer {
  readonly id: string;
  readonly label: string;
  /** The library and its version (filled in by the report). */
  readonly library: string;
  readonly load: () => Promise<Run>;
}

export class TimeLimitError extends Error {
  override name = "TimeLimitError";
}

const CHECK_EVERY = 256;
/** promptstream's "network read": a snapshot every this many fragments. */
export const FRAGMENTS_PER_READ = 256;

/** Every CHECK_EVERY fragments: a memory sample, and the time limit. */
function check(context: RunContext, index: number): void {
  if (index % CHECK_EVERY !== CHECK_EVERY - 1) return;
  context.sample();
  if (performance.now() > context.deadline) throw new TimeLimitError(`stopped at fragment ${index + 1}`);
}

interface IncrementalParser {
  push(text: string): void;
  end(): void;
  snapshot(): unknown;
  readonly value: unknown;
  readonly error: string | undefined;
  readonly changed: boolean;
}

async function loadParser(path: string): Promise<new () => IncrementalParser> {
  const module = (await import(pathToFileURL(path).href)) as { IncrementalJsonParser: new () => IncrementalParser };
  return module.IncrementalJsonParser;
}

/** promptstream's parser; a snapshot every `every` fragments when the value changed (0: none). */
function promptstream(every: number): Run {
  let Parser: (new () => IncrementalParser) | undefined;
  return async (context) => {
    Parser ??= await loadParser(context.parserModule);
    const parser = new Parser();
    const { fragments } = context;
    let partials = 0;
    for (let index = 0; index < fragments.length; index += 1) {
      parser.push(fragments[index] as string);
      if (every !== 0 && (index + 1) % every === 0 && parser.changed) {
        parser.snapshot();
        partials += 1;
      }
      check(context, index);
    }
    parser.end();
    if (parser.error !== undefined) throw new Error(parser.error);
    return { value: parser.value, partials };
  };
}

/** A naive tolerant re-parse: the text so far, closed (an open string, then open brackets), through JSON.parse. */
function closeOpen(text: string): string {
  const open: string[] = [];
  let inString = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (inString) {
      if (char === "\\") at += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{") open.push("}");
    else if (char === "[") open.push("]");
    else if (char === "}" || char === "]") open.pop();
  }
  return `${text}${inString ? '"' : ""}${open.reverse().join("")}`;
}

/** Fragments as an async iterable (checking the limit), for the consumers that take a stream. */
async function* streamOf(context: RunContext): AsyncGenerator<string> {
  for (let index = 0; index < context.fragments.length; index += 1) {
    yield context.fragments[index] as string;
    check(context, index);
  }
}

export const STRUCTURED_CONSUMERS: readonly StructuredConsumer[] = [
  {
    id: "json-parse",
    label: "JSON.parse of the whole text (floor)",
    library: "node",
    load: async () => (context) => ({ value: JSON.parse(context.text), partials: 0 }),
  },
  {
    id: "join-parse",
    label: "fragments joined, JSON.parse once",
    library: "node",
    load: async () => (context) => ({ value: JSON.parse(context.fragments.join("")), partials: 0 }),
  },
  {
    id: "promptstream-push",
    label: "promptstream parser, no snapshot",
    library: "@promptstream/core",
    load: async () => promptstream(0),
  },
  {
    id: "promptstream-read",
    label: `promptstream parser, snapshot per read (${FRAGMENTS_PER_READ} fragments)`,
    library: "@promptstream/core",
    load: async () => promptstream(FRAGMENTS_PER_READ),
  },
  {
    id: "promptstream-every",
    label: "promptstream parser, snapshot per fragment",
    library: "@promptstream/core",
    load: async () => promptstream(1),
  },
  {
    id: "ai-sdk-partial",
    label: "AI SDK parsePartialJson per fragment",
    library: "ai",
    load: async () => {
      const { parsePartialJson } = await import("ai");
      return async (context) => {
        const { fragments } = context;
        let text = "";
        let value: unknown;
        for (let index = 0; index < fragments.length; index += 1) {
          text += fragments[index];
          value = (await parsePartialJson(text)).value;
          check(context, index);
        }
        return { value, partials: fragments.length };
      };
    },
  },
  {
    id: "ai-sdk-stream",
    label: "AI SDK streamText + Output.object (mock model)",
    library: "ai",
    load: async () => {
      const { Output, jsonSchema, streamText } = await import("ai");
      const { MockLanguageModelV3 } = await import("ai/test");
      globalThis.AI_SDK_LOG_WARNINGS = false;
      type Part =
        Awaited<ReturnType<InstanceType<typeof MockLanguageModelV3>["doStream"]>>["stream"] extends ReadableStream<
          infer P
        >
          ? P
          : never;
      return async (context) => {
        const parts: Part[] = [
          { type: "stream-start", warnings: [] },
          { type: "text-start", id: "0" },
        ];
        for (const delta of context.fragments) parts.push({ type: "text-delta", id: "0", delta });
        parts.push({ type: "text-end", id: "0" });
        parts.push({
          type: "finish",
          finishReason: { unified: "stop", raw: "stop" },
          usage: {
            inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
            outputTokens: { total: context.fragments.length, text: context.fragments.length, reasoning: undefined },
          },
        });
        const model = new MockLanguageModelV3({
          doStream: async () => ({
            stream: new ReadableStream<Part>({
              start(controller) {
                for (const part of parts) controller.enqueue(part);
                controller.close();
              },
            }),
          }),
        });
        let failure: unknown;
        const result = streamText({
          model,
          prompt: "Write the document.",
          output: Output.object({ schema: jsonSchema<Record<string, unknown>>({ type: "object" }) }),
          maxRetries: 0,
          experimental_telemetry: { isEnabled: false },
          onError: ({ error }) => {
            failure = error;
          },
        });
        let partials = 0;
        for await (const _partial of result.partialOutputStream) {
          check(context, partials);
          partials += 1;
        }
        if (failure !== undefined) throw failure;
        return { value: await result.output, partials };
      };
    },
  },
  {
    id: "langchain",
    label: "LangChain JsonOutputParser.transform",
    library: "@langchain/core",
    load: async () => {
      const { JsonOutputParser } = await import("@langchain/core/output_parsers");
      return async (context) => {
        const parser = new JsonOutputParser();
        let value: unknown;
        let partials = 0;
        for await (const partial of await parser.transform(streamOf(context), {})) {
          value = partial;
          partials += 1;
        }
        return { value, partials };
      };
    },
  },
  {
    id: "naive",
    label: "naive: close brackets + JSON.parse per fragment",
    library: "node",
    load: async () => (context) => {
      const { fragments } = context;
      let text = "";
      let value: unknown;
      let partials = 0;
      for (let index = 0; index < fragments.length; index += 1) {
        text += fragments[index];
        try {
          value = JSON.parse(closeOpen(text));
          partials += 1;
        } catch {
          // Not JSON yet even closed (a key without its value, a half number): keep the last value.
        }
        check(context, index);
      }
      return { value, partials };
    },
  },
];

export function structuredConsumerById(id: string): StructuredConsumer {
  const consumer = STRUCTURED_CONSUMERS.find((candidate) => candidate.id === id);
  if (consumer === undefined) throw new Error(`no structured consumer ${id}`);
  return consumer;
}
