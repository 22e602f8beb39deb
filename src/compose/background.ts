import type { Logger } from "../logger.js";
import type { Core } from "./core.js";

/**
 * Once Slack is connected: runs plans a restart interrupted, starts the status tracker's loop
 * (and, when there is a queue, the SageMaker events feed) and the plan sweeper. Returns the stops.
 */
export async function startBackgroundWork(core: Core, logger: Logger, options: { trackerLoop: boolean }): Promise<(() => unknown)[]> {
  const stops: (() => unknown)[] = [];
  // Presses a crash interrupted come first: a Confirm carried out now may let resume() run its plan.
  await core.planService.finishInterruptedClicks(core.clicks);
  await core.planService.resume();
  await core.planService.repostMissingApprovalRequests();
  if (options.trackerLoop) {
    core.tracker.start();
    stops.push(() => core.tracker.stop());
    core.driftWatcher.start();
    stops.push(() => core.driftWatcher.stop());
    const feed = core.eventFeed;
    if (feed) {
      feed.start();
      stops.push(() => feed.stop());
    }
  }
  stops.push(sweepEveryMinute(core, logger));
  return stops;
}

/**
 * Every minute: marks plans that waited too long as expired (so their buttons go away) and
 * forgets Slack deliveries older than a day (Slack stops retrying long before). Returns the stop.
 */
function sweepEveryMinute(core: Core, logger: Logger): () => void {
  const timer = setInterval(() => {
    core.planService.expireStale().catch((error: unknown) => logger.warn({ err: error }, "could not expire stale plans"));
    core.planService.finishInterruptedClicks(core.clicks).catch((error: unknown) => logger.warn({ err: error }, "could not finish interrupted button presses"));
    core.planService.repostMissingApprovalRequests().catch((error: unknown) => logger.warn({ err: error }, "could not post missing approval requests"));
    core.deliveries.prune(new Date(Date.now() - 24 * 3600_000));
  }, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
