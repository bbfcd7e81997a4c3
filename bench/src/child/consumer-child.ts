/**
 * Runs one consumer's figures in a process of its own (so that no other library is loaded
 * beside it), and sends them to the parent over IPC. `streams`: throughput, time to first
 * chunk, paced, on streams of the task's text profile; `concurrency`: the concurrency figure
 * alone, in a fresh process, on that profile; `tools`: the tool-call figure, through the tool
 * consumer of the same id.
 */
import { configByName } from "../config.js";
import type { RunStream } from "../consumers/consumer.js";
import { consumerById } from "../consumers/registry.js";
import { toolConsumerById } from "../consumers/tool-registry.js";
import { measureConcurrency } from "../figures/concurrency.js";
import { measurePaced } from "../figures/paced.js";
import { measureThroughput } from "../figures/throughput.js";
import { measureToolCalls } from "../figures/tool-calls.js";
import { measureTtfc } from "../figures/ttfc.js";
import type { Scenario } from "../scenario.js";
import type { ToolScenario } from "../tool-scenario.js";
import type { ChildReply, ChildTask } from "./child-task.js";

async function runTask(task: ChildTask): Promise<ChildReply> {
  const config = configByName(task.config);
  if (task.part === "tools") {
    const info = toolConsumerById(task.consumerId);
    const consumer = await info.load();
    const prepare = (scenario: ToolScenario) => consumer.prepare({ ...scenario, origin: task.origin });
    return { ok: true, part: "tools", figure: await measureToolCalls(info.id, info.wire, prepare, config.tools) };
  }
  const consumer = await consumerById(task.consumerId).load();
  const prepare = (scenario: Scenario): RunStream => consumer.prepare({ ...scenario, origin: task.origin });
  if (task.part === "concurrency") {
    return {
      ok: true,
      part: "concurrency",
      figure: await measureConcurrency(task.consumerId, prepare, config.concurrency, task.profile),
    };
  }
  const throughput = await measureThroughput(task.consumerId, prepare, config.throughput, task.profile);
  const ttfc = await measureTtfc(task.consumerId, prepare, config.ttfc, task.profile);
  const paced = await measurePaced(task.consumerId, prepare, config.paced, task.profile);
  return { ok: true, part: "streams", figures: { throughput, ttfc, paced } };
}

const task = JSON.parse(process.argv[2] ?? "{}") as ChildTask;
let reply: ChildReply;
try {
  reply = await runTask(task);
} catch (error) {
  reply = { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
// Exit once the reply is sent: pooled keep-alive sockets would otherwise hold the process.
process.send?.(reply, () => process.exit(reply.ok ? 0 : 1));
