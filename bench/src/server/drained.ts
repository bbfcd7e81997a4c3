/** Backpressure on a Node response, shared by the loopback server and the web figure's relay server. */
import type { ServerResponse } from "node:http";

/** Resolves when the socket takes more, or when the client went away. */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
