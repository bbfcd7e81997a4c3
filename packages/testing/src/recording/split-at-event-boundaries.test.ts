import { describe, expect, it } from "vitest";
import { splitAtEventBoundaries } from "./split-at-event-boundaries.js";

describe("splitAtEventBoundaries", () => {
  it("cuts an event stream into one event per piece, each timed by the arrival of its end", () => {
    const arrived = { pieces: ["data: 1\n\ndata: 2", "\n\ndata: 3\r\n\r\ndata: [DONE]\n\n"], timesMs: [5, 9] };
    expect(splitAtEventBoundaries(arrived, true)).toEqual({
      pieces: ["data: 1\n\n", "data: 2\n\n", "data: 3\r\n\r\n", "data: [DONE]\n\n"],
      timesMs: [5, 9, 9, 9],
    });
  });

  it("keeps a trailing partial event (a stream cut short) and leaves other bodies as they arrived", () => {
    expect(splitAtEventBoundaries({ pieces: ["data: 1\n\nda", "ta: 2"], timesMs: [1, 2] }, true)).toEqual({
      pieces: ["data: 1\n\n", "data: 2"],
      timesMs: [1, 2],
    });
    const json = { pieces: ['{"a":', "1}"], timesMs: [1, 2] };
    expect(splitAtEventBoundaries(json, false)).toBe(json);
  });
});
