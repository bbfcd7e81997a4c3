/**
 * Two turns with extended thinking: `npm run demo -- [city]`. Turn 1 thinks (streamed dimmed), then
 * calls `get_weather`; the program runs the tool and sends its result with the first turn's message,
 * whose thinking blocks are signed; turn 2 thinks again and answers. On Anthropic with
 * ANTHROPIC_API_KEY set; else on the built-in local server, which (as the real API does) refuses a
 * second turn whose thinking did not come back with a valid signature.
 */
import type { Message } from "@promptstream/core";
import { useLocalAnthropicWhenNoKey } from "@promptstream/testing";
import { getWeather, WeatherAdvisor } from "./weather-advisor.js";

const city = process.argv[2] ?? "Lisbon";
// In a terminal the thinking is dimmed; piped (CI, tests), it is labelled instead.
const live = process.stdout.isTTY === true;
const dim = (text: string) => (live ? `\x1b[2m${text}\x1b[22m` : text);

type AdvisorStream = ReturnType<WeatherAdvisor["stream"]>;

/** Prints a turn as it streams: thinking, text and tool calls, each under its label. */
async function show(stream: AdvisorStream) {
  let section: "thinking" | "answer" | undefined;
  const enter = (next: "thinking" | "answer") => {
    if (section !== next) process.stdout.write(`${section === undefined ? "" : "\n"}${dim(`[${next}] `)}`);
    section = next;
  };
  for await (const part of stream) {
    if (part.kind === "tool-call") {
      process.stdout.write(`\n-> ${part.toolCall.name}(${part.toolCall.argsText})`);
      section = undefined;
    } else if (part.kind === undefined) {
      if (part.reasoning !== "") {
        enter("thinking");
        process.stdout.write(dim(part.reasoning));
      }
      if (part.content !== "") {
        enter("answer");
        process.stdout.write(part.content);
      }
    }
  }
  process.stdout.write("\n");
  return stream.response();
}

const stopLocal = await useLocalAnthropicWhenNoKey();
try {
  const history: Message[] = [{ role: "user", content: `What should I wear in ${city} today?` }];

  console.log("== turn 1 ==");
  const first = await show(new WeatherAdvisor({ history }).stream());
  const blocks = first.message.reasoning ?? [];
  const signed = blocks.filter((block) => block.signature !== undefined || block.redactedData !== undefined);
  console.log(`[${blocks.length} thinking block(s) kept on the message, ${signed.length} signed]`);

  history.push(first.message);
  for (const call of first.toolCalls) {
    const result = await getWeather.execute?.(call.args, { signal: AbortSignal.timeout(5_000), toolCallId: call.id });
    console.log(`<- ${JSON.stringify(result)}`);
    history.push({ role: "tool", toolCallId: call.id, toolName: call.name, content: result ?? null });
  }

  console.log("== turn 2 (sends the signed thinking back) ==");
  const second = await show(new WeatherAdvisor({ history }).stream());
  const usage = second.usage;
  console.log(`[${usage?.reasoningTokens ?? "?"} reasoning tokens of ${usage?.outputTokens ?? "?"} out]`);
} finally {
  await stopLocal();
}
