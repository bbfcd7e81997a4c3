/**
 * The smoke run as a command, for Deno and Bun (and Node): reads the loopback servers' base URLs
 * from the environment and prints the report as one JSON line on stdout.
 *
 *   PROMPTSTREAM_OPENAI_BASE_URL=... PROMPTSTREAM_ANTHROPIC_BASE_URL=... bun src/cli.ts
 */
import { runSmoke } from "./smoke.ts";

const openaiBaseURL = process.env.PROMPTSTREAM_OPENAI_BASE_URL;
const anthropicBaseURL = process.env.PROMPTSTREAM_ANTHROPIC_BASE_URL;
if (openaiBaseURL === undefined || anthropicBaseURL === undefined) {
  console.error("Set PROMPTSTREAM_OPENAI_BASE_URL and PROMPTSTREAM_ANTHROPIC_BASE_URL to the loopback servers' URLs.");
  process.exit(2);
}

const report = await runSmoke({ openaiBaseURL, anthropicBaseURL }, runtimeName());
console.log(JSON.stringify(report));

function runtimeName(): string {
  const globals = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
  if (globals.Deno !== undefined) return `deno ${globals.Deno.version.deno}`;
  if (globals.Bun !== undefined) return `bun ${globals.Bun.version}`;
  return `node ${process.versions.node}`;
}
