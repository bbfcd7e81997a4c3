/** The provider conformance suite, shared by every adapter, run against the Ollama adapter. */
import { describeAdapterConformance, startLoopbackConformanceServer } from "@promptstream/testing/conformance";
import { OllamaPrompt } from "./src/index.js";
import { ollamaChatWireFormat } from "./src/ollama-chat-server.js";

describeAdapterConformance({
  name: "ollama",
  Prompt: OllamaPrompt,
  startServer: () => startLoopbackConformanceServer(ollamaChatWireFormat),
});
