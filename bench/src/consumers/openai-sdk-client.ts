/** The raw `openai` SDK's client for a base URL of the loopback server (`${base}/v1`), retries off. */
import OpenAI from "openai";
import { API_KEY } from "./consumer.js";

export function openaiSdkClient(base: string): OpenAI {
  return new OpenAI({ baseURL: `${base}/v1`, apiKey: API_KEY, maxRetries: 0 });
}
