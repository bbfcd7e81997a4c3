// ESM, observability: the packed @promptstream/otel with the user's own OpenTelemetry SDK, core's ready-made
// logging middleware set globally, a usage meter, and a price table giving the response its cost.
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createUsageMeter, logCalls, PromptRefusedError, refuseMatching, useMiddleware } from "@promptstream/core";
import { otelMiddleware } from "@promptstream/otel";
import { Prompt } from "@promptstream/provider-openai";

const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const prices = { currency: "USD", models: { "gpt-4o-mini": { input: 0.15, output: 0.6 } } };
const meter = createUsageMeter();
const lines = [];
useMiddleware(logCalls({ log: (line) => lines.push(line) }));

class Dessert extends Prompt({
  template: "USER: A dessert with {fruit}?",
  callParams: { model: "gpt-4o-mini" },
  middleware: [otelMiddleware({ tracerProvider }), meter.middleware, refuseMatching(/forbidden/)],
  prices,
}) {}

const response = await new Dessert({ fruit: "pears" }).stream().response();
process.stdout.write(`answer: ${response.content}\n`);
process.stdout.write(
  `cost: ${response.cost === undefined ? "none" : `${response.cost.currency} ${response.cost.total > 0}`}\n`,
);
try {
  await new Dessert({ fruit: "forbidden fruit" }).stream().text();
} catch (error) {
  process.stdout.write(`refused: ${error instanceof PromptRefusedError} ${error.code}\n`);
}
const [span] = exporter.getFinishedSpans().filter((finished) => finished.name.startsWith("chat"));
process.stdout.write(
  `span: ${span?.name} ${span?.attributes["gen_ai.provider.name"]} in=${span?.attributes["gen_ai.usage.input_tokens"]}\n`,
);
process.stdout.write(`log: ${lines.length} ${/^\[promptstream\] Dessert openai /.test(lines[0] ?? "")}\n`);
process.stdout.write(`meter: calls=${meter.total().calls} failures=${meter.total().failures}\n`);
