import type { ProviderData } from "@promptstream/core";

/**
 * @module Gemini's thought signatures in core's messages. Gemini signs parts of its turn (the
 * first function call of each step, the answer's text, a thought) with an opaque
 * `thoughtSignature`, and Gemini 3 refuses a history whose function calls lost theirs (400). The
 * signatures travel with the message, as plain JSON: a call's in `toolCalls[i].providerData.google`,
 * the text's in the message's `providerData.google`, a thought's in its reasoning block's
 * `signature`. So a history stored as JSON and sent from another process keeps them.
 *
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */

/**
 * Google's documented placeholder signature, sent on the first function call of a model turn that
 * has no signature at all (a history written by hand, or made by another provider), so that
 * Gemini 3 accepts it.
 */
export const PLACEHOLDER_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

/** `providerData` carrying a Gemini thought signature, or `undefined` without one. */
export function googleProviderData(signature: string | undefined): ProviderData | undefined {
  return signature === undefined || signature === "" ? undefined : { google: { thoughtSignature: signature } };
}

/** The Gemini thought signature a message's or a call's `providerData` carries, if any. */
export function thoughtSignatureIn(data: ProviderData | undefined): string | undefined {
  const signature = data?.google?.thoughtSignature;
  return typeof signature === "string" && signature !== "" ? signature : undefined;
}
