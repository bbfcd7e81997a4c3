/** The messages between the orchestrator and a consumer's child process. */
import type { ConcurrencyFigure, StreamFigures } from "../figures/figures.js";

export interface ChildTask {
  readonly consumerId: string;
  readonly origin: string;
  readonly config: "full" | "smoke";
  readonly part: "streams" | "concurrency";
}

export type ChildReply =
  | { readonly ok: true; readonly part: "streams"; readonly figures: StreamFigures }
  | { readonly ok: true; readonly part: "concurrency"; readonly figure: ConcurrencyFigure }
  | { readonly ok: false; readonly error: string };
