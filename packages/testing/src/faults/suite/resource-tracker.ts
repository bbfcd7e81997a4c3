import { createHook } from "node:async_hooks";
import { expect } from "vitest";
import { pause, suiteTimers } from "./suite-timers.js";

/** How long a scenario may take to let go of its sockets and timers once its servers are closed. */
const HANDLE_GRACE_MS = 500;
/** The handle kinds a stream must not leave behind (`process.getActiveResourcesInfo()` names). */
const WATCHED_HANDLES = ["Timeout", "TCPSocketWrap", "TCPWRAP", "TCPServerWrap", "TCPSERVERWRAP"];
/**
 * The same kinds as async hooks name them. Counting active resources misses unref'd timers
 * (core's deadline timer is one), and a timer of the test runner's that ends during a
 * scenario can hide one left behind: the scenario also tracks each one it creates.
 */
const TRACKED_RESOURCES = new Set(["Timeout", "TCPWRAP", "TCPSERVERWRAP"]);
/**
 * Process-wide timers that outlive a scenario by design, at most once each, and stop by
 * themselves (both unref'd): undici's clock (`onTick`, every 499 ms while any connection has
 * a timeout) and `node:http`'s cache of the `Date` header (`resetCache`, up to 1 s). They are
 * not the scenario's: the tracker leaves them out, by the name of their callback.
 */
const PROCESS_WIDE_TIMERS = new Set(["onTick", "resetCache"]);

/** The timers and TCP handles created since it started that are not destroyed yet, by kind. */
interface ResourceTracker {
  alive(): Record<string, number>;
  stop(): void;
}

/** The watched handles open now, by kind. */
export function watchedHandles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) {
    if (WATCHED_HANDLES.includes(kind)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

/** Starts tracking the timers and TCP handles created from now on, until `stop()`. */
export function trackResources(): ResourceTracker {
  const alive = new Map<number, { type: string; resource: object }>();
  const hook = createHook({
    init(asyncId, type, _triggerAsyncId, resource) {
      if (TRACKED_RESOURCES.has(type)) alive.set(asyncId, { type, resource });
    },
    destroy(asyncId) {
      alive.delete(asyncId);
    },
  }).enable();
  return {
    alive() {
      const counts: Record<string, number> = {};
      for (const { type, resource } of alive.values()) {
        if (suiteTimers.has(resource) || PROCESS_WIDE_TIMERS.has(timerCallbackName(resource))) continue;
        counts[type] = (counts[type] ?? 0) + 1;
      }
      return counts;
    },
    stop: () => hook.disable(),
  };
}

/**
 * Waits (up to {@link HANDLE_GRACE_MS}) for the watched handles to be back to their counts
 * before the scenario, and for every timer and socket the scenario created to be gone.
 */
export async function expectHandlesBack(before: ReadonlyMap<string, number>, created: ResourceTracker): Promise<void> {
  const deadline = performance.now() + HANDLE_GRACE_MS;
  for (;;) {
    const extra: Record<string, number> = {};
    for (const [kind, count] of watchedHandles()) {
      const more = count - (before.get(kind) ?? 0);
      if (more > 0) extra[kind] = more;
    }
    const left = created.alive();
    if (Object.keys(extra).length === 0 && Object.keys(left).length === 0) return;
    if (performance.now() > deadline) {
      expect(
        extra,
        `active resources beyond those before the scenario, ${HANDLE_GRACE_MS} ms after its servers closed`,
      ).toEqual({});
      expect(
        left,
        `timers and sockets the scenario created, still there ${HANDLE_GRACE_MS} ms after its servers closed`,
      ).toEqual({});
      return;
    }
    await pause(10);
  }
}

/** The name of a `Timeout`'s callback (Node keeps it as `_onTimeout`); `""` for other resources. */
function timerCallbackName(resource: object): string {
  const callback: unknown = (resource as { _onTimeout?: unknown })._onTimeout;
  return typeof callback === "function" ? callback.name : "";
}
