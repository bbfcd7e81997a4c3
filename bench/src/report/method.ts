/** How each figure was measured, as the JSON's `method` says it. */
import { pinningAvailable } from "../child/pinning.js";
import type { BenchConfig } from "../config.js";

/** The `method` of a run with this configuration. */
export function methodOf(config: BenchConfig): Readonly<Record<string, string>> {
  const { oneCall, parallel, quarter, base } = config.tools.scenarios;
  return {
    server:
      "a child process (its CPU is not counted as the client's); bodies serialised once per scenario; burst: 64 KiB writes as fast as the socket takes them; paced: one event per write, every 1 ms",
    cpus: pinningAvailable()
      ? "the server pinned to CPU 0 and each consumer's process (its V8 helper threads included) to CPU 1, with taskset; BENCH_PIN=0 turns it off"
      : "not pinned (pinning needs Linux, two CPUs and taskset, and BENCH_PIN not 0): the server and the consumers share the CPUs as the scheduler decides",
    consumers: `${config.rounds} interleaved round(s): in each, every consumer runs in its own child processes (node --expose-gc), per text profile one for throughput, time to first chunk and paced and a fresh one for concurrency, then a fresh one for the tool-call figure; samples are pooled over the rounds; every stream's text, and every tool call's parsed arguments, are compared with what was served`,
    profiles:
      "the text streams are measured on each text profile: english (token-sized pieces, mostly ASCII, some with é, 🍎 and JSON escapes) and multilingual (about a fifth of the deltas non-ASCII: accented Latin, CJK, Greek, Cyrillic, Hangul, Devanagari, Arabic, emoji outside the BMP and ZWJ sequences; the rest ASCII words, some with quotes, backslashes, tabs and newlines); every tenth delta carries its index; cold start is measured once, on english; ratios are to the raw SDK on the same profile",
    throughput: `${config.throughput.chunks}-chunk stream, one at a time; median of ${config.rounds} × ${config.throughput.runs} runs, each process after one full gc and ${config.throughput.warmups} warm-ups (no gc between runs: see paced)`,
    ttfc: `${config.rounds} × ${config.ttfc.streams} streams of ${config.ttfc.chunks} chunks, one after another (${config.ttfc.warmups} warm-ups per process); median time from the call to the first non-empty text`,
    paced: `${config.paced.streams} streams of ${config.paced.chunks} chunks at once, server pacing 1 event/ms; client process.cpuUsage (user+system) ÷ text chunks; per process one full gc, ${config.paced.warmups} warm-up rounds, then ${config.paced.rounds} rounds back to back (the steady state: the figure and its target); "after gc": ${config.paced.rounds} more rounds, each right after a forced full gc, which frees the hidden classes of every per-stream object and so makes V8 compile the per-chunk code again; medians over ${config.rounds} process(es) × ${config.paced.rounds} rounds`,
    concurrency: `${config.concurrency.streams} streams of ${config.concurrency.chunks} chunks at once (burst), in a fresh process after 3 warm-up streams, ${config.concurrency.rounds} timed round(s) per process; medians over ${config.rounds} processes; memory = (peak RSS during the timed rounds − RSS before them) ÷ streams; in use = one more round, untimed, sampling heapUsed + external right after a full gc every 10 ms: (peak − before) ÷ streams`,
    coldStart: `import time inside a fresh node process (performance.now() around the dynamic imports, Node's own start excluded), and import time plus the first text of a first 5-chunk stream; medians of ${config.coldStart.runs} after a discarded pass`,
    size: "esbuild bundle (ESM, platform node, minified) then gzip -9; promptstream's vendor SDK peers and zod are external; the raw SDKs are bundled alone for comparison",
    tools: `tool-call streams (burst), one at a time: ${oneCall.calls} call × ${oneCall.fragments} argument fragments, ${parallel.calls} calls × ${parallel.fragments}, and for linearity ${quarter.calls} × ${quarter.fragments} and ${base.calls} × ${base.fragments} (about 10 characters per fragment); wall time from the call to the parsed calls, no gc() before a run (a forced full gc makes V8 drop the parsed events' maps and recompile the code built on them, which in a 10-50 ms stream measures the gc rather than the stream); the scenarios take turns run by run; median of ${config.rounds} × ${config.tools.runs} runs, each process after ${config.tools.warmups} warm-ups per scenario; µs/fragment = that ÷ (calls × fragments); linearity = ${oneCall.fragments}-fragment time ÷ ${quarter.fragments}-fragment time, net = both less the ${base.fragments}-fragment time; ratios to the raw SDK's own helper (openai: chat.completions.stream() + finalChatCompletion(); @anthropic-ai/sdk: messages.stream() + finalMessage())`,
    ratios:
      "each figure ÷ the raw vendor SDK's figure for the same wire format (for chunks/s, below 1 is slower; for every other figure, above 1 is slower or bigger)",
    node20:
      "ai 7, @ai-sdk/openai 4, @ai-sdk/anthropic 4 and @langchain/openai >= 1.5.9 declare node >= 22; the newest releases declaring node >= 18/20 are pinned instead (ai 6, @ai-sdk/* 3, @langchain/openai 1.5.8)",
  };
}
