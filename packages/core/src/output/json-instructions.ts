/**
 * @module `json` mode: the schema goes into the instructions, for servers that cannot be asked
 * for it otherwise (OpenAI-compatible servers without `response_format`, any adapter that
 * declares no output mode).
 */
import type { Message } from "../prompt/message.js";
import type { PreparedOutput } from "./prepare-output.js";

/** The messages with the instructions added to the system message (a new one first if there is none). */
export function withJsonInstructions(messages: readonly Message[], output: PreparedOutput): readonly Message[] {
  const description = output.description === undefined ? "" : ` It is: ${output.description}.`;
  const instructions =
    `Answer with one JSON value only, with no text or code fence around it, that follows this JSON Schema.${description}\n` +
    JSON.stringify(output.schema);
  const first = messages[0];
  if (first?.role === "system") {
    return [{ ...first, content: `${first.content}\n\n${instructions}` }, ...messages.slice(1)];
  }
  return [{ role: "system", content: instructions }, ...messages];
}
