/**
 * Hono: a route returns the stream as a web `Response`. `@hono/node-server` serves it on Node;
 * on Bun, Deno or Workers the same `app` is served as it is.
 */
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { Chat, questionOf } from "../chat.js";

export const app = new Hono();

app.post("/chat", async (c) => {
  const question = questionOf(await c.req.json().catch(() => undefined));
  if (question === undefined) return c.text('Send {"question": "..."}.', 400);
  return new Chat({ question }).stream().toEventStreamResponse();
});

/** Serves `app` on 127.0.0.1 (port 0: a free one); resolves with its URL and the Node server. */
export function serveHono(port = 0): Promise<{ url: string; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, server }),
    );
  });
}
