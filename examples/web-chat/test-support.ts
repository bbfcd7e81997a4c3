/**
 * What the web chat's tests share: a loopback OpenAI server whose answer each test scripts, put
 * where the `openai` SDK looks (OPENAI_BASE_URL), with a key the tests check never leaks.
 */
import { type OpenAIChatScript, type RecordedRequest, startOpenAIChatServer } from "@promptstream/testing";

/** The key the servers under test send; no page, body or error may show it. */
export const TEST_KEY = "sk-web-chat-test-key-do-not-show";

/** A loopback provider whose next answers are set with `answerWith`. */
export interface ScriptedProvider {
  answerWith(script: (request: RecordedRequest) => OpenAIChatScript): void;
  /** The last request the provider received. */
  lastRequest(): RecordedRequest;
  close(): Promise<void>;
}

/**
 * Starts the provider and points the environment at it. Call it before any prompt streams: the
 * provider package builds its client from the environment once per process.
 */
export async function startScriptedProvider(): Promise<ScriptedProvider> {
  let script: (request: RecordedRequest) => OpenAIChatScript = () => ({ chunks: [] });
  const server = await startOpenAIChatServer((request) => script(request));
  const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
  process.env.OPENAI_API_KEY = TEST_KEY;
  process.env.OPENAI_BASE_URL = server.baseURL;
  return {
    answerWith: (next) => {
      script = next;
    },
    lastRequest: () => {
      const request = server.requests.at(-1);
      if (request === undefined) throw new Error("The provider received no request.");
      return request;
    },
    close: async () => {
      restore("OPENAI_API_KEY", saved.key);
      restore("OPENAI_BASE_URL", saved.url);
      await server.close();
    },
  };
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** A rate-limit answer as OpenAI sends it. */
export const RATE_LIMITED: OpenAIChatScript = {
  status: 429,
  json: {
    error: {
      message: "Rate limit reached for gpt-4o-mini on requests per min. Please try again in 20s.",
      type: "requests",
      code: "rate_limit_exceeded",
    },
  },
};
