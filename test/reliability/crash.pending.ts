/**
 * PENDING: crash moments today's bot does not get through yet (rename to a .test.ts file, or move
 * into crash.test.ts, once they pass). Each test says why it fails at 908688c. Same set-up as
 * crash.test.ts: the bot SIGKILLed, then started again on the same database file.
 */
import { describe, it } from "vitest";
import { crashSteps, expectRanAndReportedOnce, inThreadOf, isFinalReplyAbout, useProcessWorld } from "../support/processes.js";

describe.concurrent("the bot killed while a confirmed action is under way, then started again on the same database (pending)", { timeout: 120_000 }, () => {
  const world = useProcessWorld();
  const steps = crashSteps(world);

  // Fails today (one status message, but stuck at its first status, "InProgress"): after the
  // restart the publisher posts the status message again under its key; WebApiPoster.post
  // (src/slack/notify/slack-poster.ts:47-49) finds the message Slack kept and returns its ts without
  // bringing it up to date, SlackStatusReporter.statusMessage (src/slack/notify/status-reporter.ts:16)
  // hands that ts back as if the current view had been posted, and the publisher records the
  // current version as published, so the message is never updated to "Completed".
  it("killed while Slack holds the post of the status message (Slack keeps it): one status message, updated to the end", async () => {
    const { bot, plan, resource } = await steps.trainingPlan();
    const hold = world.slack.hold(inThreadOf(plan, "chat.postMessage", (text) => text.startsWith(`${resource.label}:`)));
    await steps.confirmThenKillWhenHeld(bot, plan, hold, "the post of the status message");
    hold.release("deliver");
    expectRanAndReportedOnce(await steps.restartAndFollow(bot, plan, resource), resource);
  });


  // Fails today (no final reply within minutes): the reply was claimed (`sending`) before the
  // post; after the restart it is due again only once its claim is NOTICE_LEASE_MS (2 min,
  // src/watch/tracked-store.ts:46) old, and only a tracker round publishes it (publishAll,
  // src/watch/tracker.ts:356). With nothing left running the loop sleeps DEFAULT_TIMING.idleMs
  // (10 min, src/watch/schedule.ts:17) and is not woken when the lease runs out, so the reply goes
  // out about ten minutes after the restart (not seen within 200 s).
  it("killed while the final reply is on its way and lost with the connection: it is posted after the restart, once", async () => {
    const { bot, plan, resource } = await steps.trainingPlan();
    const hold = world.slack.hold(inThreadOf(plan, "chat.postMessage", isFinalReplyAbout(resource)));
    await steps.confirmThenKillWhenHeld(bot, plan, hold, "the final reply");
    hold.release("drop");
    expectRanAndReportedOnce(await steps.restartAndFollow(bot, plan, resource), resource);
  });

});
