/** Forks a consumer's child process (with --expose-gc) and resolves with its reply. */
import type { ChildReply, ChildTask } from "./child-task.js";
import { forkOn } from "./pinning.js";

const CHILD_TIMEOUT_MS = 240_000;

/**
 * The environment of every child: telemetry and tracing off, no real key or base URL from the machine (nor
 * the variables that would send `@google/genai` to Vertex AI or to another API version).
 */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LANGSMITH_TRACING: "false",
    LANGCHAIN_TRACING_V2: "false",
    DO_NOT_TRACK: "1",
  };
  for (const name of [
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "OPENAI_BASE_URL",
    "ANTHROPIC_BASE_URL",
    "GEMINI_API_KEY",
    "GOOGLE_API_KEY",
    "GOOGLE_GENAI_API_KEY",
    "GOOGLE_GENERATIVE_AI_API_KEY",
    "GOOGLE_GEMINI_BASE_URL",
    "GOOGLE_GENAI_API_VERSION",
    "GOOGLE_GENAI_USE_VERTEXAI",
    "GOOGLE_GENAI_USE_ENTERPRISE",
    "GOOGLE_CLOUD_PROJECT",
    "GOOGLE_CLOUD_LOCATION",
    "LANGSMITH_API_KEY",
    "LANGCHAIN_API_KEY",
  ])
    delete env[name];
  return env;
}

export function runChild(task: ChildTask): Promise<ChildReply> {
  const child = forkOn("consumer", new URL("./consumer-child.js", import.meta.url), [JSON.stringify(task)], {
    execArgv: ["--expose-gc"],
    env: childEnv(),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve) => {
    let reply: ChildReply | undefined;
    const timer = setTimeout(() => {
      reply ??= { ok: false, error: `timed out after ${CHILD_TIMEOUT_MS} ms` };
      child.kill();
    }, CHILD_TIMEOUT_MS);
    child.on("message", (message) => {
      reply = message as ChildReply;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(reply ?? { ok: false, error: `the child exited (code ${code}, signal ${signal}) without a result` });
    });
  });
}
