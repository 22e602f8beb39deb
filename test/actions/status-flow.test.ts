import { describe, expect, it } from "vitest";
import { appHomeOpenedEvent, eventEnvelope } from "../../src/console/payloads.js";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { useHttpHarness } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

describe("status that comes to you, through the bot", () => {
  const world = useHttpHarness();

  /** Moves simulated time on and lets the tracker poll, until `done` holds. */
  async function runUntil(done: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 60 && !done(); i += 1) {
      world.h.sandbox.clock.advance(30);
      await world.h.bot.core.tracker.pollOnce();
    }
    // Status messages go through the per-channel pacer (about one a second), so allow for a queue.
    await waitFor(done, { what, timeoutMs: 20_000 });
  }

  async function confirmedPlan(command: string, text: string): Promise<StoredMessage> {
    const plan = await world.ws.planFrom("U0ENGINEER", command, text);
    await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => JSON.stringify(world.ws.message(plan).blocks).includes("Started"), { what: "the plan to start" });
    // The tracker is told just after the plan message changes; polling before then would find nothing to follow.
    const planText = JSON.stringify(world.ws.message(plan).blocks);
    await waitFor(() => world.h.bot.core.status.home("U0ENGINEER").some((view) => planText.includes(view.resource.name)), { what: "the tracker to follow the plan" });
    return plan;
  }

  const thread = (plan: StoredMessage) => world.h.slack.messagesIn(plan.channel).filter((m) => m.threadTs === plan.ts);

  it("a confirmed training job's status message in the plan's thread is updated in place to Completed with metrics, then a final reply", async () => {
    const plan = await confirmedPlan("/train", "churn-xgb");
    await runUntil(() => thread(plan).some((m) => /Completed/.test(JSON.stringify(m.blocks))), "the job to complete");
    const messages = thread(plan);
    const status = messages[0];
    expect(status?.updates).toBeGreaterThan(0);
    expect(JSON.stringify(status?.blocks)).toMatch(/validation:auc/);
    expect(messages.length).toBe(2);
    const statusPosts = world.h.slack.callsTo("chat.postMessage").filter((c) => c.args["thread_ts"] === plan.ts);
    expect(statusPosts).toHaveLength(2);
  });

  it("a failing job reports its reason in plain words, and the status command answers from SageMaker", async () => {
    const plan = await confirmedPlan("/train", "churn-xgb data=s3://sageops-demo/churn/missing/");
    await runUntil(() => thread(plan).some((m) => /Failed/i.test(JSON.stringify(m.blocks))), "the job to fail");
    expect(JSON.stringify(thread(plan))).toContain("s3://sageops-demo/churn/missing/");
    const jobName = /churn-xgb-\d{8}-\d{6}-[0-9a-f]{4}/.exec(JSON.stringify(plan.blocks))?.[0] ?? "";
    const { reply } = await world.ws.command("U0ENGINEER", "/sageops", `status ${jobName}`);
    expect(JSON.stringify(reply?.args)).toMatch(/Failed/);
  });

  it("an endpoint deploy reports InService in its thread", async () => {
    const plan = await confirmedPlan("/deploy", "churn-xgb/1 to churn-staging env=dev");
    await runUntil(() => thread(plan).some((m) => /InService/.test(JSON.stringify(m.blocks))), "the endpoint to be InService");
  });

  it("the App Home lists the person's resources with their status", async () => {
    const before = world.h.slack.callsTo("views.publish").length;
    await world.h.client.postEvent(eventEnvelope({ teamId: world.h.slack.teamId, botUserId: world.h.slack.botUserId, event: appHomeOpenedEvent({ userId: "U0ENGINEER" }) }));
    const published = await waitFor(() => world.h.slack.callsTo("views.publish")[before], { what: "the App Home" });
    const view = JSON.stringify(published.args["view"]);
    expect(view).toContain("churn-staging");
    expect(view).toMatch(/churn-xgb-\d{8}/);
  });

  it("asked about drift, the bot reads Model Monitor's violations report from S3 and names the drifting features", async () => {
    world.h.sandbox.clock.advance(2 * 3600);
    const { reply } = await world.ws.command("U0ENGINEER", "/sageops", "drift churn-prod");
    const text = JSON.stringify(reply?.args);
    expect(text).toContain("violation(s)");
    expect(text).toContain("distribution drifted (`baseline_drift_check`)");
    expect(text).toContain("constraint_violations.json");
    expect(text).toContain("Simulated: this comes from the sageops sandbox");
    expect(JSON.stringify((await world.ws.command("U0ENGINEER", "/sageops", "drift no-such-endpoint")).reply?.args)).toContain("has no Model Monitor runs");
  });
});
