import type { Logger } from "../logger.js";
import type { KeptRequests } from "../slack/inbox.js";
import type { Core } from "./core.js";

/**
 * The watchers the lease holder runs: the status tracker's loop, the SageMaker events feed (when
 * there is a queue), drift watching and new-version announcements. Returns their stops.
 */
export function watchersOf(core: Pick<Core, "tracker" | "driftWatcher" | "versionAnnouncer" | "eventFeed">): () => (() => unknown)[] {
  return () => {
    const stops: (() => unknown)[] = [];
    core.tracker.start();
    stops.push(() => core.tracker.stop());
    core.driftWatcher.start();
    stops.push(() => core.driftWatcher.stop());
    core.versionAnnouncer.start();
    stops.push(() => core.versionAnnouncer.stop());
    const feed = core.eventFeed;
    if (feed) {
      feed.start();
      stops.push(() => feed.stop());
    }
    return stops;
  };
}

/** How often requests and plans a dead process left are looked for: a fraction of their leases. */
const INTERRUPTED_SWEEP_MS = 5_000;

/**
 * Once Slack is connected: handles requests a crash interrupted, runs plans a restart interrupted,
 * asks for the watcher lease (its holder runs the watchers, `watchersOf`) and starts the sweepers.
 * Returns the stops.
 */
export async function startBackgroundWork(core: Core, requests: KeptRequests, logger: Logger, options: { trackerLoop: boolean }): Promise<(() => unknown)[]> {
  const stops: (() => unknown)[] = [];
  // Requests a crash interrupted come first: a Confirm carried out now may let resume() run its plan.
  await requests.finishInterrupted();
  await core.planService.resume();
  await core.planService.repostMissingApprovalRequests();
  if (options.trackerLoop) stops.push(core.watcherLeadership.begin());
  stops.push(sweepInterrupted(core, requests, logger), sweepEveryMinute(core, logger));
  return stops;
}

/**
 * Requests whose handler died, and plans whose runner died, in another process sharing the store
 * or in this one's predecessor (their leases outlive a fast restart).
 */
function sweepInterrupted(core: Core, requests: KeptRequests, logger: Logger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    requests
      .finishInterrupted()
      .catch((error: unknown) => logger.warn({ err: error }, "could not handle interrupted Slack requests"))
      .then(() => core.planService.runInterrupted())
      .catch((error: unknown) => logger.warn({ err: error }, "could not run interrupted plans"))
      .finally(() => {
        running = false;
      });
  }, INTERRUPTED_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Every minute: marks plans that waited too long as expired (so their buttons go away), posts
 * approval requests that never got out, and forgets handled Slack requests older than a day
 * (Slack stops retrying long before). Returns the stop.
 */
function sweepEveryMinute(core: Core, logger: Logger): () => void {
  const timer = setInterval(() => {
    core.planService.expireStale().catch((error: unknown) => logger.warn({ err: error }, "could not expire stale plans"));
    core.planService.repostMissingApprovalRequests().catch((error: unknown) => logger.warn({ err: error }, "could not post missing approval requests"));
    core.inbox.prune(new Date(Date.now() - 24 * 3600_000));
  }, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
