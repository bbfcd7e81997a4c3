import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from "../servers/loopback-server.js";
import { CassetteError } from "./cassette-error.js";
import type { CassetteProvider } from "./cassette-provider.js";
import type { CassetteSession } from "./cassette-session.js";
import { recordExchange } from "./record-exchange.js";
import { errorResponse, replayExchange } from "./replay-exchange.js";

/**
 * The loopback server that plays a provider's cassettes. One per base-URL variable for the whole
 * process, never closed (and not keeping the process alive): a provider's SDK client built from the
 * environment is built once and reused by every later call, so the URL it was given must keep
 * answering for every cassette the test file uses after it.
 */
interface CassettePlayer {
  readonly server: LoopbackServer;
  /** The base URL to give the SDK: the server's URL with the real API's base path (`/v1` for OpenAI). */
  readonly baseURL: string;
  session: CassetteSession | undefined;
}

const players = new Map<string, Promise<CassettePlayer>>();

/** Plays `session` on its provider's player, starting the player on first use. Returns the base URL and a function that ejects it. */
export async function insertCassette(
  session: CassetteSession,
): Promise<{ readonly baseURL: string; readonly eject: () => void }> {
  const player = await playerFor(session.provider);
  if (player.session !== undefined) {
    throw new CassetteError(
      `cassette "${session.name}" cannot play: cassette "${player.session.name}" is still in use for ` +
        `${session.provider.name}. Close each cassette when its test ends (await cassette.close(), e.g. in ` +
        "afterEach, or use withCassette), and do not use cassettes of one provider in concurrent tests.",
      { code: "cassette_in_use", path: session.path },
    );
  }
  player.session = session;
  return {
    baseURL: player.baseURL,
    eject: () => {
      if (player.session === session) player.session = undefined;
    },
  };
}

function playerFor(provider: CassetteProvider): Promise<CassettePlayer> {
  let player = players.get(provider.baseUrlVariable);
  if (player === undefined) {
    player = startPlayer(provider);
    players.set(provider.baseUrlVariable, player);
  }
  return player;
}

async function startPlayer(provider: CassetteProvider): Promise<CassettePlayer> {
  // Requests keep the real API's base path, so a recorded path is the one the real API saw.
  const pathPrefix = new URL(provider.upstream).pathname.replace(/\/$/, "");
  const player: { server?: LoopbackServer; baseURL?: string; session: CassetteSession | undefined } = {
    session: undefined,
  };
  const server = await startLoopbackServer(
    (request: RecordedRequest) => {
      const session = player.session;
      if (session === undefined) {
        return errorResponse(
          400,
          `no cassette is in use for ${provider.name}: a request was sent to the cassette player at ` +
            `${player.baseURL} outside useCassette(...) ... close()`,
        );
      }
      return session.mode === "record"
        ? recordExchange(request, session, pathPrefix)
        : replayExchange(request, session);
    },
    { unref: true },
  );
  player.server = server;
  player.baseURL = `${server.url}${pathPrefix}`;
  return player as CassettePlayer;
}
