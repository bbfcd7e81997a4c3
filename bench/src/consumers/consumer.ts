/** What every consumer implements, and the helper they share to collect text. */
import type { Scenario, Wire } from "../scenario.js";

/** Where a consumer sends its streams: the server's origin and the scenario to ask for. */
interface Endpoint extends Scenario {
  readonly origin: string;
}

/** One stream's outcome: its whole text, and when (performance.now()) its first text arrived. */
export interface StreamResult {
  readonly text: string;
  readonly firstTextAt: number;
}

/** Runs one stream to its end. */
export type RunStream = () => Promise<StreamResult>;

/** A consumer module: builds its clients for an endpoint once (outside any timing), then streams. */
export interface ConsumerModule {
  prepare(endpoint: Endpoint): RunStream;
}

export type ConsumerRole = "floor" | "raw-sdk" | "promptstream" | "ai-sdk" | "langchain";

export interface ConsumerInfo {
  /** e.g. `openai/promptstream`. */
  readonly id: string;
  readonly wire: Wire;
  readonly role: ConsumerRole;
  readonly label: string;
  /** Loads the consumer module (only in the child process that runs it). */
  readonly load: () => Promise<ConsumerModule>;
  /** What the consumer imports, for the cold-start figure (package names or file URLs). */
  readonly imports: readonly string[];
}

/** Appends text pieces and notes when the first non-empty one arrived. Every consumer uses it. */
export class TextCollector {
  text = "";
  firstTextAt = 0;

  add(piece: string): void {
    if (piece.length === 0) return;
    if (this.firstTextAt === 0) this.firstTextAt = performance.now();
    this.text += piece;
  }

  result(): StreamResult {
    return { text: this.text, firstTextAt: this.firstTextAt };
  }
}

/** The one user message every consumer sends. */
export const PROMPT = "Stream the benchmark text.";
/** A key for the loopback server, which ignores it. Never a real key. */
export const API_KEY = "bench-not-a-real-key";
