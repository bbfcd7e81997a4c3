/**
 * The page's script, bundled for the browser by `bundle-page.ts`: sends the question, appends
 * the answer as it streams, Stop aborts the request (the server then cancels the provider's).
 */
import { type ClientResponseStream, fetchResponseStream, StreamAbortedError } from "@promptstream/core/client";
import { describeError } from "./describe-error.js";

const form = element<HTMLFormElement>("ask");
const question = element<HTMLTextAreaElement>("question");
const send = element<HTMLButtonElement>("send");
const stop = element<HTMLButtonElement>("stop");
const status = element("status");
const answer = element("answer");
const errorLine = element("error");

let current: ClientResponseStream | undefined;

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void ask(question.value);
});
stop.addEventListener("click", () => current?.abort());

async function ask(text: string): Promise<void> {
  current?.abort();
  const stream = fetchResponseStream("/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question: text }),
  });
  current = stream;
  answer.textContent = "";
  errorLine.textContent = "";
  show("Streaming…", true);
  try {
    for await (const piece of stream.textStream) answer.append(piece);
    if (current === stream) show("Done.", false);
  } catch (error) {
    // A newer question aborted this one: the page belongs to the newer one.
    if (current !== stream) return;
    if (error instanceof StreamAbortedError) show(`Stopped after ${error.partialText.length} characters.`, false);
    else {
      show("Failed.", false);
      errorLine.textContent = describeError(error);
    }
  }
}

function show(text: string, streaming: boolean): void {
  status.textContent = text;
  send.disabled = streaming;
  stop.disabled = !streaming;
}

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`The page has no #${id}.`);
  return found as T;
}
