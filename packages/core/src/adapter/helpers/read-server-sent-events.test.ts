import { describe, expect, it } from "vitest";
import { END_OF_STREAM, readServerSentEvents, type ServerSentEventHandlers } from "../../index.js";

function bodyOf(
  pieces: Uint8Array[],
  options: { failAfter?: boolean; onCancel?: () => void } = {},
): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[index++];
      if (piece !== undefined) controller.enqueue(piece);
      else if (options.failAfter === true) controller.error(new TypeError("terminated"));
      else controller.close();
    },
    cancel: options.onCancel,
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<{ values: T[]; error: unknown }> {
  const values: T[] = [];
  try {
    for await (const value of iterable) values.push(value);
    return { values, error: undefined };
  } catch (error) {
    return { values, error };
  }
}

/** Lets timers of 0 ms run. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

const asEvent: ServerSentEventHandlers<string> = {
  event: (data, event) => (event === undefined ? data : `${event}:${data}`),
};

describe("readServerSentEvents", () => {
  const text =
    'data: {"a":"é😀"}\n\nevent: ping\ndata: {}\n\n: a comment\ndata: one\ndata: two\n\ndata:tight\r\n\r\ndata: cr\r\rdata: last\n\n';
  const expected = ['{"a":"é😀"}', "ping:{}", "one\ntwo", "tight", "cr", "last"];

  it("names each event by its own event line, when names repeat, grow, shrink or are left out", async () => {
    const names = ["delta", "delta", "delta_x", "delta", "d", "", "delta"];
    const body = names.map((name, index) => `${name === "" ? "" : `event: ${name}\n`}data: ${index}\n\n`).join("");
    const bytes = new TextEncoder().encode(body);
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const { values } = await collect(readServerSentEvents(bodyOf([bytes.slice(0, cut), bytes.slice(cut)]), asEvent));
      expect(values, `cut at byte ${cut}`).toEqual(
        names.map((name, index) => (name === "" ? `${index}` : `${name}:${index}`)),
      );
    }
  });

  it("gives each event once, whatever byte boundaries the reads fall on, with \\n, \\r\\n or \\r line ends", async () => {
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const { values } = await collect(readServerSentEvents(bodyOf([bytes.slice(0, cut), bytes.slice(cut)]), asEvent));
      expect(values, `cut at byte ${cut}`).toEqual(expected);
    }
    const oneByteAtATime = [...bytes].map((byte) => Uint8Array.of(byte));
    expect((await collect(readServerSentEvents(bodyOf(oneByteAtATime), asEvent))).values).toEqual(expected);
  });

  it("reads large network reads piece by piece: multi-byte characters and events across the pieces, and one event larger than many pieces", async () => {
    // Reads of 64 KiB and more are decoded in slices; every event must come out whole wherever a slice ends.
    const events: string[] = [];
    for (let index = 0; index < 3000; index += 1)
      events.push(JSON.stringify({ index, text: `${"é😀".repeat(index % 7)} word ${index}` }));
    events.splice(1500, 0, JSON.stringify({ big: "🍎 tarte ".repeat(20_000) }));
    const bytes = new TextEncoder().encode(events.map((data) => `data: ${data}\r\n\r\n`).join(""));
    for (const readSize of [65_536, 16_383, 16_385, bytes.length]) {
      const pieces: Uint8Array[] = [];
      for (let offset = 0; offset < bytes.length; offset += readSize)
        pieces.push(bytes.slice(offset, offset + readSize));
      const { values, error } = await collect(readServerSentEvents(bodyOf(pieces), asEvent));
      expect(error).toBeUndefined();
      expect(values.length, `reads of ${readSize} bytes`).toBe(events.length);
      expect(values, `reads of ${readSize} bytes`).toEqual(events);
    }
  });

  it("stops at END_OF_STREAM without waiting for the body to end, and cancels a body that goes on", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("data: a\n\ndata: [DONE]\n\ndata: after\n\n"));
        // The body never ends by itself: a server holding the connection open.
      },
      cancel() {
        cancelled = true;
      },
    });
    const { values } = await collect(
      readServerSentEvents(body, { event: (data) => (data === "[DONE]" ? END_OF_STREAM : data) }),
    );
    expect(values).toEqual(["a"]);
    // Not waited for: cancelled by the next turn of the event loop.
    await nextTurn();
    expect(cancelled).toBe(true);
  });

  it("reads a body that ends with its final event to its end instead of cancelling it (the connection can be reused)", async () => {
    let cancelled = false;
    let pulls = 0;
    const pieces = [new TextEncoder().encode("data: a\n\ndata: [DONE]\n\n")];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        const piece = pieces.shift();
        if (piece === undefined) controller.close();
        else controller.enqueue(piece);
      },
      cancel() {
        cancelled = true;
      },
    });
    const { values } = await collect(
      readServerSentEvents(body, { event: (data) => (data === "[DONE]" ? END_OF_STREAM : data) }),
    );
    expect(values).toEqual(["a"]);
    await nextTurn();
    expect(cancelled).toBe(false);
    expect(pulls).toBe(2);
  });

  it("serves the events before a failing one, then throws its error", async () => {
    const failure = new Error("error event");
    const body = bodyOf([new TextEncoder().encode("data: a\n\ndata: b\n\ndata: bad\n\ndata: c\n\n")]);
    const { values, error } = await collect(
      readServerSentEvents(body, {
        event: (data) => {
          if (data === "bad") throw failure;
          return data;
        },
      }),
    );
    expect(values).toEqual(["a", "b"]);
    expect(error).toBe(failure);
  });

  it("lets end() fail a body that ended early, after its events, and readError name a failed read", async () => {
    const cut = new Error("cut short");
    const ended = await collect(
      readServerSentEvents(bodyOf([new TextEncoder().encode("data: a\n\n")]), {
        event: (data) => data,
        end: () => {
          throw cut;
        },
      }),
    );
    expect(ended).toEqual({ values: ["a"], error: cut });

    const reset = await collect(
      readServerSentEvents(bodyOf([new TextEncoder().encode("data: a\n\n")], { failAfter: true }), {
        event: (data) => data,
        readError: (error) => new Error(`interrupted: ${(error as Error).message}`),
      }),
    );
    expect(reset.values).toEqual(["a"]);
    expect((reset.error as Error).message).toBe("interrupted: terminated");
  });

  it("cancels the body when the consumer leaves early", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("data: x\n\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const value of readServerSentEvents(body, asEvent)) if (value === "x") break;
    expect(cancelled).toBe(true);
  });
});

describe("readServerSentEvents with a last chunk", () => {
  it("serves the last chunk, then stops without waiting for the body to end", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode("event: delta\ndata: a\n\nevent: stop\ndata: {}\n\nevent: delta\ndata: late\n\n"),
        );
      },
      cancel() {
        cancelled = true;
      },
    });
    const values: string[] = [];
    for await (const value of readServerSentEvents(body, {
      event: (_data, event) => event ?? "",
      last: (value) => value === "stop",
    })) {
      values.push(value);
    }
    expect(values).toEqual(["delta", "stop"]);
    await nextTurn();
    expect(cancelled).toBe(true);
  });
});
