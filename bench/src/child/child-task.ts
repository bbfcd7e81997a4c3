/** The messages between the orchestrator and a consumer's child process. */
import type { ConcurrencyFigure, StreamFigures } from "../figures/figures.js";
import type { ToolCallsFigure } from "../figures/tool-calls.js";
import type { TextProfile } from "../scenario.js";

interface ChildTaskBase {
  readonly consumerId: string;
  readonly origin: string;
  readonly config: "full" | "smoke";
}

export type ChildTask =
  /** Text streams of one profile: throughput, time to first chunk and paced, or concurrency alone. */
  | (ChildTaskBase & { readonly part: "streams" | "concurrency"; readonly profile: TextProfile })
  /** The tool-call figure, through the tool consumer of that id. */
  | (ChildTaskBase & { readonly part: "tools" });

export type ChildReply =
  | { readonly ok: true; readonly part: "streams"; readonly figures: StreamFigures }
  | { readonly ok: true; readonly part: "concurrency"; readonly figure: ConcurrencyFigure }
  | { readonly ok: true; readonly part: "tools"; readonly figure: ToolCallsFigure }
  | { readonly ok: false; readonly error: string };
