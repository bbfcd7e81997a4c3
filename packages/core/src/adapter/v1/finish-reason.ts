/**
 * Why the model stopped, the same union for every provider:
 * - `stop`: it finished, or hit a stop sequence;
 * - `length`: it reached the token limit;
 * - `tool_calls`: it asked for a tool;
 * - `content_filter`: the provider filtered the output;
 * - `refusal`: the model refused to answer;
 * - `error`: the provider reported an error;
 * - `other`: a reason this union does not know; the raw value is kept beside it.
 */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "refusal" | "error" | "other";
