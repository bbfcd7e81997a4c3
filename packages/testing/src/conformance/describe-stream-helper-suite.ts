import { describe } from "vitest";
import type { StreamHelperHarness } from "./conformance-harness.js";
import { describeStreamExits } from "./describe-stream-exits.js";
import { describeStreamReads } from "./describe-stream-reads.js";
import { describeStreamSending } from "./describe-stream-sending.js";
import { createStreamHelperContext } from "./stream-helper-context.js";

/**
 * Registers a vitest `describe` that checks, on the provider-neutral surface and against a fresh
 * conformance server per test, what a user does with a stream: text(), textStream, response()
 * (content, finish reason, usage, model, id) and toReadableStream(); reading once; leaving early,
 * stream.abort() and the three abort signals (with the SDK already holding the rest of the
 * answer too); 20 concurrent streams; and sending a stream on (web responses, Node piping, tee),
 * read back through `@promptstream/core/client`. The server must send the scripted `id` and `model`
 * (see `ConformanceWireFormat`), or the harness names them in `unreportedFields`.
 *
 * @example
 * describeStreamHelperSuite({ name: "openai", Prompt: OpenAIPrompt, startServer: openAIChatConformanceServer });
 */
export function describeStreamHelperSuite<TClient>(harness: StreamHelperHarness<TClient>): void {
  describe(`${harness.name} stream helpers`, () => {
    const context = createStreamHelperContext(harness);
    describeStreamReads(context);
    describeStreamExits(context);
    describeStreamSending(context);
  });
}
