/**
 * Two replicas (two bot processes on one SQLite file and one events queue): a stream of confirmed
 * actions with presses landing on both, and two replicas opening a new database at the same moment.
 */
import { describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { expectRanAndReportedOnce, jobNameIn, QUIET_MS, startReplicas, tallyOf, trainingJob, untilFinalReply, useProcessWorld } from "../support/processes.js";
import { settle } from "../support/wait.js";

describe("two bot processes sharing one database", { timeout: 120_000 }, () => {
  const world = useProcessWorld();

  it("a stream of confirmed trainings, each Confirm pressed on both processes at once and Slack's retry of a press sent to the other: each job runs once, each status message and final reply is posted once", async () => {
    const [a, b] = await startReplicas(world, "stream");
    const plans: StoredMessage[] = [];
    for (let i = 0; i < 4; i += 1) plans.push(await (i % 2 === 0 ? a : b).planFrom("U0ENGINEER", "/train", "churn-xgb"));
    await Promise.all(
      plans.map(async (plan, i) => {
        const [first] = await Promise.all([a.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm), b.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm)]);
        // Slack redelivers the first press (it thought it went unanswered) to the other replica.
        await (i % 2 === 0 ? b : a).ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm, { retryOfPayload: first.payload });
      }),
    );
    await Promise.all(plans.map((plan) => untilFinalReply(world, plan, trainingJob(jobNameIn(plan)))));
    await settle(QUIET_MS);
    for (const plan of plans) {
      expectRanAndReportedOnce(tallyOf(world, plan, trainingJob(jobNameIn(plan))), trainingJob(jobNameIn(plan)));
    }
  });

  it("two replicas started at the same moment on a new database both come up and answer", async () => {
    for (let round = 0; round < 3; round += 1) {
      const replicas = await startReplicas(world, `together-${round}`, { together: true });
      for (const replica of replicas) expect((await replica.client.get("/healthz")).status).toBe(200);
      await Promise.all(replicas.map((replica) => replica.stop()));
    }
  });
});
