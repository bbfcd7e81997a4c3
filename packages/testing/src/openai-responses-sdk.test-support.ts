import OpenAI from "openai";
import type { ResponseStreamEvent } from "openai/resources/responses/responses";

/** What the real `openai` SDK handed over of a streamed `responses.create`: every event, and the failure that ended it, if any. */
export interface SdkStreamRead {
  readonly events: ResponseStreamEvent[];
  readonly error: unknown;
}

/** An `openai` client for a loopback server (`baseURL` ending in `/v1`), with retries and logging off. */
export function sdkClient(baseURL: string): OpenAI {
  return new OpenAI({ apiKey: "sk-test", baseURL, maxRetries: 0, logLevel: "off" });
}

/** Streams `responses.create({ ..., stream: true })` through the real `openai` SDK, as an adapter would. */
export async function readResponsesStream(baseURL: string, body: object = {}): Promise<SdkStreamRead> {
  const events: ResponseStreamEvent[] = [];
  try {
    const stream = await sdkClient(baseURL).responses.create({
      model: "gpt-4.1-mini",
      input: "Hi",
      stream: true,
      ...body,
    });
    for await (const event of stream) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

/** The text of the `response.output_text.delta` events, joined. */
export function textOf(events: readonly ResponseStreamEvent[]): string {
  return events.flatMap((event) => (event.type === "response.output_text.delta" ? [event.delta] : [])).join("");
}

/** The stream's last event, which must be of `type`. */
export function lastEvent<TType extends ResponseStreamEvent["type"]>(
  events: readonly ResponseStreamEvent[],
  type: TType,
): Extract<ResponseStreamEvent, { type: TType }> {
  const last = events.at(-1);
  if (last?.type !== type) throw new Error(`the stream ends with ${last?.type ?? "nothing"}, not ${type}`);
  return last as Extract<ResponseStreamEvent, { type: TType }>;
}
