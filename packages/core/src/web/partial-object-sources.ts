/**
 * Where the server helpers find a stream's partial objects: a structured stream registers its
 * parser's snapshot here, so that the event stream carries `object` events without the stream
 * classes exposing their parser.
 */
import type { PartialObjectSource } from "./body-batches.js";

const sources = new WeakMap<object, PartialObjectSource>();

export function registerPartialObjectSource(stream: object, source: PartialObjectSource): void {
  sources.set(stream, source);
}

export function partialObjectSourceOf(stream: object): PartialObjectSource | undefined {
  return sources.get(stream);
}
