// CommonJS: the client module through require(), reading an event stream it is given.
const { readResponseStream, ServerStreamError } = require("@promptstream/core/client");

const body =
  'event: chunk\ndata: {"content":"Hello"}\n\n' +
  'event: response\ndata: {"content":"Hello","finishReason":"stop","message":{"role":"assistant","content":"Hello"}}\n\n';
const headers = { "content-type": "text/event-stream" };

(async () => {
  const response = await readResponseStream(new Response(body, { headers })).response();
  console.log(`cjs: ${response.content} finish=${response.finishReason}`);
  try {
    await readResponseStream(new Response("nope", { status: 500 })).text();
  } catch (error) {
    console.log(`cjs-error: ${error instanceof ServerStreamError} ${error.code} ${error.status}`);
  }
})();
