
import { describe, expect, it } from "vitest";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { openDatabase } from "../../src/store/db.js";
import { planIdOf, startHttpHarness, useRestartableWorld, Workspace } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

describe("a press Slack got its 200 for survives the bot", () => {
  const world = useRestartableWorld();

  it("a press is in the store by the time Slack is answered, and marked done once carried out", async () => {
    const bot = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    try {
      const plan = await new Workspace(bot).planFrom("U0ENGINEER", "/train", "churn-xgb");
      const { status } = await new Workspace(bot).click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
      expect(status).toBe(200);
      const store = openDatabase(world.db);
      const rows = store.prepare("SELECT step, plan_id, user_id, done_at FROM plan_clicks WHERE plan_id = ?").all(planIdOf(plan)) as { step: string; user_id: string; done_at: string | null }[];
      expect(rows.map((r) => [r.step, r.user_id])).toEqual([["confirm", "U0ENGINEER"]]);
      await waitFor(() => (store.prepare("SELECT done_at FROM plan_clicks WHERE plan_id = ?").get(planIdOf(plan)) as { done_at: string | null }).done_at !== null, { what: "the press to be done" });
      store.close();
    } finally {
      await bot.close();
    }
  });

  it("a Confirm recorded but never carried out (the bot died after answering Slack) is carried out at the next start, once", async () => {
    const first = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    const plan = await new Workspace(first).planFrom("U0ENGINEER", "/train", "churn-xgb");
    const planId = planIdOf(plan);
    // The state a kill leaves just after the ack: the press recorded, nothing done.
    first.bot.core.clicks.record({ id: "confirm:1795683600.000001:U0ENGINEER", step: "confirm", planId, userId: "U0ENGINEER" }, new Date(Date.now() - 60_000));
    await first.close();
    world.sandbox.resetCalls();

    const second = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    try {
      expect(second.bot.core.plans.get(planId)?.status).toBe("started");
      expect(world.sandbox.countCalls("CreateTrainingJob")).toBe(1);
      await second.bot.core.planService.finishInterruptedClicks(second.bot.core.clicks, 0);
      expect(world.sandbox.countCalls("CreateTrainingJob")).toBe(1);
    } finally {
      await second.close();
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
