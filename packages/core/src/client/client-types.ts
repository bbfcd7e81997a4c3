import type { CallResponse } from "../adapter/v1/call-response.js";
import type { OutputMode } from "../adapter/v1/output-spec.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { AnyTool, ToolCall } from "../tools/tool.js";
import type { ToolStep, ToolStreamPart } from "../tools/tool-stream-parts.js";
import type { InvalidToolCall } from "../tools/validate-tool-call.js";

/** A chunk read back from an event stream: the neutral fields of the server's chunk. */
export interface ClientChunk extends ResponseChunk {
  /** Absent on chunks, set on tool-call parts: tells them apart. */
  readonly kind?: undefined;
  /** The reasoning text this chunk adds; `""` when it adds none. */
  readonly reasoning: string;
}

/** What a client stream yields: the chunks, and the tool-call parts of a prompt with tools. */
export type ClientStreamChunk = ClientChunk | ToolStreamPart<readonly AnyTool[]>;

/** The final response read back from an event stream: the neutral fields of the server's response. */
export interface ClientResponse<TObject = unknown> extends CallResponse {
  /** The tool calls, for a prompt with tools. */
  readonly toolCalls: readonly ToolCall[] | undefined;
  readonly invalidToolCalls: readonly InvalidToolCall[] | undefined;
  /** The tool loop's steps. */
  readonly steps: readonly ToolStep[] | undefined;
  /** The validated answer, for a prompt with an `output` schema. */
  readonly object: TObject | undefined;
  readonly outputMode: OutputMode | undefined;
}
