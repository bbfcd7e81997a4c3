import { describe, expect, it } from "vitest";
import { createClientResolver, errorCodeForStatus, parseRetryAfter, redactSecrets } from "../../index.js";

describe("redactSecrets", () => {
  it("removes the exact key, whatever its shape, and masks vendor-shaped keys", () => {
    expect(redactSecrets("bad key: gw-0123456789abcdef!", "gw-0123456789abcdef")).toBe("bad key: [redacted]!");
    expect(redactSecrets("Incorrect API key provided: sk-proj-********3456.")).toBe("Incorrect API key provided: sk-[redacted].");
    expect(redactSecrets("key sk-ant-api03-AbC_dEf-123 refused")).toBe("key sk-[redacted] refused");
    expect(redactSecrets("nothing secret here")).toBe("nothing secret here");
  });

  it("does not treat a short or missing key as a pattern", () => {
    expect(redactSecrets("a b c", "a")).toBe("a b c");
    expect(redactSecrets("a b c", null)).toBe("a b c");
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
