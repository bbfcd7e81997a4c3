/** The messages between the orchestrator and a consumer's child process. */
import type { ConcurrencyFigure, StreamFigures } from "../figures/figures.js";
import type { ToolCallsFigure } from "../figures/tool-calls.js";

export interface ChildTask {
  readonly consumerId: string;
  readonly origin: string;
  readonly config: "full" | "smoke";
  /** `tools`: the tool-call figure, through the tool consumer of that id. */
  readonly part: "streams" | "concurrency" | "tools";
}

export type ChildReply =
  | { readonly ok: true; readonly part: "streams"; readonly figures: StreamFigures }
  | { readonly ok: true; readonly part: "concurrency"; readonly figure: ConcurrencyFigure }
  | { readonly ok: true; readonly part: "tools"; readonly figure: ToolCallsFigure }
  | { readonly ok: false; readonly error: string };
