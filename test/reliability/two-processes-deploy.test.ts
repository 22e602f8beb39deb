/**
 * Two replicas of one deployment: two bot processes on one SQLite file (different ports, one
 * queue of SageMaker's events), with Slack's requests landing on either. Whatever lands where,
 * each action runs once and each message about it is posted once. Each replica runs its own
 * tracker on the shared store, so their describes and paced updates of one status message can land
 * out of order: the message still ends at the final status, and the reply says it. (A stream of
 * trainings with double presses, and two replicas starting at the same moment:
 * two-processes-stream.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { deployNamesIn, expectRanAndReportedOnce, newEndpoint, QUIET_MS, startReplicas, tallyOf, untilFinalReply, useProcessWorld } from "../support/processes.js";
import { settle, waitFor } from "../support/wait.js";

describe("two bot processes sharing one database", { timeout: 120_000 }, () => {
  const world = useProcessWorld();

  it("a prod deploy whose Approve is pressed on both processes at once: one approval request, one deploy, one final reply", async () => {
    const [a, b] = await startReplicas(world, "replicas");
    const resource = newEndpoint("churn-prod-replicas");
    const plan = await a.planFrom("U0ENGINEER", "/deploy", "churn-xgb/1 to churn-prod-replicas env=prod");
    await b.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    const request = await waitFor(() => tallyOf(world, plan, resource).approvalRequests[0], { what: "the approval request" });
    await Promise.all([a.ws.click("U0APPROVER", request, PLAN_BUTTONS.approve), b.ws.click("U0APPROVER", request, PLAN_BUTTONS.approve)]);
    await untilFinalReply(world, plan, resource);
    await settle(QUIET_MS);
    const tally = tallyOf(world, plan, resource);
    const { model, config } = deployNamesIn(plan);
    expect(world.sandbox.countDone("CreateModel", { ModelName: model })).toBe(1);
    expect(world.sandbox.countDone("CreateEndpointConfig", { EndpointConfigName: config })).toBe(1);
    expect(tally.approvalRequests).toHaveLength(1);
    expectRanAndReportedOnce(tally, resource);
  });
});
