// ESM: sending streams on from a Node server and reading them back with the client module, as a page would.
import { createServer } from "node:http";
import { OverloadedError } from "@promptstream/core";
import { OverloadedError as ClientOverloadedError, fetchResponseStream } from "@promptstream/core/client";
import { Prompt as AnthropicPrompt } from "@promptstream/provider-anthropic";
import { Prompt } from "@promptstream/provider-openai";

class Dessert extends Prompt({ template: "USER: Recommend a dessert with {fruit}" }) {}
class Ask extends AnthropicPrompt({ template: "USER: {question}" }) {}

/** Writes a web Response to a Node response, as a framework's adapter does. */
async function send(response, res) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  for await (const bytes of response.body) res.write(bytes);
  res.end();
}

const server = createServer((request, res) => {
  const route = request.url ?? "/";
  if (route === "/pipe") void new Dessert({ fruit: "pears" }).stream().pipeToNodeResponse(res);
  else if (route === "/events") void send(new Dessert({ fruit: "apples" }).stream().toEventStreamResponse(), res);
  else if (route === "/text") void send(new Dessert({ fruit: "apples" }).stream().toTextResponse(), res);
  else void new Ask({ question: "fault" }).stream().pipeToNodeResponse(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const piped = fetchResponseStream(`${base}/pipe`);
const pipedResponse = await piped.response();
console.log(`pipe: ${pipedResponse.content} finish=${pipedResponse.finishReason}`);

let chunks = 0;
const events = fetchResponseStream(`${base}/events`);
for await (const chunk of events) if (chunk.content !== "") chunks += 1;
console.log(`events: ${await events.text()} chunks=${chunks}`);

const text = await fetch(`${base}/text`);
console.log(`text: ${await text.text()} type=${text.headers.get("content-type")}`);

try {
  await fetchResponseStream(`${base}/fault`).text();
} catch (error) {
  console.log(
    `fault: ${error.name} same-class=${error instanceof OverloadedError && ClientOverloadedError === OverloadedError} partial=${JSON.stringify(error.partialText)}`,
  );
}
server.close();
