import type { AssistantMessage, MessageToolCall, RawToolCall, ReasoningBlock } from "@promptstream/core";
import { googleProviderData } from "./google-thought-signatures.js";

/** A reasoning block while its thought parts arrive. */
interface OpenBlock {
  text: string;
  signature: string | undefined;
}

/**
 * What the next request needs back of the model's turn, read from its parts in order: the thought
 * parts as reasoning blocks (the pieces of one thought joined; a signed piece closes its block,
 * since Gemini asks that a signed part never be merged with another), the signature on the answer's
 * text, and each function call's signature. {@link message} turns them into the response's
 * assistant message, which carries them as plain JSON.
 */
export class GoogleModelTurn {
  readonly #blocks: OpenBlock[] = [];
  #thoughtOpen = false;
  #textSignature: string | undefined;
  readonly #callSignatures = new Map<string, string>();

  /** A thought part (`thought: true`): its text, and the signature it came with. */
  addThought(text: string, signature: string | undefined): void {
    const open = this.#thoughtOpen ? this.#blocks[this.#blocks.length - 1] : undefined;
    const block = open ?? { text: "", signature: undefined };
    if (open === undefined) this.#blocks.push(block);
    block.text += text;
    if (signature !== undefined && signature !== "") block.signature = signature;
    this.#thoughtOpen = block.signature === undefined;
  }

  /** An answer part (text or a function call): the thought before it is over. */
  addAnswerText(signature: string | undefined): void {
    this.#thoughtOpen = false;
    // Gemini signs the answer's text once (its last part, often an empty one): the last one wins.
    if (signature !== undefined && signature !== "") this.#textSignature = signature;
  }

  /** The signature of the function call with this id. */
  addCallSignature(callId: string, signature: string | undefined): void {
    this.#thoughtOpen = false;
    if (signature !== undefined && signature !== "") this.#callSignatures.set(callId, signature);
  }

  /** The assistant message of this turn: its text, its calls with their signatures, its reasoning blocks. */
  message(content: string, calls: readonly RawToolCall[] | undefined): AssistantMessage {
    const toolCalls = calls?.map((call) => this.#toMessageCall(call));
    const providerData = googleProviderData(this.#textSignature);
    return {
      role: "assistant",
      content,
      ...(toolCalls === undefined || toolCalls.length === 0 ? {} : { toolCalls }),
      ...(this.#blocks.length === 0 ? {} : { reasoning: this.#blocks.map(toReasoningBlock) }),
      ...(providerData === undefined ? {} : { providerData }),
    };
  }

  #toMessageCall({ id, name, argsText }: RawToolCall): MessageToolCall {
    const providerData = googleProviderData(this.#callSignatures.get(id));
    return { id, name, args: parseArgs(argsText), argsText, ...(providerData === undefined ? {} : { providerData }) };
  }
}

function toReasoningBlock({ text, signature }: OpenBlock): ReasoningBlock {
  return signature === undefined ? { provider: "google", text } : { provider: "google", text, signature };
}

/** A call's arguments as an object; `{}` for a call without any (or, never seen, unreadable ones). */
function parseArgs(argsText: string): unknown {
  if (argsText === "") return {};
  try {
    return JSON.parse(argsText);
  } catch {
    return {};
  }
}
