import { describe, expect, it } from "vitest";
import { blockActionsPayload, directMessageEvent, eventEnvelope } from "../../src/console/payloads.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { openDatabase } from "../../src/store/db.js";
import { SqlRequestInbox } from "../../src/store/slack-requests.js";
import { buttonsIn, planIdOf, startHttpHarness, useRestartableWorld, Workspace } from "../support/harness.js";
import { settle, waitFor } from "../support/wait.js";

/** What a kill just after Slack's 200 leaves: the request in the store, leased to a process now dead, not done. */
function leftByADeadBot(db: string, body: Record<string, unknown>, id: string): void {
  const store = openDatabase(db);
  new SqlRequestInbox(store).admit({ id, body: JSON.stringify(body) }, new Date(Date.now() - 60_000), 15_000);
  store.close();
}

describe("a request Slack got its 200 for survives the bot", () => {
  const world = useRestartableWorld();

  it("a press is in the store by the time Slack is answered, and marked done once carried out", async () => {
    const bot = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    try {
      const plan = await new Workspace(bot).planFrom("U0ENGINEER", "/train", "churn-xgb");
      const { status, payload } = await new Workspace(bot).click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
      expect(status).toBe(200);
      const store = openDatabase(world.db);
      const row = () => store.prepare("SELECT body, done_at FROM slack_requests WHERE id = ?").get(`block_actions:${String(payload["trigger_id"])}`) as { body: string; done_at: string | null } | undefined;
      expect(row()?.body).toContain(planIdOf(plan));
      await waitFor(() => row()?.done_at !== null, { what: "the press to be done" });
      store.close();
    } finally {
      await bot.close();
    }
  });

  it("a Confirm recorded but never carried out (the bot died after answering Slack) is carried out at the next start, once", async () => {
    const first = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    const plan = await new Workspace(first).planFrom("U0ENGINEER", "/train", "churn-xgb");
    const planId = planIdOf(plan);
    await first.close();
    const confirm = buttonsIn(plan).find((b) => b.actionId === PLAN_BUTTONS.confirm);
    if (!confirm) throw new Error("the plan has no Confirm button");
    const press = blockActionsPayload({ userId: "U0ENGINEER", teamId: world.slack.teamId, channelId: plan.channel, messageTs: plan.ts, message: { text: plan.text, blocks: plan.blocks }, responseUrl: world.slack.newResponseUrl({ channel: plan.channel, user: "U0ENGINEER" }), click: confirm });
    leftByADeadBot(world.db, press, `block_actions:${String(press["trigger_id"])}`);
    world.sandbox.resetCalls();

    const second = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    try {
      expect(second.bot.core.plans.get(planId)?.status).toBe("started");
      expect(world.sandbox.countCalls("CreateTrainingJob")).toBe(1);
      expect(await second.bot.requests.finishInterrupted()).toBe(0);
      expect(world.sandbox.countCalls("CreateTrainingJob")).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("a direct message acknowledged but not answered before a crash is answered at the next start; Slack's redelivery of it is not answered again", async () => {
    const envelope = eventEnvelope({ teamId: world.slack.teamId, botUserId: world.slack.botUserId, event: directMessageEvent({ userId: "U0ENGINEER", channelId: "D0CRASHED", text: "help" }) });
    leftByADeadBot(world.db, envelope, `event:${envelope.event_id}`);
    const bot = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    try {
      expect(world.slack.messagesIn("D0CRASHED")).toHaveLength(1);
      expect(world.slack.messagesIn("D0CRASHED")[0]?.text).toContain("/train");
      const redelivery = await bot.client.postEvent(envelope, { retryNum: 1 });
      expect(redelivery.status).toBe(200);
      await settle(300);
      expect(world.slack.messagesIn("D0CRASHED")).toHaveLength(1);
    } finally {
      await bot.close();
    }
  });

  it("Slack's redelivery of an event whose handler died is answered, once, by the process it reaches", async () => {
    const envelope = eventEnvelope({ teamId: world.slack.teamId, botUserId: world.slack.botUserId, event: directMessageEvent({ userId: "U0ENGINEER", channelId: "D0REDELIVERED", text: "help" }) });
    const bot = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    try {
      // The first delivery reached a process that died while handling it: recorded, its lease run out.
      leftByADeadBot(world.db, envelope, `event:${envelope.event_id}`);
      const redeliveries = await Promise.all([bot.client.postEvent(envelope, { retryNum: 1 }), bot.client.postEvent(envelope, { retryNum: 2 })]);
      expect(redeliveries.map((r) => r.status)).toEqual([200, 200]);
      await waitFor(() => world.slack.messagesIn("D0REDELIVERED").length === 1, { what: "the DM answer" });
      await bot.bot.requests.finishInterrupted();
      await settle(300);
      expect(world.slack.messagesIn("D0REDELIVERED")).toHaveLength(1);
    } finally {
      await bot.close();
    }
  });

  it("a plan SageMaker accepted just before a crash, not yet followed nor shown as started, is followed and shown at the next start", async () => {
    const first = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    const plan = await new Workspace(first).planFrom("U0APPROVER", "/train", "churn-xgb");
    const planId = planIdOf(plan);
    const plans = first.bot.core.plans;
    const stored = plans.get(planId);
    if (!stored?.track) throw new Error("the plan tracks nothing");
    // Another person than the stories above: their jobs fill U0ENGINEER's slots. The state a kill leaves between SageMaker's answer and the tracker: started, unfollowed, its message still pending.
    plans.transition(planId, ["pending"], "confirmed", new Date());
    plans.transition(planId, ["confirmed"], "approved", new Date());
    plans.transition(planId, ["approved"], "running", new Date());
    plans.transition(planId, ["running"], "started", new Date(), { outcome: { message: "SageMaker accepted it." } });
    await first.close();

    const second = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    try {
      expect(second.bot.core.status.home("U0APPROVER").some((view) => view.resource.name === stored.track?.name)).toBe(true);
      await waitFor(() => !JSON.stringify(world.slack.messages.get(`${plan.channel}:${plan.ts}`)?.blocks ?? []).includes(PLAN_BUTTONS.confirm), { what: "the Confirm button to go" });
    } finally {
      await second.close();
    }
  });
});
