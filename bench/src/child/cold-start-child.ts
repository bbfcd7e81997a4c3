/**
 * In this fresh process: imports the modules a consumer imports, in order, then streams once
 * through that consumer (5 chunks of the english profile) and prints two times in ms as JSON: the imports alone, and
 * the imports plus the first stream's first text. Both are measured with performance.now();
 * Node's own start-up is not included, nor the loading of the bench's consumer module (its
 * libraries are already loaded by then). The second figure shows what a library that loads
 * part of its SDK on first use (rather than at import) still pays.
 *
 * argv: consumer id, server origin, then the modules to import.
 */
import { consumerById } from "../consumers/registry.js";

const started = performance.now();
const [consumerId = "", origin = "", ...imports] = process.argv.slice(2);
for (const specifier of imports) await import(specifier);
const importMs = performance.now() - started;

const consumer = await consumerById(consumerId).load();
const callStarted = performance.now();
const result = await consumer.prepare({ origin, chunks: 5, mode: "burst", profile: "english" })();
if (result.firstTextAt === 0) throw new Error(`${consumerId} received no text`);
const firstChunkMs = importMs + (result.firstTextAt - callStarted);
process.stdout.write(`${JSON.stringify({ importMs, firstChunkMs })}\n`);
// Pooled keep-alive sockets would otherwise hold the process.
process.exit(0);
