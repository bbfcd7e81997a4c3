import { expect } from "vitest";
import type { ConformanceEnding } from "../conformance/loopback-conformance-server.js";
import type { RecordedRequest, ScriptedResponse } from "../servers/loopback-server.js";
import { splitWords } from "../split-words.js";
import {
  failuresBeforeAnyChunk,
  failuresMidStream,
  failuresOfAbortSignals,
  failuresOfStreamAbort,
  type SecretsAsk,
  SECRETS_VARS as VARS,
} from "./secrets-checks.js";
import type { SecretsWireFormat } from "./secrets-suite-target.js";

const STREAMED_TEXT = "Apple pie, then apple crumble.";
const STREAMED = splitWords(STREAMED_TEXT);
const STREAMED_ENDING: ConformanceEnding = { finishReason: "stop", usage: { input: 12, output: STREAMED.length } };
const CALLED_TEXT = "Apple pie, apple crumble and tarte Tatin.";
const CALLED_ENDING: ConformanceEnding = { finishReason: "stop", usage: { input: 14, output: 11 } };
/** The pause between the events of a stream that a scenario aborts, and before the answer of a call() it aborts. */
const SLOW_EVENT_MS = 20;
const SLOW_CALL_MS = 300;

/** One way a request can go, run as a user would. */
export interface SecretsScenario {
  readonly name: string;
  /** How the scenario's server answers a request, given the key under test; `undefined` where nothing listens. */
  readonly answer:
    | ((request: RecordedRequest, key: string) => ScriptedResponse | Promise<ScriptedResponse>)
    | undefined;
  /** Runs the prompt as a user would and returns every error the user saw. */
  readonly run: (Ask: SecretsAsk) => Promise<unknown[]>;
  /** The `code` of every error `run` returns; none for a scenario that succeeds. */
  readonly code?: string;
}

/** The secrets suite's scenarios, scripted in `wire`'s format. */
export function secretsScenarios<TClient>(wire: SecretsWireFormat<TClient>): SecretsScenario[] {
  const streamHeaders = { "content-type": wire.streamContentType ?? "text/event-stream", "cache-control": "no-cache" };
  const jsonHeaders = { "content-type": "application/json" };
  const stream = (events: readonly string[], pieceDelayMs?: number): ScriptedResponse => ({
    headers: streamHeaders,
    body: events,
    pieceDelayMs,
  });
  const json = (body: unknown, status = 200): ScriptedResponse => ({
    status,
    headers: jsonHeaders,
    body: [JSON.stringify(body)],
  });
  const streamed = (pieceDelayMs?: number) => stream(wire.streamEvents(STREAMED, STREAMED_ENDING), pieceDelayMs);
  const called = () => json(wire.answerBody(CALLED_TEXT, CALLED_ENDING));
  /** The events before a failure in the middle of a stream: up to and including its first two pieces of text. */
  const before = wire.streamEvents(STREAMED.slice(0, 2), undefined);
  const answer = (request: RecordedRequest) => (wire.isStreamed(request) ? streamed() : called());

  return [
    {
      name: "a successful stream",
      answer,
      run: async (Ask) => {
        const stream = new Ask(VARS).stream();
        let text = "";
        for await (const chunk of stream) text += chunk.content;
        expect(text).toBe(STREAMED_TEXT);
        expect(await stream.response()).toMatchObject({ finishReason: "stop" });
        return [];
      },
    },
    {
      name: "a successful call()",
      answer,
      run: async (Ask) => {
        expect(await new Ask(VARS).call()).toMatchObject({ content: CALLED_TEXT });
        return [];
      },
    },
    {
      name: "a 401 whose JSON body echoes the key",
      answer: (_request, key) => json(wire.errorBody(401, `Incorrect API key provided: ${key}.`), 401),
      run: failuresBeforeAnyChunk,
      code: "authentication",
    },
    {
      name: "a 401 whose plain-text body (a proxy's) echoes the key",
      answer: (_request, key) => ({
        status: 401,
        headers: { "content-type": "text/plain" },
        body: [`Unauthorized: the key ${key} is not valid for this gateway`],
      }),
      run: failuresBeforeAnyChunk,
      code: "authentication",
    },
    {
      name: "a 500",
      answer: () => json(wire.errorBody(500, "The server had an error while processing your request."), 500),
      run: failuresBeforeAnyChunk,
      code: "server_error",
    },
    {
      name: "a malformed event in the middle of the stream",
      answer: () => stream([...before, wire.rawEvent('{"delta":{"content":"bro')]),
      run: failuresMidStream,
      code: "stream_interrupted",
    },
    {
      name: "a malformed event that holds the key (a proxy's text in the stream)",
      answer: (_request, key) => stream([...before, wire.rawEvent(`upstream rejected key ${key}: retry later`)]),
      run: failuresMidStream,
      code: "stream_interrupted",
    },
    {
      name: "an error event in the middle of the stream that echoes the key",
      answer: (_request, key) => stream([...before, wire.errorEvent(`internal error while serving key ${key}`)]),
      run: failuresMidStream,
      code: "server_error",
    },
    { name: "a refused connection", answer: undefined, run: failuresBeforeAnyChunk, code: "connection" },
    {
      name: "a stream aborted with stream.abort() (StreamAbortedError)",
      answer: () => streamed(SLOW_EVENT_MS),
      run: failuresOfStreamAbort,
      code: "aborted",
    },
    {
      name: "a stream and a call() aborted by their signal (StreamAbortedError)",
      answer: async (request) => {
        if (wire.isStreamed(request)) return streamed(SLOW_EVENT_MS);
        await new Promise((resolve) => setTimeout(resolve, SLOW_CALL_MS));
        return called();
      },
      run: failuresOfAbortSignals,
      code: "aborted",
    },
  ];
}
