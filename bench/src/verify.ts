/** Every stream's text is compared with what the server sent: a mismatch fails the run. */

import type { StreamResult } from "./consumers/consumer.js";
import { expectedText, type Scenario } from "./scenario.js";

class TextMismatchError extends Error {
  override readonly name = "TextMismatchError";
}

export function verifyText(consumerId: string, result: StreamResult, scenario: Scenario): void {
  const { chunks, profile } = scenario;
  const expected = expectedText(profile, chunks);
  if (result.text === expected) return;
  let at = 0;
  while (at < expected.length && result.text[at] === expected[at]) at += 1;
  throw new TextMismatchError(
    `${consumerId} received ${result.text.length} characters where ${expected.length} were served (${chunks} ${profile} chunks); ` +
      `first difference at ${at}: got ${JSON.stringify(result.text.slice(at, at + 24))}, expected ${JSON.stringify(expected.slice(at, at + 24))}`,
  );
}
