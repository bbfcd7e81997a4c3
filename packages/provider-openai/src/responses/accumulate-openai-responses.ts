import type { StreamSummary, ToolCallDelta } from "@promptstream/core";
import type {
  Response as OpenAIResponse,
  ResponseOutputItem,
  ResponseStreamEvent,
} from "openai/resources/responses/responses";
import { mapOpenAIResponsesFinish } from "./map-openai-responses-finish-reason.js";
import { mapOpenAIResponsesUsage } from "./map-openai-responses-usage.js";
import type { OpenAIResponsesChunkFields } from "./openai-responses-chunk.js";
import {
  createStreamedOpenAIResponsesResponse,
  type OpenAIResponsesCallResponse,
} from "./openai-responses-response.js";

/** A function call of the stream, in its place among the response's calls. */
interface StreamedCall {
  id: string;
  name: string;
  argsLength: number;
}

/**
 * The state of one Responses stream beyond the text core accumulates: the function calls'
 * places, the raw response, the output items and the reasoning and refusal text, for the
 * chunks' neutral fields and `stream.response()`.
 *
 * Function calls are matched by `output_index`, never by `item_id`: proxies (GitHub Copilot's)
 * send a different `item_id` on nearly every event of one item.
 */
export class OpenAIResponsesAccumulator {
  /** Each function call's place among the calls, by its `output_index`. */
  readonly #callPlaces = new Map<number, number>();
  readonly #calls: StreamedCall[] = [];
  /** The items of `response.output_item.done`, by `output_index`. */
  readonly #doneItems: ResponseOutputItem[] = [];
  #response: OpenAIResponse | undefined;
  #reasoning = "";
  #refusal = "";

  /** The neutral fields of an event other than a text delta, keeping what the final response needs. */
  add(event: ResponseStreamEvent): OpenAIResponsesChunkFields | undefined {
    switch (event.type) {
      case "response.created":
      case "response.in_progress":
      case "response.queued":
        // Proxies may leave out the response of these events.
        if (event.response !== undefined) this.#response = event.response;
        return undefined;
      case "response.reasoning_summary_text.delta":
      case "response.reasoning_text.delta":
        this.#reasoning += event.delta;
        return { reasoning: event.delta };
      case "response.refusal.delta":
        this.#refusal += event.delta;
        return { refusal: event.delta };
      case "response.output_item.added":
        return event.item.type === "function_call"
          ? this.#startCall(event.output_index, event.item.call_id, event.item.name, event.item.arguments)
          : undefined;
      case "response.function_call_arguments.delta":
        return this.#addArguments(event.output_index, event.delta);
      case "response.output_item.done":
        this.#doneItems[event.output_index] = event.item;
        return event.item.type === "function_call"
          ? this.#endCall(event.output_index, event.item.call_id, event.item.name, event.item.arguments)
          : undefined;
      case "response.completed":
      case "response.incomplete":
        return this.#finish(event.response, event.type === "response.incomplete");
      default:
        return undefined;
    }
  }

  /** The response `call()` would have returned, from what core accumulated and what was kept here. */
  toResponse(summary: StreamSummary): OpenAIResponsesCallResponse {
    const completedOutput = this.#response?.output;
    const output =
      completedOutput !== undefined && completedOutput.length > 0
        ? completedOutput
        : this.#doneItems.filter((item) => item !== undefined);
    return createStreamedOpenAIResponsesResponse(summary, {
      response: this.#response,
      output,
      reasoning: this.#reasoning,
      refusal: this.#refusal,
    });
  }

  #startCall(outputIndex: number, id: string, name: string, args: string | undefined): OpenAIResponsesChunkFields {
    const place = this.#callAt(outputIndex, id, name);
    const call = this.#calls[place] as StreamedCall;
    if (call.id === "") call.id = id;
    if (call.name === "") call.name = name;
    const argsTextDelta = args ?? "";
    call.argsLength += argsTextDelta.length;
    return { toolCallDeltas: [{ index: place, id: id || undefined, name: name || undefined, argsTextDelta }] };
  }

  #addArguments(outputIndex: number, delta: string): OpenAIResponsesChunkFields {
    const place = this.#callAt(outputIndex, "", "");
    (this.#calls[place] as StreamedCall).argsLength += delta.length;
    return { toolCallDeltas: [{ index: place, argsTextDelta: delta }] };
  }

  /** Marks the call done, with what its events left out: some servers send the arguments whole, at the end. */
  #endCall(outputIndex: number, id: string, name: string, args: string): OpenAIResponsesChunkFields {
    const place = this.#callAt(outputIndex, "", "");
    const call = this.#calls[place] as StreamedCall;
    const delta: ToolCallDelta = {
      index: place,
      id: call.id === "" && id ? id : undefined,
      name: call.name === "" && name ? name : undefined,
      argsTextDelta: call.argsLength === 0 ? args : "",
      done: true,
    };
    call.argsLength += delta.argsTextDelta.length;
    return { toolCallDeltas: [delta] };
  }

  /** The place of the call at `outputIndex`; a new place for a call not announced by `response.output_item.added`. */
  #callAt(outputIndex: number, id: string, name: string): number {
    const known = this.#callPlaces.get(outputIndex);
    if (known !== undefined) return known;
    const place = this.#calls.push({ id, name, argsLength: 0 }) - 1;
    this.#callPlaces.set(outputIndex, place);
    return place;
  }

  #finish(response: OpenAIResponse | undefined, incomplete: boolean): OpenAIResponsesChunkFields {
    if (response !== undefined) this.#response = response;
    const status = incomplete ? "incomplete" : (response?.status ?? "completed");
    const finish = mapOpenAIResponsesFinish(
      { status, incomplete_details: response?.incomplete_details ?? null },
      {
        hasFunctionCalls: this.#calls.length > 0,
        refused: this.#refusal !== "",
      },
    );
    return { ...finish, usage: response?.usage == null ? undefined : mapOpenAIResponsesUsage(response.usage) };
  }
}
