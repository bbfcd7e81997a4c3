/** The machine and library versions a result was measured with. */
import { readFileSync } from "node:fs";
import os from "node:os";

export interface MachineInfo {
  readonly node: string;
  readonly os: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly totalMemoryGiB: number;
  readonly versions: Readonly<Record<string, string>>;
}

const LIBRARIES = [
  "openai",
  "@anthropic-ai/sdk",
  "@promptstream/core",
  "@promptstream/provider-openai",
  "@promptstream/provider-anthropic",
  "@promptstream/provider-google",
  "@google/genai",
  "ai",
  "@ai-sdk/openai",
  "@ai-sdk/anthropic",
  "@ai-sdk/google",
  "@langchain/core",
  "@langchain/openai",
  "@langchain/anthropic",
  "@langchain/google-genai",
  "esbuild",
] as const;

/** The installed version of a dependency of the bench package. */
export function versionOf(name: string): string {
  const path = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.platform()})`,
    arch: os.arch(),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpuCount: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    versions: Object.fromEntries(LIBRARIES.map((name) => [name, versionOf(name)])),
  };
}
