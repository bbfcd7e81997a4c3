import { StreamAbortedError } from "@promptstream/core";
import { expect } from "vitest";
import type { ExpectedFailure } from "../suite/expected-failure.js";
import type { FaultFamily } from "../suite/fault-suite.js";
import { expectFailure, expectWholeResponse, readAndCheck, rejectionOf } from "../suite/read-and-check.js";
import { httpError, PIECES, TEMPLATE, TEXT, upTo, WHOLE } from "../suite/scenario-script.js";
import { outcomeSoon, pause, until } from "../suite/suite-timers.js";

const aborted = (partialText: string, reason?: unknown): ExpectedFailure => ({
  Class: StreamAbortedError,
  name: "StreamAbortedError",
  code: "aborted",
  retryable: false,
  partialText,
  reason,
});

/**
 * The abort scenarios: by signal and by `stream.abort()`, before the request, while waiting for
 * the headers, during the wait before a retry, between chunks, and after the end.
 */
export const abortFaults: FaultFamily = ({ harness, scenario }) => {
  scenario("abort before the request is sent", async ({ serve, ask }) => {
    const server = await serve(() => WHOLE);
    const client = harness.wire.client(server.url);
    const controller = new AbortController();
    controller.abort();
    // An aborted signal at the instance level; stream.abort() before the first read; an aborted signal at the call level.
    const byInstanceSignal = new (harness.Prompt({ template: TEMPLATE, client, retryDelayMs: 1 }))(
      { ingredient: "apples" },
      { signal: controller.signal },
    ).stream();
    await readAndCheck(
      byInstanceSignal,
      "for await",
      { failure: aborted(""), attempts: 0 },
      harness.name,
      "instance signal",
    );
    const byAbort = ask(client).stream();
    byAbort.abort();
    await readAndCheck(byAbort, "text()", { failure: aborted(""), attempts: 0 }, harness.name, "stream.abort()");
    const byCallSignal = ask(client).stream(undefined, { signal: controller.signal });
    await readAndCheck(byCallSignal, "for await", { failure: aborted(""), attempts: 0 }, harness.name, "call signal");
    await pause(50);
    expect(server.requests).toHaveLength(0);
  });

  scenario("abort while waiting for the headers", async ({ serve, ask }) => {
    const server = await serve(() => ({ kind: "stall-before-headers" }));
    const client = harness.wire.client(server.url);
    // A call-level signal, read with for await; then stream.abort(), read with text().
    const controller = new AbortController();
    const bySignal = ask(client).stream(undefined, { signal: controller.signal });
    const readingBySignal = readAndCheck(
      bySignal,
      "for await",
      { failure: aborted(""), attempts: 1 },
      harness.name,
      "signal",
    );
    await until(() => server.requests.length === 1);
    await pause(20);
    controller.abort();
    await readingBySignal;
    const byAbort = ask(client).stream();
    const readingByAbort = readAndCheck(
      byAbort,
      "text()",
      { failure: aborted(""), attempts: 1 },
      harness.name,
      "stream.abort()",
    );
    await until(() => server.requests.length === 2);
    await pause(20);
    byAbort.abort();
    await readingByAbort;
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) expect(await outcomeSoon(request)).toBe("closed-early");
  });

  scenario("abort during the wait before a retry", async ({ serve, ask }) => {
    const server = await serve(() => httpError(500, "The server had an error.", { "retry-after-ms": "5000" }));
    const stream = ask(harness.wire.client(server.url)).stream();
    const reading = readAndCheck(
      stream,
      "text()",
      { failure: aborted(""), attempts: 1 },
      harness.name,
      "abort during backoff",
    );
    await until(() => server.requests.length === 1);
    await pause(50);
    stream.abort();
    await reading;
    expect(server.requests).toHaveLength(1);
  });

  scenario("abort between chunks, after 3 pieces", async ({ serve, ask }) => {
    const server = await serve(() => ({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "stall" } }));
    const client = harness.wire.client(server.url);
    // From the loop's body, with no read pending.
    const inLoop = ask(client).stream();
    let received = "";
    const inLoopError = await rejectionOf(
      (async () => {
        for await (const chunk of inLoop) {
          received += chunk.content;
          if (received === upTo(3)) inLoop.abort("enough");
        }
      })(),
    );
    expect(received).toBe(upTo(3));
    expectFailure(inLoopError, aborted(upTo(3), "enough"), harness.name, "abort() in the loop");
    expect(await rejectionOf(inLoop.text())).toBe(inLoopError);
    expect(await rejectionOf(inLoop.response())).toBe(inLoopError);
    expect(inLoop.attempts).toBe(1);
    // From outside, while the loop waits for the 4th piece.
    const controller = new AbortController();
    const outside = ask(client).stream(undefined, { signal: controller.signal });
    let outsideReceived = "";
    const loop = rejectionOf(
      (async () => {
        for await (const chunk of outside) outsideReceived += chunk.content;
      })(),
    );
    await until(() => outsideReceived === upTo(3));
    await pause(20);
    const reason = new Error("The user left the page.");
    controller.abort(reason);
    const outsideError = await loop;
    expect(outsideReceived).toBe(upTo(3));
    expectFailure(outsideError, aborted(upTo(3), reason), harness.name, "signal while a read waits");
    expect(await rejectionOf(outside.text())).toBe(outsideError);
    expect(await rejectionOf(outside.response())).toBe(outsideError);
    expect(outside.attempts).toBe(1);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) expect(await outcomeSoon(request)).toBe("closed-early");
  });

  scenario("abort after the end changes nothing", async ({ serve, ask }) => {
    const server = await serve(() => WHOLE);
    const client = harness.wire.client(server.url);
    const controller = new AbortController();
    const looped = ask(client).stream(undefined, { signal: controller.signal });
    let received = "";
    for await (const chunk of looped) received += chunk.content;
    looped.abort();
    controller.abort();
    expect(received).toBe(TEXT);
    expect(await looped.text()).toBe(TEXT);
    expectWholeResponse(await looped.response());
    expect(looped.attempts).toBe(1);
    const read = ask(client).stream();
    expect(await read.text()).toBe(TEXT);
    read.abort();
    expectWholeResponse(await read.response());
    expect(await read.text()).toBe(TEXT);
    expect(read.attempts).toBe(1);
    expect(server.requests).toHaveLength(2);
  });
};
