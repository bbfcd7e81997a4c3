/** One `.stream()` call of a LangChain chat model, collecting each chunk's text. */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { type StreamResult, TextCollector } from "./consumer.js";

// LangSmith tracing is off unless these say otherwise; say so explicitly.
process.env.LANGSMITH_TRACING = "false";
process.env.LANGCHAIN_TRACING_V2 = "false";

export async function streamWithLangChain(model: BaseChatModel, prompt: string): Promise<StreamResult> {
  const collector = new TextCollector();
  for await (const chunk of await model.stream(prompt))
    collector.add(typeof chunk.content === "string" ? chunk.content : chunk.text);
  return collector.result();
}
