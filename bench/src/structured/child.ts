/**
 * One consumer × one document, in a process of its own (`node --expose-gc`), so that its memory is
 * measured alone and no other library is loaded beside it. It reads the fragments (written by the
 * parent as JSON, so that they are fresh decoded strings, as from SSE events), then:
 *
 * 1. the first run, measured for memory: RSS before it (after `gc()`), its peak (the kernel's
 *    maxRSS if it rose during the run, else the highest RSS sampled every 256 fragments), and the
 *    heap the final value holds (after `gc()`, the value kept); its CPU time is the cold figure;
 * 2. warm-up runs for `warmUpMs` (the optimising compiler runs on threads of its own, whose CPU
 *    time would count), then timed runs until `runs` or the time budget: CPU time
 *    (`process.cpuUsage()`, user + system, so GC threads count) and wall time of each. No `gc()` is
 *    forced between runs: it lets V8 drop the shapes of the last run's objects and deoptimise the code
 *    built on them (as in the tool-call figure); each run pays for the garbage it makes. A consumer
 *    whose first run took longer than the budget has that run as its only sample.
 *
 * Every run's value is checked against JSON.parse of the whole text (`util.isDeepStrictEqual`): a
 * difference fails the consumer. A run past the time limit stops, and the consumer is reported as
 * skipped at that size.
 *
 * argv: the task, as JSON (see StructuredTask).
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { type RunContext, structuredConsumerById, TimeLimitError } from "./consumers.js";
import type { StructuredFigure, StructuredReply, StructuredTask } from "./figure.js";

declare const gc: () => void;

function heapInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

async function runTask(task: StructuredTask): Promise<StructuredReply> {
  const fragments = JSON.parse(readFileSync(task.fragmentsFile, "utf8")) as string[];
  const text = fragments.join("");
  const expected: unknown = JSON.parse(text);
  const run = await structuredConsumerById(task.consumerId).load();
  let peakSampled = 0;
  const sampleRss = (): void => {
    peakSampled = Math.max(peakSampled, process.memoryUsage.rss());
  };
  // Only the first run samples RSS (a read of /proc, some µs): the timed runs do not pay for it.
  const context = (limitMs: number, sample = (): void => {}): RunContext => ({
    fragments,
    text,
    parserModule: task.parserModule,
    deadline: performance.now() + limitMs,
    sample,
  });
  const verify = (value: unknown): void => {
    if (!isDeepStrictEqual(value, expected)) {
      throw new Error(`ValueMismatchError: the final value is not JSON.parse of the text (${task.consumerId})`);
    }
  };

  gc();
  gc();
  const rssBefore = process.memoryUsage.rss();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = heapInUse();
  peakSampled = rssBefore;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let first: Awaited<ReturnType<typeof run>>;
  try {
    first = await run(context(task.limitMs, sampleRss));
  } catch (error) {
    if (error instanceof TimeLimitError) return { ok: true, skipped: `> ${task.limitMs / 1000} s (${error.message})` };
    throw error;
  }
  const coldWallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  const coldCpuMs = (cpu.user + cpu.system) / 1000;
  sampleRss();
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  const rose = maxRssAfter > maxRssBefore;
  const peakRssBytes = (rose ? maxRssAfter : peakSampled) - rssBefore;
  // Let an async consumer's streams settle before the value's memory is measured.
  await new Promise((resolveTurn) => setImmediate(resolveTurn));
  gc();
  gc();
  const retainedBytes = heapInUse() - heapBefore;
  verify(first.value);
  const partials = first.partials;
  first = { value: undefined, partials };

  const cpuMs: number[] = [];
  const wallMs: number[] = [];
  // A consumer whose first run took longer than the budget is not run again: that run is its sample.
  // Others warm up first, so that the optimising compiler is done (its threads' CPU counts too).
  const warm = coldWallMs < task.budgetMs;
  const warmUpEnd = performance.now() + (warm ? task.warmUpMs : 0);
  while (performance.now() < warmUpEnd) await run(context(task.limitMs));
  const budgetEnd = performance.now() + task.budgetMs;
  while (warm && cpuMs.length < task.runs && (cpuMs.length === 0 || performance.now() < budgetEnd)) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run(context(task.limitMs));
    } catch (error) {
      if (error instanceof TimeLimitError) break;
      throw error;
    }
    const used = process.cpuUsage(cpuBefore);
    wallMs.push(performance.now() - started);
    cpuMs.push((used.user + used.system) / 1000);
    if (cpuMs.length === task.runs || performance.now() >= budgetEnd) verify(result.value);
  }
  const warmRuns = cpuMs.length;
  if (warmRuns === 0) {
    cpuMs.push(coldCpuMs);
    wallMs.push(coldWallMs);
  }
  const figure: StructuredFigure = {
    cpuMs,
    wallMs,
    warmRuns,
    coldCpuMs,
    peakRssBytes,
    peakRssSource: rose ? "maxRSS" : "samples",
    retainedBytes,
    partials,
  };
  return { ok: true, figure };
}

const task = JSON.parse(process.argv[2] ?? "{}") as StructuredTask;
let reply: StructuredReply;
try {
  reply = await runTask(task);
} catch (error) {
  reply = { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
process.send?.(reply, () => process.exit(reply.ok ? 0 : 1));
