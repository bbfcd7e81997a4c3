/**
 * Gemini's error bodies, through the real `@google/genai` SDK: each becomes core's error of its
 * kind, with Google's message and status, a 429's `retryDelay` as `retryAfterMs`, and never the key.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "@promptstream/core";
import { FIXTURES_MISSING_REASON, findFixturesDir } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type GeminiScript, type GeminiServer, startGeminiServer } from "./google-server.test-support.js";
import { GooglePrompt } from "./index.js";

const API_KEY = "AIzaSyErrorSuiteKey00000000000000000000";
const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

let server: GeminiServer;
let next: GeminiScript = { json: {} };
beforeAll(async () => {
  server = await startGeminiServer(() => next);
});
afterAll(() => server.close());

function prompt(apiKey = API_KEY) {
  class Recipe extends GooglePrompt({
    template: "Recommend recipes that use {ingredient}",
    variables: z.object({ ingredient: z.string() }),
    client: { apiKey, baseURL: server.baseURL },
    // Core's retries would resend a 429 after its retryDelay: the first failure is the one under test.
    maxRetries: 0,
  }) {}
  return new Recipe({ ingredient: "apples" });
}

function googleError(code: number, status: string, message: string, details: unknown[] = []) {
  return { status: code, json: { error: { code, message, status, details } } };
}

async function failure(send: () => Promise<unknown>): Promise<Error> {
  const error = await send().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("Gemini error bodies", () => {
  it.skipIf(fixturesDir === undefined)("the recorded 429 becomes a RateLimitError honouring retryDelay", async () => {
    const body = JSON.parse(readFileSync(join(fixturesDir ?? "", "google-gemini/google-429-retry-info.json"), "utf8"));
    next = { status: 429, json: body };
    const error = await failure(() => prompt().stream().text());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(34_400);
    expect((error as RateLimitError).status).toBe(429);
    expect(error.message).toContain("You exceeded your current quota");
    expect(error.message).toContain("RESOURCE_EXHAUSTED");
  });

  it.each([
    [401, "UNAUTHENTICATED", AuthenticationError],
    [403, "PERMISSION_DENIED", PermissionDeniedError],
    [404, "NOT_FOUND", NotFoundError],
    [400, "INVALID_ARGUMENT", InvalidRequestError],
  ])("a %i %s becomes its error class, without the key the server echoed", async (code, status, ErrorClass) => {
    next = googleError(code, status, `Refused key ${API_KEY} (see ?key=${API_KEY}).`);
    for (const send of [() => prompt().stream().text(), () => prompt().call()]) {
      const error = await failure(send);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error.message).toContain(status);
      expect(error.message).not.toContain(API_KEY);
      expect(JSON.stringify(error)).not.toContain(API_KEY);
      expect(String(error.stack)).not.toContain(API_KEY);
    }
  });

  it("a 400 with API_KEY_INVALID is an AuthenticationError", async () => {
    next = googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
      { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" },
    ]);
    expect(await failure(() => prompt().stream().text())).toBeInstanceOf(AuthenticationError);
  });

  it("the key travels in the x-goog-api-key header, never in the URL", async () => {
    next = googleError(403, "PERMISSION_DENIED", "no");
    await failure(() => prompt().stream().text());
    const request = server.requests[server.requests.length - 1];
    expect(request?.headers["x-goog-api-key"]).toBe(API_KEY);
    expect(request?.url).not.toContain(API_KEY);
  });

  it("a short key echoed by the server is redacted too", async () => {
    next = googleError(401, "UNAUTHENTICATED", "bad key: k3y-1");
    const error = await failure(() => prompt("k3y-1").stream().text());
    expect(error.message).not.toContain("k3y-1");
  });

  it("an error body inside the stream is mapped the same way", async () => {
    next = {
      lines: [JSON.stringify({ error: { code: 503, message: `Overloaded for ${API_KEY}`, status: "UNAVAILABLE" } })],
    };
    const error = await failure(() => prompt().stream().text());
    expect(error.name).toBe("OverloadedError");
    expect(error.message).not.toContain(API_KEY);
  });
});
