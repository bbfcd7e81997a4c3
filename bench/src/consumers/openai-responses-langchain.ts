/** LangChain: `new ChatOpenAI({ useResponsesApi: true, streaming: true }).stream(...)` (the Responses API); retries off. */
import { chatOpenAIConsumer } from "./openai-langchain.js";

export const consumer = chatOpenAIConsumer(true);
