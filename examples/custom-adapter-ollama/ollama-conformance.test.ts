/** The provider conformance suite, shared by every adapter, run against the Ollama adapter, tools included. */
import { describeAdapterConformance, startLoopbackConformanceServer } from "@promptstream/testing/conformance";
import { OllamaPrompt } from "./src/index.js";
import { ollamaChatWireFormat } from "./src/ollama-chat-server.js";

describeAdapterConformance({
  name: "ollama",
  Prompt: OllamaPrompt,
  startServer: () => startLoopbackConformanceServer(ollamaChatWireFormat),
  supportsTools: true,
  // Ollama sends each tool call whole, in one line: the tool cases expect one fragment per call.
  wholeToolCalls: true,
});
