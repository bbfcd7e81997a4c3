/** What every tool-call consumer implements: one stream of tool calls, read to its end, its calls parsed. */
import type { Wire } from "../scenario.js";
import type { ToolScenario } from "../tool-scenario.js";
import type { ConsumerRole } from "./consumer.js";

/** Where a tool consumer sends its streams: the server's origin and the tool scenario to ask for. */
interface ToolEndpoint extends ToolScenario {
  readonly origin: string;
}

/** A call as the consumer received it: its arguments parsed (and validated, where the library does). */
export interface ReceivedToolCall {
  readonly id: string;
  readonly name: string;
  readonly args: unknown;
}

/** Runs one tool-call stream to its end; resolves with its calls, in order. */
export type RunToolStream = () => Promise<readonly ReceivedToolCall[]>;

/** A tool consumer module: builds its clients for an endpoint once (outside any timing), then streams. */
export interface ToolConsumerModule {
  prepare(endpoint: ToolEndpoint): RunToolStream;
}

/** A tool consumer, as the registry lists it. */
export interface ToolConsumerInfo {
  /** The same id as the text consumer of that library, e.g. `openai/promptstream`. */
  readonly id: string;
  readonly wire: Wire;
  readonly role: Exclude<ConsumerRole, "langchain">;
  readonly label: string;
  /** Loads the module (only in the child process that runs it). */
  readonly load: () => Promise<ToolConsumerModule>;
}

/** Gathers a stream's tool-call fragments per call and parses each call's arguments once, at the end (the floors). */
export class FragmentJoiner {
  readonly #calls: Array<{ id: string; name: string; readonly pieces: string[] }> = [];

  /** A call starts (or its fragment carries its id and name); `index` is its place among the calls. */
  start(index: number, id: string, name: string): void {
    this.#calls[index] = { id, name, pieces: [] };
  }

  /** A fragment of call `index`'s arguments. */
  add(index: number, fragment: string): void {
    const call = this.#calls[index];
    if (call === undefined) throw new Error(`a fragment for tool call ${index}, which never started`);
    call.pieces.push(fragment);
  }

  /** Every call, its fragments joined and parsed once. */
  calls(): ReceivedToolCall[] {
    return this.#calls.map(({ id, name, pieces }) => ({ id, name, args: JSON.parse(pieces.join("")) as unknown }));
  }
}
