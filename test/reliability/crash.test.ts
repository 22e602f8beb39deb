/**
 * The bot killed (SIGKILL, no shutdown work) at each step of a confirmed training and of a prod
 * deploy that needs an approval, then started again on the same database file. Whatever the
 * moment, the action runs once in SageMaker, is followed to its end, and each message about it is
 * in Slack once. Holds at the sandbox and at the fake Slack pin the moment down; a held call is let
 * go after the kill, as SageMaker or Slack carry out a request they received even if its sender died.
 * (Killed while a status message or a final reply is on its way: crash-while-posting.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { crashSteps, expectRanAndReportedOnce, inThreadOf, isFinalReplyAbout, QUIET_MS, RECOVERY_MS, tallyOf, untilFinalReply, useProcessWorld } from "../support/processes.js";
import { settle, waitFor } from "../support/wait.js";

describe.concurrent("the bot killed while a confirmed action is under way, then started again on the same database", { timeout: 120_000 }, () => {
  const world = useProcessWorld();
  const steps = crashSteps(world);

  it("killed while CreateTrainingJob is in flight at SageMaker (which then carries it out): no second job, and the job is followed to its end", async () => {
    const { bot, plan, resource } = await steps.trainingPlan();
    const hold = world.sandbox.hold({ operation: resource.operation, where: resource.names });
    await steps.confirmThenKillWhenHeld(bot, plan, hold, "CreateTrainingJob at the sandbox");
    hold.release();
    await waitFor(() => world.sandbox.countDone(resource.operation, resource.names) === 1, { what: "SageMaker to carry out the call it held" });
    expectRanAndReportedOnce(await steps.restartAndFollow(bot, plan, resource), resource);
  });

  it("killed just after SageMaker created the job, before the bot heard: no second job, and the job is followed to its end", async () => {
    const { bot, plan, resource } = await steps.trainingPlan();
    const hold = world.sandbox.hold({ operation: resource.operation, stage: "after", where: resource.names });
    await steps.confirmThenKillWhenHeld(bot, plan, hold, "SageMaker's answer to CreateTrainingJob");
    hold.release();
    expectRanAndReportedOnce(await steps.restartAndFollow(bot, plan, resource), resource);
  });

  it("killed while Slack holds the update of the plan message: the plan message ends up showing it started, the job runs once", async () => {
    const { bot, plan, resource } = await steps.trainingPlan();
    const hold = world.slack.hold((method, args) => method === "chat.update" && args["channel"] === plan.channel && args["ts"] === plan.ts);
    await steps.confirmThenKillWhenHeld(bot, plan, hold, "the update of the plan message");
    hold.release("deliver");
    expectRanAndReportedOnce(await steps.restartAndFollow(bot, plan, resource), resource);
  });

  it("killed while Slack holds the final reply (Slack keeps it): the final reply is in the thread once", async () => {
    const { bot, plan, resource } = await steps.trainingPlan();
    const hold = world.slack.hold(inThreadOf(plan, "chat.postMessage", isFinalReplyAbout(resource)));
    await steps.confirmThenKillWhenHeld(bot, plan, hold, "the final reply");
    hold.release("deliver");
    expectRanAndReportedOnce(await steps.restartAndFollow(bot, plan, resource), resource);
  });

  it("a prod deploy killed while Slack holds its approval request (Slack keeps it): one approval request, which still works after the restart", async () => {
    const { bot, plan, resource } = await steps.prodDeployPlan();
    const hold = world.slack.hold(inThreadOf(plan, "chat.postMessage", (text) => text.startsWith("Approval needed")));
    await steps.confirmThenKillWhenHeld(bot, plan, hold, "the approval request");
    hold.release("deliver");
    await bot.restart();
    await settle(QUIET_MS);
    const request = await steps.approvalRequest(plan, resource);
    expect(tallyOf(world, plan, resource).approvalRequests).toHaveLength(1);
    await bot.ws.click("U0APPROVER", request, PLAN_BUTTONS.approve);
    await untilFinalReply(world, plan, resource);
    await settle(QUIET_MS);
    const tally = tallyOf(world, plan, resource);
    expect(tally.approvalRequests).toHaveLength(1);
    expectRanAndReportedOnce(tally, resource);
  });

  it("killed just after Slack got the ack of the Confirm: the press is carried out soon after the restart, once", async () => {
    const { bot, plan, resource } = await steps.trainingPlan();
    expect((await bot.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm)).status).toBe(200);
    await bot.kill();
    expectRanAndReportedOnce(await steps.restartAndFollow(bot, plan, resource), resource);
  });


  it("a prod deploy killed just after the ack of its Confirm: one approval request soon after the restart, and the approved deploy runs once", async () => {
    const { bot, plan, resource } = await steps.prodDeployPlan();
    await bot.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await bot.kill();
    await bot.restart();
    const request = await steps.approvalRequest(plan, resource);
    await bot.ws.click("U0APPROVER", request, PLAN_BUTTONS.approve);
    await untilFinalReply(world, plan, resource, RECOVERY_MS);
    await settle(QUIET_MS);
    const tally = tallyOf(world, plan, resource);
    expect(tally.approvalRequests).toHaveLength(1);
    expectRanAndReportedOnce(tally, resource);
  });


  it("a prod deploy killed just after the ack of the approver's Approve: the approval survives and the deploy runs once, soon after the restart", async () => {
    const { bot, plan, resource } = await steps.prodDeployPlan();
    await bot.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    const request = await steps.approvalRequest(plan, resource);
    expect((await bot.ws.click("U0APPROVER", request, PLAN_BUTTONS.approve)).status).toBe(200);
    await bot.kill();
    const tally = await steps.restartAndFollow(bot, plan, resource);
    expect(tally.approvalRequests).toHaveLength(1);
    expect(JSON.stringify(tally.plan.blocks)).toContain("U0APPROVER");
    expectRanAndReportedOnce(tally, resource);
  });


  it("a direct message acked and then cut off by the kill is answered after the restart, once", async () => {
    const { bot, channel } = await steps.directMessageCutOff();
    await bot.restart();
    await waitFor(() => steps.answersIn(channel).length > 0, { what: "the answer to the direct message", timeoutMs: RECOVERY_MS });
    await settle(QUIET_MS);
    expect(steps.answersIn(channel)).toHaveLength(1);
  });


  it("the same direct message redelivered by Slack (X-Slack-Retry-Num, same event_id) after the kill is handled once", async () => {
    const { bot, channel, envelope } = await steps.directMessageCutOff();
    await bot.restart();
    expect((await bot.client.postEvent(envelope, { retryNum: 1 })).status).toBe(200);
    await waitFor(() => steps.answersIn(channel).length > 0, { what: "the answer to the direct message", timeoutMs: RECOVERY_MS });
    await settle(QUIET_MS);
    expect(steps.answersIn(channel)).toHaveLength(1);
  });
});
