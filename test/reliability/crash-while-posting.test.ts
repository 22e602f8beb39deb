/**
 * The bot SIGKILLed while a status message or a final reply is on its way to Slack, then started
 * again on the same database file (same set-up as crash.test.ts): the claim the dead process held
 * runs out, the restarted one sends under the same key, looking first, and each message is in the
 * thread once, showing the end.
 */
import { describe, it } from "vitest";
import { crashSteps, expectRanAndReportedOnce, inThreadOf, isFinalReplyAbout, useProcessWorld } from "../support/processes.js";

describe.concurrent("the bot killed while a confirmed action is under way, then started again on the same database", { timeout: 120_000 }, () => {
  const world = useProcessWorld();
  const steps = crashSteps(world);

  it("killed while Slack holds the post of the status message (Slack keeps it): one status message, updated to the end", async () => {
    const { bot, plan, resource } = await steps.trainingPlan();
    const hold = world.slack.hold(inThreadOf(plan, "chat.postMessage", (text) => text.startsWith(`${resource.label}:`)));
    await steps.confirmThenKillWhenHeld(bot, plan, hold, "the post of the status message");
    hold.release("deliver");
    expectRanAndReportedOnce(await steps.restartAndFollow(bot, plan, resource), resource);
  });

  it("killed while the final reply is on its way and lost with the connection: it is posted after the restart, once", async () => {
    const { bot, plan, resource } = await steps.trainingPlan();
    const hold = world.slack.hold(inThreadOf(plan, "chat.postMessage", isFinalReplyAbout(resource)));
    await steps.confirmThenKillWhenHeld(bot, plan, hold, "the final reply");
    hold.release("drop");
    expectRanAndReportedOnce(await steps.restartAndFollow(bot, plan, resource), resource);
  });

});
