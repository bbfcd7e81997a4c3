/**
 * Property-based tests of call-param validation, through the public API: a prompt class from
 * `definePrompt` over an in-memory adapter that records every request it is handed.
 *
 * Documented rules (README "Call params", core's validateCallParams): `maxTokens` a positive
 * integer, `temperature` finite and >= 0, `topP` in (0, 1], `seed` a safe integer, `stop` a
 * non-empty string or an array of non-empty strings. A bad value throws a `CallParamsError`
 * (`code: "invalid_param"`, `param` naming the field) from `stream()` or `call()`, before any
 * request is sent.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AdapterV1,
  type AdapterV1Request,
  type CallParams,
  CallParamsError,
  type CallResponse,
  definePrompt,
  PromptstreamError,
  type ResponseChunk,
} from "../index.js";
import { thrownBy } from "../test-support.js";

const runs = 300;

type Field = "maxTokens" | "temperature" | "topP" | "seed" | "stop";
const fields: readonly Field[] = ["maxTokens", "temperature", "topP", "seed", "stop"];

// --- The documented rules, written independently of the implementation ----------------------

const isNumber = (value: unknown): value is number => typeof value === "number";
const acceptedBy: Record<Field, (value: unknown) => boolean> = {
  maxTokens: (value) => isNumber(value) && Number.isFinite(value) && Math.floor(value) === value && value >= 1,
  temperature: (value) => isNumber(value) && Number.isFinite(value) && value >= 0,
  topP: (value) => isNumber(value) && Number.isFinite(value) && value > 0 && value <= 1,
  seed: (value) =>
    isNumber(value) && Number.isFinite(value) && Math.floor(value) === value && Math.abs(value) <= 2 ** 53 - 1,
  stop: (value) => {
    const nonEmptyString = (item: unknown) => typeof item === "string" && item.length > 0;
    if (!Array.isArray(value)) return nonEmptyString(value);
    // Read every index, holes included: a hole is not a non-empty string.
    for (let index = 0; index < value.length; index += 1) if (!nonEmptyString(value[index])) return false;
    return true;
  },
};

// --- Arbitraries -----------------------------------------------------------------------------

/** Numbers of every kind: NaN, ±Infinity, -0, negatives, fractions, huge, around the bounds. */
const anyNumber = fc.oneof(
  { weight: 3, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1 }) },
  { weight: 1, arbitrary: fc.maxSafeInteger() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      0,
      -0,
      1,
      -1,
      0.5,
      1.5,
      1 + Number.EPSILON,
      1 - Number.EPSILON,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 1,
      Number.MIN_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER - 1,
      2 ** 53 + 2,
      1e21,
      1e308,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ),
  },
);

/** Values of the wrong type, as a JavaScript caller (or a cast) could pass them. */
const wrongType = fc.constantFrom<unknown>("1", "", null, true, [1], {}, 1n, Symbol("n"), () => 1);

const numericParam = fc.option(fc.oneof({ weight: 8, arbitrary: anyNumber }, { weight: 1, arbitrary: wrongType }), {
  nil: undefined,
  freq: 3,
});

const stopString = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("", "\n", " ", "END", "\u0000"));
const stopParam = fc.option(
  fc.oneof(
    { weight: 3, arbitrary: stopString },
    { weight: 3, arbitrary: fc.array(stopString, { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.oneof(stopString, fc.integer(), fc.constant(null), fc.constant(undefined)), {
        maxLength: 4,
      }),
    },
    { weight: 1, arbitrary: fc.anything() },
  ),
  { nil: undefined, freq: 3 },
);

type Level = Partial<Record<Field, unknown>>;
const level: fc.Arbitrary<Level> = fc.record(
  { maxTokens: numericParam, temperature: numericParam, topP: numericParam, seed: numericParam, stop: stopParam },
  { requiredKeys: [] },
);

/** Params at the three levels: definition < instance < call. */
const levels = fc.record({ definition: level, instance: level, call: level });

// --- The recording adapter --------------------------------------------------------------------

type Request = AdapterV1Request<CallParams, never>;

function recordingAdapter(requests: Request[]): AdapterV1<CallParams, ResponseChunk, CallResponse> {
  const response = (content: string): CallResponse => ({
    content,
    finishReason: "stop",
    rawFinishReason: "stop",
    usage: undefined,
    model: "memory-1",
    id: "memory",
    message: { role: "assistant", content },
  });
  return {
    specificationVersion: "v1",
    provider: "memory",
    async doCall(request) {
      requests.push(request);
      return response("called");
    },
    async doStream(request) {
      requests.push(request);
      async function* chunks(): AsyncGenerator<ResponseChunk> {
        yield { content: "streamed", finishReason: "stop", rawFinishReason: "stop", usage: undefined };
      }
      return { chunks: chunks(), createResponse: (summary) => ({ ...response(summary.content), ...summary }) };
    },
  };
}

/** The params core should hand the adapter: later levels override, `undefined` never erases. */
function merged(...all: readonly Level[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const set = all.map((one) => one[field]).filter((value) => value !== undefined);
    if (set.length > 0) result[field] = set.at(-1);
  }
  return result;
}

function offendingFields(params: Record<string, unknown>): Field[] {
  return fields.filter((field) => field in params && !acceptedBy[field](params[field]));
}

function expectCallParamsError(error: unknown, offending: readonly Field[]): void {
  expect(error).toBeInstanceOf(CallParamsError);
  expect(PromptstreamError.isInstance(error)).toBe(true);
  expect(error).toMatchObject({ name: "CallParamsError", code: "invalid_param", provider: undefined });
  // The field named is one of those at fault (which one, when several are, is not documented).
  expect(offending).toContain((error as CallParamsError).param);
  expect((error as Error).message).toContain(`\`${(error as CallParamsError).param}\``);
}

function setUp(all: { definition: Level; instance: Level }) {
  const requests: Request[] = [];
  const Prompt = definePrompt(recordingAdapter(requests));
  class Ask extends Prompt({ template: "USER: Hi {name}", callParams: all.definition as CallParams }) {}
  const ask = new Ask({ name: "Ada" }, { callParams: all.instance as CallParams });
  return { requests, ask };
}

// --- Properties -------------------------------------------------------------------------------

describe("call params, any values", () => {
  it("stream(): proceeds exactly when every merged param obeys the rules; else throws at once and sends nothing", async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(levels, async (all) => {
        const { requests, ask } = setUp(all);
        const params = merged(all.definition, all.instance, all.call);
        const offending = offendingFields(params);
        let stream: ReturnType<typeof ask.stream> | undefined;
        let error: unknown;
        try {
          stream = ask.stream(all.call as CallParams);
        } catch (thrown) {
          error = thrown;
        }
        if (offending.length > 0) {
          expect(stream, `stream() accepted ${String(offending)} in ${describeParams(params)}`).toBeUndefined();
          expectCallParamsError(error, offending);
          await Promise.resolve();
          expect(requests).toHaveLength(0);
          refused += 1;
        } else {
          expect(error, `stream() refused ${describeParams(params)}`).toBeUndefined();
          expect(await stream?.text()).toBe("streamed");
          expect(requests).toHaveLength(1);
          expect(requests[0]?.params).toStrictEqual(params);
          accepted += 1;
        }
      }),
      { numRuns: runs },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it("call(): resolves exactly when every merged param obeys the rules; else rejects and sends nothing", async () => {
    await fc.assert(
      fc.asyncProperty(levels, async (all) => {
        const { requests, ask } = setUp(all);
        const params = merged(all.definition, all.instance, all.call);
        const offending = offendingFields(params);
        const outcome = await ask.call(all.call as CallParams).then(
          (response) => ({ response }),
          (error: unknown) => ({ error }),
        );
        if (offending.length > 0) {
          expect("error" in outcome, `call() accepted ${String(offending)} in ${describeParams(params)}`).toBe(true);
          expectCallParamsError((outcome as { error: unknown }).error, offending);
          expect(requests).toHaveLength(0);
        } else {
          expect("response" in outcome, `call() refused ${describeParams(params)}`).toBe(true);
          expect((outcome as { response: CallResponse }).response.content).toBe("called");
          expect(requests).toHaveLength(1);
          expect(requests[0]?.params).toStrictEqual(params);
        }
      }),
      { numRuns: runs },
    );
  });

  it.each(fields)("a single bad %s, at any level, is named by the error", (field) => {
    const bad = (field === "stop" ? stopParam : numericParam).filter(
      (value) => value !== undefined && !acceptedBy[field](value),
    );
    fc.assert(
      fc.property(bad, fc.constantFrom("definition", "instance", "call"), (value, where) => {
        const all = { definition: {}, instance: {}, call: {}, [where]: { [field]: value } };
        const { requests, ask } = setUp(all);
        const error = thrownBy(() => ask.stream(all.call as CallParams));
        expectCallParamsError(error, [field]);
        expect(requests).toHaveLength(0);
      }),
      { numRuns: 100 },
    );
  });

  it("a good value at a later level overrides a bad one at an earlier level", async () => {
    const good: Record<Field, fc.Arbitrary<unknown>> = {
      maxTokens: fc.integer({ min: 1, max: 1_000_000 }),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      topP: fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
      seed: fc.maxSafeInteger(),
      stop: fc.oneof(fc.string({ minLength: 1 }), fc.array(fc.string({ minLength: 1 }), { maxLength: 3 })),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields).chain((field) =>
          fc.tuple(
            fc.constant(field),
            (field === "stop" ? stopParam : numericParam).filter(
              (value) => value !== undefined && !acceptedBy[field](value),
            ),
            good[field],
          ),
        ),
        async ([field, bad, fine]) => {
          const all = { definition: { [field]: bad }, instance: {}, call: { [field]: fine } };
          const { requests, ask } = setUp(all);
          await ask.stream(all.call as CallParams).text();
          expect(requests).toHaveLength(1);
          expect(requests[0]?.params).toStrictEqual({ [field]: fine });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a stop array with holes", () => {
    const sparse = fc
      .sparseArray(fc.string({ minLength: 1 }), { minNumElements: 0, maxLength: 5 })
      .filter((items) => Object.keys(items).length < items.length);
    fc.assert(
      fc.property(sparse, (stop) => {
        const { requests, ask } = setUp({ definition: {}, instance: {} });
        const error = thrownBy(() => ask.stream({ stop }));
        expectCallParamsError(error, ["stop"]);
        expect(requests).toHaveLength(0);
      }),
      { numRuns: 50 },
    );
  });

  it("refuses values that String() cannot convert with a CallParamsError, not a TypeError", () => {
    const unprintable = fc.constantFrom<() => unknown>(
      () => Object.create(null),
      () => ({ toString: 1 }),
      () => [Symbol("stop")],
      () => [Object.create(null)],
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), unprintable, (field, make) => {
        const { requests, ask } = setUp({ definition: {}, instance: {} });
        const error = thrownBy(() => ask.stream({ [field]: make() } as CallParams));
        expect(requests).toHaveLength(0);
        expectCallParamsError(error, [field]);
      }),
      { numRuns: 50 },
    );
  });
});

function describeParams(params: Record<string, unknown>): string {
  return `{ ${Object.entries(params)
    .map(([key, value]) => `${key}: ${fc.stringify(value)}`)
    .join(", ")} }`;
}
