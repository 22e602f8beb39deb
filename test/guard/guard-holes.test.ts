/**
 * The guard tried as an attacker and a careless user would, over signed HTTP against the sandbox
 * with the example policy: every way around the policy is closed, and each refusal says why.
 */
import { describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { type HttpHarness, planIdOf, untilInService, useHttpHarness, type Workspace } from "../support/harness.js";
import { settle, waitFor } from "../support/wait.js";

const MUTATING = /^(Create|Update|Start|Stop|Delete|Add)/;

function mutatingCalls(h: HttpHarness): string[] {
  return h.sandbox.calls.filter((call) => MUTATING.test(call.operation)).map((call) => call.operation);
}

/** The private answer to a command that must not post a plan. */
async function refusalOf(ws: Workspace, userId: string, command: string, text: string): Promise<string> {
  const { posted, reply } = await ws.command(userId, command, text);
  expect(posted, `${command} ${text} posted a plan`).toHaveLength(0);
  return JSON.stringify(reply?.args ?? {});
}

describe("production cannot be changed under another environment's rules", () => {
  const world = useHttpHarness();

  it("a deploy or rollback naming env=dev for the prod endpoint is refused with the reason; the endpoint is untouched", async () => {
    const { h, ws } = world;
    const before = await h.bot.core.sagemaker.describeEndpoint("churn-prod");
    h.sandbox.resetCalls();
    const deploy = await refusalOf(ws, "U0ENGINEER", "/deploy", "churn-xgb/2 to churn-prod env=dev");
    expect(deploy).toContain("belongs to prod");
    expect(deploy).toContain("env=prod");
    const rollback = await refusalOf(ws, "U0ENGINEER", "/deploy", "rollback churn-prod env=dev");
    // Rollback has nothing to return to yet, or is refused for the environment: either way nothing is sent.
    expect(rollback).toMatch(/belongs to prod|no earlier configuration/);
    await settle();
    expect(mutatingCalls(h)).toEqual([]);
    const after = await h.bot.core.sagemaker.describeEndpoint("churn-prod");
    expect(after.EndpointStatus).toBe("InService");
    expect(after.EndpointConfigName).toBe(before.EndpointConfigName);
  });

  it("after a real prod deploy, a rollback under dev's rules is refused because the endpoint belongs to prod", async () => {
    const { h, ws } = world;
    const plan = await ws.planFrom("U0ENGINEER", "/deploy", "churn-xgb/1 to churn-prod");
    expect(JSON.stringify(plan.blocks)).toContain("prod (the policy lists this endpoint there)");
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    const request = await ws.approvalRequestFor(plan);
    await ws.click("U0APPROVER", request, PLAN_BUTTONS.approve);
    await waitFor(() => JSON.stringify(ws.message(plan).blocks).includes("Started"), { what: "the prod deploy to start" });
    await untilInService(h, "churn-prod");
    h.sandbox.resetCalls();
    const answer = await refusalOf(ws, "U0ENGINEER", "/deploy", "rollback churn-prod env=dev");
    expect(answer).toContain("belongs to prod");
    expect(mutatingCalls(h)).toEqual([]);
  });

  it("an endpoint tagged sageops:environment=prod is prod's; one that belongs to no environment is refused where unowned endpoints are not allowed", async () => {
    const { h, ws } = world;
    const port = h.bot.core.sagemaker;
    const [v1] = await port.listModelPackages("churn-xgb", "Approved");
    if (!v1) throw new Error("the sandbox seeds an approved version");
    await port.createModel({ ModelName: "legacy-model", ExecutionRoleArn: "arn:aws:iam::123456789012:role/sageops-prod-execution", Containers: [{ ModelPackageName: v1.ModelPackageArn }] });
    await port.createEndpointConfig({ EndpointConfigName: "legacy-config", ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "legacy-model", InstanceType: "ml.m5.large", InitialInstanceCount: 1 }] });
    await port.createEndpoint({ EndpointName: "legacy-scoring", EndpointConfigName: "legacy-config", Tags: [{ Key: "sageops:environment", Value: "prod" }] });
    await untilInService(h, "legacy-scoring");
    h.sandbox.resetCalls();
    expect(await refusalOf(ws, "U0ENGINEER", "/deploy", "churn-xgb/1 to legacy-scoring env=dev")).toContain("sageops:environment tag");
    expect(await refusalOf(ws, "U0ENGINEER", "/deploy", "churn-xgb/1 to scratch-endpoint")).toContain("belongs to no environment");
    expect(mutatingCalls(h)).toEqual([]);
  });
});

describe("limits hold at Confirm, not only when the plan is made", () => {
  const world = useHttpHarness();

  it("plans made first and confirmed later start only as many jobs as the concurrency limit allows; the rest are refused and say why", async () => {
    const { h, ws } = world;
    const plans: StoredMessage[] = [];
    for (let i = 0; i < 4; i += 1) plans.push(await ws.planFrom("U0ENGINEER", "/train", "churn-xgb"));
    h.sandbox.resetCalls();
    for (const plan of plans) await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => plans.every((plan) => /Started|Refused/.test(JSON.stringify(ws.message(plan).blocks))), { what: "every plan to be decided" });
    await settle(200);
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(2);
    const refused = plans.filter((plan) => JSON.stringify(ws.message(plan).blocks).includes("Refused"));
    expect(refused).toHaveLength(2);
    expect(JSON.stringify(ws.message(refused[0] ?? plans[0] as StoredMessage).blocks)).toContain("the limit is 2 at a time per person");
    const statuses = plans.map((plan) => h.bot.core.plans.get(planIdOf(plan))?.status);
    expect(statuses.filter((s) => s === "refused")).toHaveLength(2);
    expect(statuses.filter((s) => s === "started")).toHaveLength(2);
  });
});

describe("no foreign code, no request SageMaker would refuse", () => {
  const world = useHttpHarness();

  it("framework keys that fetch code are refused; so are too many hyperparameters, a value over SageMaker's length, and more parallel trials than trials", async () => {
    const { h, ws } = world;
    h.sandbox.resetCalls();
    const foreign = await refusalOf(ws, "U0ENGINEER", "/train", "churn-xgb sagemaker_submit_directory=s3://evil-bucket/code.tar.gz sagemaker_program=x.py");
    expect(foreign).toContain("sagemaker_submit_directory");
    expect(foreign).toContain("fetch and run other code");
    const many = Array.from({ length: 101 }, (_, i) => `h${i}=1`).join(" ");
    expect(await refusalOf(ws, "U0ENGINEER", "/train", `churn-xgb ${many}`)).toContain("SageMaker takes at most 100");
    expect(await refusalOf(ws, "U0ENGINEER", "/train", `churn-xgb note=${"x".repeat(2600)}`)).toContain("values of at most 2500");
    expect(await refusalOf(ws, "U0ENGINEER", "/sageops", "tune churn-xgb trials=1 parallel=100")).toContain("more than the 1 trial asked for");
    expect(await refusalOf(ws, "U0ENGINEER", "/train", "churn-xgb eta=5")).toContain("the recipe allows a number from 0.01 to 0.3");
    await settle();
    expect(mutatingCalls(h)).toEqual([]);
  });

  it("an input without its closing slash is not inside the allowed prefix: sibling prefixes such as churn-private/ cannot be read", async () => {
    const { h, ws } = world;
    h.sandbox.resetCalls();
    const train = await refusalOf(ws, "U0ENGINEER", "/train", "churn-xgb data=s3://sageops-demo/churn");
    expect(train).toContain("outside the input prefixes");
    expect(train).toContain("did you mean s3://sageops-demo/churn/");
    expect(await refusalOf(ws, "U0ENGINEER", "/train", "churn-xgb data=s3://sageops-demo/churn-private/train/")).toContain("outside the input prefixes");
    expect(await refusalOf(ws, "U0ENGINEER", "/deploy", "batch churn-xgb/1 input=s3://sageops-demo/churn")).toContain("outside the input prefixes");
    expect(mutatingCalls(h)).toEqual([]);
  });
});

describe("a freeze holds to the end", () => {
  const world = useHttpHarness();

  it("an approval during a freeze records nothing; the plan can still be cancelled; nothing runs at unfreeze", async () => {
    const { h, ws } = world;
    const plan = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb env=prod");
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    const request = await ws.approvalRequestFor(plan);
    await ws.command("U0ADMIN", "/sageops", "freeze incident 42");
    h.sandbox.resetCalls();
    const before = h.slack.callsTo("response_url").length;
    await ws.click("U0APPROVER", request, PLAN_BUTTONS.approve);
    await waitFor(() => h.slack.callsTo("response_url").length > before, { what: "the answer to the approval" });
    expect(JSON.stringify(h.slack.callsTo("response_url").slice(before))).toContain("frozen");
    const held = h.bot.core.plans.get(planIdOf(plan));
    expect(held?.status).toBe("confirmed");
    expect(held?.approvals).toEqual([]);
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.cancel);
    await waitFor(() => h.bot.core.plans.get(planIdOf(plan))?.status === "cancelled", { what: "the plan to be cancelled" });
    await ws.command("U0ADMIN", "/sageops", "unfreeze");
    await h.bot.core.planService.resume();
    await settle();
    expect(mutatingCalls(h)).toEqual([]);
  });
});

describe("ownership comes from the plan that started a job, never from a draft", () => {
  const world = useHttpHarness();

  it("after an admin merely drafts a stop, the job's owner can still stop it; a colleague cannot", async () => {
    const { h, ws } = world;
    const train = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    await ws.click("U0ENGINEER", train, PLAN_BUTTONS.confirm);
    await waitFor(() => JSON.stringify(ws.message(train).blocks).includes("Started"), { what: "the job to start" });
    const job = h.bot.core.plans.get(planIdOf(train))?.resourceName ?? "";
    await ws.planFrom("U0ADMIN", "/sageops", `stop ${job}`);
    const own = await ws.planFrom("U0ENGINEER", "/sageops", `stop ${job}`);
    expect(JSON.stringify(own.blocks)).toContain("U0ENGINEER in dev");
    expect(await refusalOf(ws, "U0APPROVER", "/sageops", `stop ${job}`)).toContain("You can stop only jobs you started");
  });
});

describe("names that are not names", () => {
  const world = useHttpHarness();

  it("__proto__, constructor and toString get a clear unknown answer", async () => {
    const { h, ws } = world;
    h.sandbox.resetCalls();
    expect(await refusalOf(ws, "U0ENGINEER", "/train", "churn-xgb __proto__=1")).toContain("is not a parameter I know");
    expect(await refusalOf(ws, "U0ENGINEER", "/train", "churn-xgb constructor=x")).toContain("is not a parameter I know");
    expect(await refusalOf(ws, "U0ENGINEER", "/train", "toString")).toContain('There is no recipe \\"toString\\"');
    expect(await refusalOf(ws, "U0ENGINEER", "/deploy", "churn-xgb/1 to churn-dev env=constructor")).toContain('There is no environment \\"constructor\\"');
    const sub = await refusalOf(ws, "U0ENGINEER", "/sageops", "constructor");
    expect(sub).not.toContain("went wrong");
    expect(mutatingCalls(h)).toEqual([]);
  });
});

describe("a flood is slowed without starving others", () => {
  const world = useHttpHarness();

  it("one person asking for plan after plan is refused past the per-person limit; a colleague's plan still goes out; a replayed command posts nothing", async () => {
    const { h, ws } = world;
    const posts = h.slack.callsTo("chat.postMessage").length;
    const answers: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const { reply } = await ws.command("U0ENGINEER", "/train", "churn-xgb");
      answers.push(JSON.stringify(reply?.args ?? {}));
    }
    expect(h.slack.callsTo("chat.postMessage").length - posts).toBe(6);
    expect(answers.filter((a) => a.includes("the limit is 6 a minute per person"))).toHaveLength(4);
    const colleague = await ws.planFrom("U0APPROVER", "/train", "churn-xgb");
    expect(JSON.stringify(colleague.blocks)).toContain("U0APPROVER");

    const { slashCommandPayload } = await import("../../src/console/payloads.js");
    const payload = slashCommandPayload({ userId: "U0ADMIN", teamId: h.slack.teamId, command: "/train", text: "churn-xgb", channelId: "C0MLOPS", responseUrl: h.slack.newResponseUrl({ channel: "C0MLOPS", user: "U0ADMIN" }) });
    const timestamp = Math.floor(Date.now() / 1000);
    const before = h.slack.callsTo("chat.postMessage").length;
    expect((await h.client.postCommand(payload, { timestamp })).status).toBe(200);
    await waitFor(() => h.slack.callsTo("chat.postMessage").length > before, { what: "the first plan" });
    expect((await h.client.postCommand(payload, { timestamp })).status).toBe(200);
    await settle(500);
    expect(h.slack.callsTo("chat.postMessage").length - before).toBe(1);
  });
});
