/** How much the middleware figure runs: the full run, and the smoke run CI makes. */

/**
 * How much each figure runs. Samples are short and many: on a machine other processes share, the
 * variants of one round run close together, and the difference to no middleware is taken round
 * by round (paired), which cancels most of the drift.
 */
export const MIDDLEWARE_FULL = {
  name: "full",
  perChunk: { textChunks: 1000, callsPerSample: 5 },
  perCall: { textChunks: 1, callsPerSample: 100 },
  core: { warmups: 20, samples: 201 },
  wire: { chunks: 5000, warmups: 3, samples: 41 },
} as const;
export const MIDDLEWARE_SMOKE = {
  name: "smoke",
  perChunk: { textChunks: 200, callsPerSample: 3 },
  perCall: { textChunks: 1, callsPerSample: 50 },
  core: { warmups: 1, samples: 3 },
  wire: { chunks: 500, warmups: 1, samples: 2 },
} as const;
