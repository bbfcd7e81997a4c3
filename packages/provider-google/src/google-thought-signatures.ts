/**
 * @module Gemini's thought signatures, kept between the turn that received them and the turn that
 * sends them back. Gemini 3 refuses a history whose function-call parts lost the signature they
 * came with (400), but core's `AssistantMessage` has no field for provider data: a signature
 * cannot travel with the message. So the adapter remembers each call's signature by the call's id
 * (ids it generated are unique per process), in a bounded table, and puts it back when the call
 * is sent again. A call it does not know (a history built by hand, loaded from storage, or older
 * than the table) gets the placeholder Google documents for calls that were not made by this
 * model, so that the request is still accepted.
 *
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */

/** How many calls' signatures are kept: far more than one conversation's open calls. */
const CAPACITY = 2_048;

/** Google's documented placeholder signature for a function call whose own signature is unknown. */
export const PLACEHOLDER_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

const signatures = new Map<string, string>();

/** Remembers the signature a function call arrived with. */
export function rememberThoughtSignature(callId: string, signature: string | undefined): void {
  if (signature === undefined || signature === "") return;
  signatures.delete(callId);
  signatures.set(callId, signature);
  // A Map iterates in insertion order: the first key is the oldest.
  if (signatures.size > CAPACITY) signatures.delete(signatures.keys().next().value as string);
}

/** The signature a call arrived with, or the placeholder when it is not known here. */
export function thoughtSignatureOf(callId: string): string {
  return signatures.get(callId) ?? PLACEHOLDER_THOUGHT_SIGNATURE;
}
