// The provider chosen at run time, with a param only one of them takes: dropped, with one warning, on the other.
const { Prompt } =
  process.env.PROVIDER === "anthropic"
    ? await import("@promptstream/provider-anthropic")
    : await import("@promptstream/provider-openai");

const warnings = [];
class Ask extends Prompt({
  template: "USER: {question}",
  callParams: { temperature: 0.5, maxTokens: 200 },
  unsupportedParams: "warn",
  logger: { warn: (message) => warnings.push(message) },
}) {}

const text = await new Ask({ question: "apples" }).stream().text();
await new Ask({ question: "apples again" }).stream().text();
const dropped = warnings.map((warning) => /dropped `(\w+)`/.exec(warning)?.[1]).join(",");
process.stdout.write(
  `${process.env.PROVIDER}: ${text} warnings=${warnings.length}${dropped ? ` dropped=${dropped}` : ""}\n`,
);
