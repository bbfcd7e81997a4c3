/**
 * The smoke run as a Cloudflare Worker module, for workerd: each request runs it against the
 * loopback servers named in the worker's text bindings and answers with the report as JSON.
 * It is bundled with esbuild for workers (no `node:` import, no `nodejs_compat` flag).
 */
import { runSmoke } from "./smoke.ts";

interface Env {
  readonly PROMPTSTREAM_OPENAI_BASE_URL: string;
  readonly PROMPTSTREAM_ANTHROPIC_BASE_URL: string;
  readonly WORKERD_VERSION: string;
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    try {
      const report = await runSmoke(
        { openaiBaseURL: env.PROMPTSTREAM_OPENAI_BASE_URL, anthropicBaseURL: env.PROMPTSTREAM_ANTHROPIC_BASE_URL },
        `workerd ${env.WORKERD_VERSION}`,
      );
      return Response.json(report);
    } catch (error) {
      // A failure outside the scenarios (a module that cannot load, a missing binding) is reported
      // as text so that the test shows it instead of workerd's bare 500.
      return new Response(error instanceof Error ? (error.stack ?? error.message) : String(error), { status: 500 });
    }
  },
};
