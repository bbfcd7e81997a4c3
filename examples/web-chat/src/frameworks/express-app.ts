/**
 * Express 5: the stream written to Node's `res` with backpressure. When the browser leaves,
 * `pipeToNodeResponse` cancels the provider request.
 */
import express from "express";
import { Chat, questionOf } from "../chat.js";

export const app: express.Express = express();

app.post("/chat", express.json(), async (req, res) => {
  const question = questionOf(req.body);
  if (question === undefined) {
    res.status(400).send('Send {"question": "..."}.');
    return;
  }
  await new Chat({ question }).stream().pipeToNodeResponse(res);
});
