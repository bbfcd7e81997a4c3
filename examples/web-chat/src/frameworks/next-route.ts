/**
 * A Next.js App Router route handler (`app/api/chat/route.ts`): a web `Request` in, the stream
 * as a web `Response` out. Nothing here needs Next.js; the same function serves any
 * `Request -> Response` runtime.
 */
import { Chat, questionOf } from "../chat.js";

export async function POST(request: Request): Promise<Response> {
  const question = questionOf(await request.json().catch(() => undefined));
  if (question === undefined) return new Response('Send {"question": "..."}.', { status: 400 });
  return new Chat({ question }).stream().toEventStreamResponse();
}
