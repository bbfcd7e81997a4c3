import { describe, expect, it } from "vitest";
import { type CallParams, mergeCallParams } from "../index.js";

describe("mergeCallParams", () => {
  it("lets the instance override the definition and the call override both", () => {
    const definition: CallParams = { model: "small", temperature: 0.2, maxTokens: 100 };
    const instance: CallParams = { temperature: 0.5, seed: 7 };
    const call: CallParams = { temperature: 0.9, stop: ["\n\n"] };
    expect(mergeCallParams<CallParams>(definition, instance, call)).toEqual({
      model: "small",
      temperature: 0.9,
      maxTokens: 100,
      seed: 7,
      stop: ["\n\n"],
    });
  });

  it("never lets an undefined value override a defined one, at any level", () => {
    expect(
      mergeCallParams<CallParams>(
        { model: "small", temperature: 0.2 },
        { model: undefined, temperature: 0.5 },
        { temperature: undefined },
      ),
    ).toEqual({ model: "small", temperature: 0.5 });
  });

  it("leaves out keys that are undefined at every level", () => {
    const merged = mergeCallParams<CallParams>({ model: undefined }, { topP: undefined });
    expect(merged).toEqual({});
    expect(Object.keys(merged)).toEqual([]);
  });

  it("keeps falsy values that are defined: 0, false, empty string and null", () => {
    const merged = mergeCallParams<Record<string, unknown>>(
      { temperature: 1, stream: true, model: "small", user: "ann" },
      { temperature: 0, stream: false, model: "", user: null },
    );
    expect(merged).toEqual({ temperature: 0, stream: false, model: "", user: null });
  });

  it("skips levels that are undefined", () => {
    expect(mergeCallParams<CallParams>(undefined, { seed: 1 }, undefined)).toEqual({ seed: 1 });
    expect(mergeCallParams<CallParams>()).toEqual({});
  });

  it("returns a new object and leaves its inputs untouched", () => {
    const definition = { model: "small" };
    const call = { model: "large" };
    const merged = mergeCallParams<CallParams>(definition, call);
    expect(merged).not.toBe(definition);
    expect(merged).not.toBe(call);
    expect(definition).toEqual({ model: "small" });
    expect(call).toEqual({ model: "large" });
  });

  it("keeps an adapter's own params beside the neutral ones", () => {
    interface OwnParams extends CallParams {
      readonly reasoningEffort?: "low" | "high" | undefined;
    }
    expect(mergeCallParams<OwnParams>({ reasoningEffort: "low", model: "m" }, { reasoningEffort: "high" })).toEqual({
      reasoningEffort: "high",
      model: "m",
    });
  });
});
