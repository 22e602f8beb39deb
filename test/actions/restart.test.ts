import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { EXAMPLE_POLICY_PATH } from "../support/constants.js";
import { planIdOf, startHttpHarness, useRestartableWorld, Workspace } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

describe("a plan caught by a restart of the bot", () => {
  const world = useRestartableWorld();

  it("a plan approved just before the bot stopped runs once after it starts again, and not again after another restart", async () => {
    const first = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    const planId = planIdOf(await new Workspace(first).planFrom("U0ENGINEER", "/train", "churn-xgb"));
    // The state a crash leaves between the approval and the call to SageMaker.
    const plans = first.bot.core.plans;
    expect(plans.transition(planId, ["pending"], "confirmed", new Date(), { actedBy: "U0ENGINEER" })?.status).toBe("confirmed");
    expect(plans.transition(planId, ["confirmed"], "approved", new Date(), { actedBy: "U0ENGINEER" })?.status).toBe("approved");
    await first.close();
    world.sandbox.resetCalls();

    const second = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    await waitFor(() => second.bot.core.plans.get(planId)?.status === "started", { what: "the resumed plan to start" });
    expect(world.sandbox.countCalls("CreateTrainingJob")).toBe(1);
    await second.close();

    const third = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    expect(third.bot.core.plans.get(planId)?.status).toBe("started");
    expect(world.sandbox.countCalls("CreateTrainingJob")).toBe(1);
    await third.close();
  });

  it("a plan interrupted after SageMaker accepted the job is recorded as started without a second job", async () => {
    const first = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    const planId = planIdOf(await new Workspace(first).planFrom("U0ENGINEER", "/train", "churn-xgb max_depth=4"));
    const plans = first.bot.core.plans;
    plans.transition(planId, ["pending"], "confirmed", new Date());
    plans.transition(planId, ["confirmed"], "approved", new Date());
    // The call went through but the bot died before recording it, half a minute ago: it stopped keeping the plan running then.
    plans.transition(planId, ["approved"], "running", new Date(Date.now() - 30_000));
    const plan = plans.get(planId);
    const step = plan?.steps[0];
    if (step?.operation !== "CreateTrainingJob") throw new Error("unexpected plan");
    await first.bot.core.sagemaker.createTrainingJob(step.request);
    await first.close();
    world.sandbox.resetCalls();

    const second = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    await waitFor(() => second.bot.core.plans.get(planId)?.status === "started", { what: "the plan to be recorded as started" });
    const jobs = await second.bot.core.sagemaker.listTrainingJobs({ nameContains: step.request.TrainingJobName });
    expect(jobs).toHaveLength(1);
    await second.close();
  });

  it("a plan made before the policy changed is refused at Confirm under the new policy, saying why, and never runs", async () => {
    const file = path.join(path.dirname(world.db), "tighter-policy.yml");
    // The new policy takes training in dev away from engineers.
    const tighter = fs.readFileSync(EXAMPLE_POLICY_PATH, "utf8").replace("      train: [engineers]\n      tune: [engineers]", "      train: [approvers]\n      tune: [engineers]");
    expect(tighter).not.toBe(fs.readFileSync(EXAMPLE_POLICY_PATH, "utf8"));
    fs.writeFileSync(file, tighter);
    // Its own store: the earlier stories here left jobs running for this engineer.
    const store = path.join(path.dirname(world.db), "policy-change.db");
    const before = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: store } });
    const message = await new Workspace(before).planFrom("U0ENGINEER", "/train", "churn-xgb");
    await before.close();
    world.sandbox.resetCalls();

    const after = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: store, SAGEOPS_POLICY: file } });
    const ws = new Workspace(after);
    await ws.click("U0ENGINEER", message, PLAN_BUTTONS.confirm);
    await waitFor(() => after.bot.core.plans.get(planIdOf(message))?.status === "refused", { what: "the plan to be refused" });
    const shown = await waitFor(() => { const blocks = JSON.stringify(ws.message(message).blocks); return blocks.includes("Refused") && blocks; }, { what: "the plan message to say it was refused" });
    expect(shown).toContain("open to the role approvers");
    expect(world.sandbox.countCalls("CreateTrainingJob")).toBe(0);
    await after.close();
  });
});
