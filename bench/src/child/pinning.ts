/**
 * CPU pinning for the main bench: the loopback server on CPU 0, each consumer's process on CPU 1
 * (Linux `taskset`, when there are at least two CPUs). Unpinned, the server, the consumer and
 * the consumer's V8 helper threads (garbage collection, compilers) share both CPUs as the
 * scheduler decides, so a consumer that reads faster can leave the server less CPU, and one
 * consumer's throughput moved up to 2x between its own processes (issue 20). Pinned, the
 * consumer's time is its own, helper threads included.
 */
import { type ChildProcess, type ForkOptions, fork, spawn, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

/** Which CPU a process of the bench runs on, when pinned. */
export type BenchCpu = "server" | "consumer";

const CPU_INDEX: Readonly<Record<BenchCpu, number>> = { server: 0, consumer: 1 };

let pinning: boolean | undefined;

/**
 * Whether this machine pins: Linux, two CPUs or more, `taskset` on the PATH and allowed to put a
 * process on each of the two CPUs (a container may allow others only), and `BENCH_PIN` not `0`.
 */
export function pinningAvailable(): boolean {
  pinning ??=
    process.env.BENCH_PIN !== "0" &&
    process.platform === "linux" &&
    availableParallelism() >= 2 &&
    Object.values(CPU_INDEX).every(
      (cpu) => spawnSync("taskset", ["-c", String(cpu), process.execPath, "-e", ""], { stdio: "ignore" }).status === 0,
    );
  return pinning;
}

/** Like `fork(module, args, options)`, with the child pinned to `cpu` when {@link pinningAvailable}. */
export function forkOn(
  cpu: BenchCpu | undefined,
  module: URL,
  args: readonly string[],
  options: Omit<ForkOptions, "execArgv"> & { readonly execArgv?: readonly string[] },
): ChildProcess {
  if (cpu === undefined || !pinningAvailable())
    return fork(module, [...args], { ...options, execArgv: [...(options.execArgv ?? [])] });
  const command = [
    String(CPU_INDEX[cpu]),
    process.execPath,
    ...(options.execArgv ?? []),
    fileURLToPath(module),
    ...args,
  ];
  // `taskset` execs node in place: the IPC channel's descriptor and its variable reach node as fork's would.
  return spawn("taskset", ["-c", ...command], { env: options.env, stdio: options.stdio });
}
