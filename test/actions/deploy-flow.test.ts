import { describe, expect, it } from "vitest";
import { eventEnvelope } from "../../src/console/payloads.js";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { planIdOf, untilInService, useHttpHarness } from "../support/harness.js";
import { settle, waitFor } from "../support/wait.js";

describe("guarded deploys over signed HTTP, against the sandbox", () => {
  const world = useHttpHarness();

  async function approveInThread(plan: StoredMessage): Promise<void> {
    await world.ws.click("U0APPROVER", await world.ws.approvalRequestFor(plan), PLAN_BUTTONS.approve);
  }

  it("a confirmed deploy of an approved version creates the model, config and endpoint once, double click and retry included, and it reaches InService", async () => {
    const plan = await world.ws.planFrom("U0ENGINEER", "/deploy", "churn-xgb/1 to churn-dev env=dev");
    const shown = JSON.stringify(plan.blocks);
    expect(shown).toContain("churn-dev (new)");
    expect(shown).toContain("churn-xgb/1 (Approved)");
    expect(shown).toContain("per hour");
    world.h.sandbox.resetCalls();
    const [first] = await Promise.all([world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm), world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm)]);
    await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm, { retryOfPayload: first.payload });
    await waitFor(() => JSON.stringify(world.ws.message(plan).blocks).includes("Started"), { what: "the deploy to start" });
    await settle(300);
    expect(world.h.sandbox.countCalls("CreateModel")).toBe(1);
    expect(world.h.sandbox.countCalls("CreateEndpointConfig")).toBe(1);
    expect(world.h.sandbox.countCalls("CreateEndpoint")).toBe(1);
    await untilInService(world.h, "churn-dev");
  });

  it("a pending version to prod is refused, naming the approval status; nothing is created", async () => {
    world.h.sandbox.resetCalls();
    const { posted, reply } = await world.ws.command("U0ENGINEER", "/deploy", "churn-xgb/2 to churn-prod");
    expect(posted).toHaveLength(0);
    expect(JSON.stringify(reply?.args)).toContain("PendingManualApproval");
    expect(world.h.sandbox.countCalls("CreateModel")).toBe(0);
  });

  it("a version named without its group, in plain words, is planned as a version of the one group the policy governs", async () => {
    const ts = "1795680400.000100";
    const before = world.h.slack.messagesIn("C0MLOPS").length;
    const event = { type: "app_mention", channel: "C0MLOPS", user: "U0ENGINEER", text: `<@${world.h.slack.botUserId}> deploy v1 to churn-dev`, ts, event_ts: ts };
    expect((await world.h.client.postEvent(eventEnvelope({ teamId: world.h.slack.teamId, botUserId: world.h.slack.botUserId, event }))).status).toBe(200);
    const plan = await waitFor(
      () =>
        world.h.slack
          .messagesIn("C0MLOPS")
          .slice(before)
          .find((message) => JSON.stringify(message.blocks ?? []).includes("Deploy churn-xgb/1 to churn-dev")),
      { what: "the deploy plan" },
    );
    expect(JSON.stringify(plan.blocks)).toContain("churn-xgb/1 (Approved)");
    await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.cancel);
  });

  it("bad input gets a clear answer: unknown group, unknown version, a broken endpoint name", async () => {
    expect(JSON.stringify((await world.ws.command("U0ENGINEER", "/deploy", "churn-xbg/1 to churn-prod")).reply?.args)).toContain("churn-xgb");
    expect(JSON.stringify((await world.ws.command("U0ENGINEER", "/deploy", "churn-xgb/9 to churn-prod")).reply?.args)).toContain("has no version 9");
    expect(JSON.stringify((await world.ws.command("U0ENGINEER", "/deploy", "churn-xgb/1 to churn_prod!")).reply?.args)).toContain("is not a valid endpoint name");
  });

  it("an update of the prod endpoint waits for an approver, uses the blue/green config, and rollback restores the previous config", async () => {
    const before = await world.h.bot.core.sagemaker.describeEndpoint("churn-prod");
    const plan = await world.ws.planFrom("U0ENGINEER", "/deploy", "churn-xgb@latest-approved to churn-prod");
    const shown = JSON.stringify(plan.blocks);
    expect(shown).toContain("churn-prod (update)");
    expect(shown).toContain("canary: 10%");
    const update = world.h.bot.core.plans.get(planIdOf(plan))?.steps.find((step) => step.operation === "UpdateEndpoint");
    expect(update?.request).toMatchObject({
      EndpointName: "churn-prod",
      DeploymentConfig: {
        BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: "CANARY", CanarySize: { Type: "CAPACITY_PERCENT", Value: 10 }, WaitIntervalInSeconds: 300 } },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: "churn-prod-5xx-errors" }, { AlarmName: "churn-prod-model-latency" }] },
      },
    });
    expect(shown).toContain("prod (the policy lists this endpoint there)");
    world.h.sandbox.resetCalls();
    await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await settle(200);
    expect(world.h.sandbox.countCalls("UpdateEndpoint")).toBe(0);
    await approveInThread(plan);
    await waitFor(() => world.h.sandbox.countCalls("UpdateEndpoint") === 1, { what: "the endpoint update" });
    const updating = await world.h.bot.core.sagemaker.describeEndpoint("churn-prod");
    expect(updating.EndpointStatus).toBe("Updating");
    expect(updating.PendingEndpointConfigName).toMatch(/^churn-prod-/);

    const busy = await world.ws.command("U0ENGINEER", "/deploy", "churn-xgb/1 to churn-prod");
    expect(JSON.stringify(busy.reply?.args)).toContain("is Updating");
    await untilInService(world.h, "churn-prod");
    expect((await world.h.bot.core.sagemaker.describeEndpoint("churn-prod")).EndpointConfigName).toBe(updating.PendingEndpointConfigName);

    const rollback = await world.ws.planFrom("U0ENGINEER", "/sageops", "rollback churn-prod");
    expect(JSON.stringify(rollback.blocks)).toContain(before.EndpointConfigName ?? "?");
    await world.ws.click("U0ENGINEER", rollback, PLAN_BUTTONS.confirm);
    world.h.sandbox.resetCalls();
    await approveInThread(rollback);
    await waitFor(() => world.h.sandbox.countCalls("UpdateEndpoint") === 1, { what: "the rollback's update" });
    await untilInService(world.h, "churn-prod");
    expect((await world.h.bot.core.sagemaker.describeEndpoint("churn-prod")).EndpointConfigName).toBe(before.EndpointConfigName);
  });

  it("a batch transform runs after confirmation", async () => {
    const plan = await world.ws.planFrom("U0ENGINEER", "/deploy", "batch churn-xgb/1 input=s3://sageops-demo/churn/score/");
    expect(JSON.stringify(plan.blocks)).toContain("s3://sageops-demo/churn/score/");
    world.h.sandbox.resetCalls();
    await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => world.h.sandbox.countCalls("CreateTransformJob") === 1, { what: "the transform job" });
  });

  it("/deploy alone opens the form listing versions with their approval status and the endpoints", async () => {
    await world.ws.command("U0ENGINEER", "/deploy", "");
    const opened = await waitFor(() => world.h.slack.callsTo("views.open").at(-1), { what: "the form" });
    const view = JSON.stringify(opened.args["view"]);
    expect(view).toContain("churn-xgb/1 (Approved)");
    expect(view).toContain("churn-xgb/2 (PendingManualApproval)");
    expect(view).toContain("churn-prod");
  });
});
