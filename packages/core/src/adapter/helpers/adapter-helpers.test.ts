import { describe, expect, it } from "vitest";
import {
  createClientResolver,
  errorCodeForStatus,
  parseRetryAfter,
  providerErrorFromResponse,
  readLines,
  redactSecrets,
  urlForMessage,
} from "../../index.js";

describe("redactSecrets", () => {
  it("removes the exact key, whatever its shape, and masks vendor-shaped keys", () => {
    expect(redactSecrets("bad key: gw-0123456789abcdef!", "gw-0123456789abcdef")).toBe("bad key: [redacted]!");
    expect(redactSecrets("Incorrect API key provided: sk-proj-********3456.")).toBe(
      "Incorrect API key provided: sk-[redacted].",
    );
    expect(redactSecrets("key sk-ant-api03-AbC_dEf-123 refused")).toBe("key sk-[redacted] refused");
    expect(redactSecrets("nothing secret here")).toBe("nothing secret here");
  });

  it("removes a short key (such as a local server's `ollama`) wherever it stands as a word of its own", () => {
    expect(redactSecrets("Incorrect API key provided: ollama.", "ollama")).toBe(
      "Incorrect API key provided: [redacted].",
    );
    expect(redactSecrets('{"error":"bad key \'k1\' for k1-model"}', "k1")).toBe(
      '{"error":"bad key \'[redacted]\' for k1-model"}',
    );
    // A one-letter key does not blank out the letter inside other words.
    expect(redactSecrets("a bad key: x (max 3)", "x")).toBe("a bad key: [redacted] (max 3)");
    expect(redactSecrets("a.b*c (regex characters)", "b*c")).toBe("a.[redacted] (regex characters)");
  });

  it("changes nothing without a key", () => {
    expect(redactSecrets("a b c", null)).toBe("a b c");
    expect(redactSecrets("a b c", "")).toBe("a b c");
  });
});

describe("parseRetryAfter", () => {
  it("prefers retry-after-ms, then retry-after in seconds, then an HTTP date", () => {
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "2" }))).toBe(2000);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const fromDate = parseRetryAfter(new Headers({ "retry-after": inAMinute })) ?? -1;
    expect(fromDate).toBeGreaterThan(55_000);
    expect(fromDate).toBeLessThanOrEqual(60_000);
  });

  it("gives undefined when nothing usable was sent", () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }))).toBeUndefined();
  });
});

describe("errorCodeForStatus", () => {
  it.each([
    [400, "invalid_request"],
    [401, "authentication"],
    [403, "permission_denied"],
    [404, "not_found"],
    [408, "timeout"],
    [422, "invalid_request"],
    [429, "rate_limited"],
    [500, "server_error"],
    [502, "server_error"],
    [503, "overloaded"],
    [529, "overloaded"],
    [418, undefined],
  ] as const)("maps %i to %s", (status, code) => {
    expect(errorCodeForStatus(status)).toBe(code);
  });
});

describe("createClientResolver", () => {
  class FakeClient {
    constructor(readonly options: { name: string } | undefined) {}
    send(): void {}
  }
  const resolve = createClientResolver<FakeClient, { name: string }>({
    create: (options) => new FakeClient(options),
    isClient: (option): option is FakeClient => typeof (option as FakeClient).send === "function",
  });

  it("builds one default client, one client per options object, and passes clients through", () => {
    expect(resolve(undefined)).toBe(resolve(undefined));
    expect(resolve(undefined).options).toBeUndefined();
    const options = { name: "a" };
    expect(resolve(options)).toBe(resolve(options));
    expect(resolve(options).options).toBe(options);
    expect(resolve({ name: "a" })).not.toBe(resolve(options));
    const client = new FakeClient({ name: "mine" });
    expect(resolve(client)).toBe(client);
  });
});

describe("readLines", () => {
  /** A body that arrives in the given byte pieces, as separate network reads. */
  function bodyOf(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
    return new ReadableStream({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    });
  }

  async function linesOf(body: ReadableStream<Uint8Array>): Promise<string[]> {
    const lines: string[] = [];
    for await (const line of readLines(body)) lines.push(line);
    return lines;
  }

  it("gives each line once, whatever byte boundaries the reads fall on, even inside a UTF-8 character", async () => {
    const text = '{"a":"é😀"}\n\n{"b":2}\r\n{"c":"end"}';
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const lines = await linesOf(bodyOf([bytes.slice(0, cut), bytes.slice(cut)]));
      expect(lines, `cut at byte ${cut}`).toEqual(['{"a":"é😀"}', '{"b":2}', '{"c":"end"}']);
    }
    const oneByteAtATime = [...bytes].map((byte) => Uint8Array.of(byte));
    expect(await linesOf(bodyOf(oneByteAtATime))).toEqual(['{"a":"é😀"}', '{"b":2}', '{"c":"end"}']);
  });

  it("cancels the body when the consumer leaves early", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("line\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const line of readLines(body)) if (line === "line") break;
    expect(cancelled).toBe(true);
  });
});

describe("providerErrorFromResponse", () => {
  it.each([
    ['{"error":{"message":"Model not found","type":"invalid_request_error"}}', "Model not found"],
    ['{"error":"model \\"x\\" not found, try pulling it first"}', 'model "x" not found, try pulling it first'],
    ['{"object":"error","message":"max context is 2048 tokens"}', "max context is 2048 tokens"],
    ['{"detail":"Not authenticated"}', "Not authenticated"],
    ["upstream timed out", "upstream timed out"],
  ])("keeps the server's message from %s", async (body, message) => {
    const error = await providerErrorFromResponse(new Response(body, { status: 404 }), { provider: "acme" });
    expect(error).toMatchObject({ code: "not_found", status: 404, provider: "acme", retryable: false });
    expect(error.message).toBe(`acme: ${message}`);
  });

  it("names the status when the body is empty, reads retry-after, and redacts the key", async () => {
    const empty = await providerErrorFromResponse(
      new Response("", { status: 503, statusText: "Service Unavailable" }),
      { provider: "acme" },
    );
    expect(empty).toMatchObject({ code: "overloaded", retryable: true, message: "acme: HTTP 503 Service Unavailable" });
    const limited = await providerErrorFromResponse(
      new Response('{"error":"slow down, acme-key-123456"}', { status: 429, headers: { "retry-after": "3" } }),
      { provider: "acme", apiKey: "acme-key-123456" },
    );
    expect(limited).toMatchObject({ code: "rate_limited", retryAfterMs: 3000, message: "acme: slow down, [redacted]" });
  });
});

describe("urlForMessage", () => {
  it("keeps the origin and path, and drops credentials, query and fragment", () => {
    expect(urlForMessage("https://user:sk-secret@gateway.example.com/v1/?key=abc#x")).toBe(
      "https://gateway.example.com/v1",
    );
    expect(urlForMessage("http://127.0.0.1:11434/")).toBe("http://127.0.0.1:11434");
    expect(urlForMessage("not a url")).toBeUndefined();
    expect(urlForMessage(undefined)).toBeUndefined();
  });
});
