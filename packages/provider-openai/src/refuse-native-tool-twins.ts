import { CallParamsError } from "@promptstream/core";

/** Each neutral param and the OpenAI field that says the same, which may not be set beside it (both APIs name them so). */
const NATIVE_TWINS = [
  ["toolChoice", "tool_choice"],
  ["parallelToolCalls", "parallel_tool_calls"],
] as const;

type TwinParams = Readonly<Partial<Record<(typeof NATIVE_TWINS)[number][number], unknown>>>;

/**
 * Refuses params that set a neutral tool param and OpenAI's native field for the same thing: one
 * of the two would be dropped silently.
 *
 * @throws CallParamsError (`invalid_param`, naming the neutral param).
 */
export function refuseNativeToolTwins(params: TwinParams): void {
  for (const [neutral, native] of NATIVE_TWINS) {
    if (params[neutral] !== undefined && params[native] !== undefined) {
      throw new CallParamsError(
        `\`${neutral}\` and OpenAI's native \`${native}\` are both set: they say the same thing, set one of them.`,
        { code: "invalid_param", param: neutral, provider: "openai" },
      );
    }
  }
}
