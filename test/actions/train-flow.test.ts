import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { EXAMPLE_POLICY_PATH } from "../support/constants.js";
import { type HttpHarness, startHttpHarness, Workspace } from "../support/harness.js";
import { settle, waitFor } from "../support/wait.js";

/**
 * The example policy with dev's per-job budget lowered, so a request can go over it, and room
 * for more concurrent jobs than the example's two (the jobs these stories start keep running).
 */
function policyWithDevBudget(usd: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sageops-policy-")), "policy.yml");
  const text = fs
    .readFileSync(EXAMPLE_POLICY_PATH, "utf8")
    .replace(/maxCostPerJobUsd: 20/, `maxCostPerJobUsd: ${usd}`)
    .replace(/concurrentJobs: 2 /, "concurrentJobs: 10 ")
    .replace(/jobsPerHour: 5 /, "jobsPerHour: 50 ");
  fs.writeFileSync(file, text);
  return file;
}

describe("guarded training over signed HTTP, against the sandbox", () => {
  let h: HttpHarness;
  let ws: Workspace;

  beforeAll(async () => {
    h = await startHttpHarness({ env: { SAGEOPS_POLICY: policyWithDevBudget(3) } });
    ws = new Workspace(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it("an engineer's confirmed /train churn-xgb creates exactly one training job, even with a double click and a retried interaction", async () => {
    const { posted } = await ws.command("U0ENGINEER", "/train", "churn-xgb");
    const plan = posted.find((m) => m.channel === "C0MLOPS");
    expect(plan, "the plan is posted in the channel").toBeDefined();
    if (!plan) return;
    const text = JSON.stringify(plan.blocks);
    expect(text).toMatch(/churn-xgb-\d{8}-\d{6}-[0-9a-f]{4}/);
    expect(text).toContain("ml.m5.xlarge");
    expect(text).toContain("s3://sageops-demo/churn/train/");
    expect(text).toContain("Estimated cost");
    const jobName = /churn-xgb-\d{8}-\d{6}-[0-9a-f]{4}/.exec(text)?.[0] ?? "";

    h.sandbox.resetCalls();
    const [first, second] = await Promise.all([ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm), ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm)]);
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm, { retryOfPayload: first.payload });
    expect([first.status, second.status]).toEqual([200, 200]);
    await waitFor(() => JSON.stringify(ws.message(plan).blocks).includes("Started"), { what: "the plan to show it started" });
    await settle(300);
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(1);
    const job = await h.bot.core.sagemaker.describeTrainingJob(jobName);
    expect(job.TrainingJobStatus).toBe("InProgress");
    expect(ws.privateRepliesTo("U0ENGINEER").some((reply) => reply.includes("has already started") || reply.includes("is running"))).toBe(true);
  });

  it("someone else cannot confirm an engineer's plan", async () => {
    const plan = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    h.sandbox.resetCalls();
    await ws.click("U0APPROVER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => ws.privateRepliesTo("U0APPROVER").some((r) => r.includes("Only <@U0ENGINEER> can confirm")), { what: "the refusal" });
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(0);
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.cancel);
    await waitFor(() => JSON.stringify(ws.message(plan).blocks).includes("Cancelled"), { what: "the cancellation" });
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.cancel).catch(() => undefined);
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(0);
  });

  it("an instance type outside the policy is refused with the allowed ones; nothing is created", async () => {
    h.sandbox.resetCalls();
    const { reply, posted } = await ws.command("U0ENGINEER", "/train", "churn-xgb instance=ml.p4d.24xlarge");
    expect(posted).toHaveLength(0);
    const text = JSON.stringify(reply?.args);
    expect(text).toContain("ml.p4d.24xlarge");
    expect(text).toContain("ml.m5.xlarge");
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(0);
  });

  it("a bucket outside the allowed prefixes is refused, naming the prefixes that are allowed", async () => {
    const { reply, posted } = await ws.command("U0ENGINEER", "/train", "churn-xgb data=s3://someone-elses-bucket/data/");
    expect(posted).toHaveLength(0);
    expect(JSON.stringify(reply?.args)).toContain("s3://sageops-demo/churn/");
  });

  it("a request over the environment's budget is refused with its estimate", async () => {
    const { reply, posted } = await ws.command("U0ENGINEER", "/train", "churn-xgb count=4 max-runtime=4h");
    expect(posted).toHaveLength(0);
    const text = JSON.stringify(reply?.args);
    expect(text).toContain("$3.68");
    expect(text).toContain("$3");
  });

  it("a user without a role is refused", async () => {
    const { reply, posted } = await ws.command("U0STRANGER", "/train", "churn-xgb");
    expect(posted).toHaveLength(0);
    expect(JSON.stringify(reply?.args)).toMatch(/U0STRANGER|not allowed|role/i);
  });

  it("bad input is named back: an unknown recipe, a bad S3 URI, a negative count", async () => {
    expect(JSON.stringify((await ws.command("U0ENGINEER", "/train", "churn-xbg")).reply?.args)).toContain("did you mean churn-xgb");
    expect(JSON.stringify((await ws.command("U0ENGINEER", "/train", "churn-xgb data=http://example.com/x")).reply?.args)).toContain("is not an S3 URI");
    expect(JSON.stringify((await ws.command("U0ENGINEER", "/train", "churn-xgb count=-3")).reply?.args)).toContain("count=-3");
  });

  it("in a frozen workspace requests are refused until an admin unfreezes", async () => {
    expect(JSON.stringify((await ws.command("U0ENGINEER", "/sageops", "freeze")).reply?.args)).toContain("Only sageops admins");
    await ws.command("U0ADMIN", "/sageops", "freeze release week");
    const refused = await ws.command("U0ENGINEER", "/train", "churn-xgb");
    expect(refused.posted).toHaveLength(0);
    expect(JSON.stringify(refused.reply?.args)).toMatch(/frozen/i);
    await ws.command("U0ADMIN", "/sageops", "unfreeze");
    const allowed = await ws.command("U0ENGINEER", "/train", "churn-xgb");
    expect(allowed.posted).toHaveLength(1);
  });

  it("a prod plan does not run on the requester's own approval, and runs after an approver's", async () => {
    const plan = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb env=prod");
    h.sandbox.resetCalls();
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    const request = await ws.approvalRequestFor(plan);
    expect(request.text).toContain("Approval needed");
    expect(JSON.stringify(request.blocks)).toContain("<@U0APPROVER>");
    await ws.click("U0ENGINEER", request, PLAN_BUTTONS.approve);
    await waitFor(() => ws.privateRepliesTo("U0ENGINEER").some((r) => r.includes("someone else must approve it")), { what: "the refusal of a self-approval" });
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(0);
    await ws.click("U0APPROVER", request, PLAN_BUTTONS.approve);
    await waitFor(() => h.sandbox.countCalls("CreateTrainingJob") === 1, { what: "the job after approval" });
    await waitFor(() => JSON.stringify(ws.message(plan).blocks).includes("Started"), { what: "the plan to show it started" });
  });

  it("a tuning job starts after confirmation", async () => {
    const plan = await ws.planFrom("U0ENGINEER", "/sageops", "tune churn-xgb trials=4 parallel=2 eta=0.05..0.2");
    expect(JSON.stringify(plan.blocks)).toContain("eta 0.05..0.2");
    h.sandbox.resetCalls();
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => h.sandbox.countCalls("CreateHyperParameterTuningJob") === 1, { what: "the tuning job" });
  });

  it("a pipeline execution starts after confirmation; an unknown pipeline gets a suggestion", async () => {
    expect(JSON.stringify((await ws.command("U0ENGINEER", "/sageops", "pipeline start churn-retrian")).reply?.args)).toContain("churn-retrain");
    const plan = await ws.planFrom("U0ENGINEER", "/sageops", "pipeline start churn-retrain TrainingInstanceType=ml.m5.xlarge");
    h.sandbox.resetCalls();
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => h.sandbox.countCalls("StartPipelineExecution") === 1, { what: "the pipeline execution" });
    await waitFor(() => JSON.stringify(ws.message(plan).blocks).includes("Started"), { what: "the plan to show the run started" });
  });

  it("admins read the audit: requests, refusals, confirmations and executions are all there", async () => {
    const { reply } = await ws.command("U0ADMIN", "/sageops", "audit 100");
    const text = JSON.stringify(reply?.args);
    for (const kind of ["request", "refusal", "confirmation", "approval", "execution", "freeze"]) expect(text).toContain(kind);
    expect(JSON.stringify((await ws.command("U0ENGINEER", "/sageops", "audit")).reply?.args)).toContain("Only sageops admins");
  });
});

describe("dry run", () => {
  let h: HttpHarness;
  let ws: Workspace;
  beforeAll(async () => {
    h = await startHttpHarness({ env: { SAGEOPS_DRY_RUN: "true" } });
    ws = new Workspace(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it("the plan shows the exact request and confirming sends nothing", async () => {
    const plan = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const text = JSON.stringify(plan.blocks);
    expect(text).toContain("CreateTrainingJob");
    expect(text).toContain("TrainingJobName");
    expect(text).toContain("arn:aws:iam::123456789012:role/sageops-dev-execution");
    h.sandbox.resetCalls();
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => JSON.stringify(ws.message(plan).blocks).includes("Dry run"), { what: "the dry-run result" });
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(0);
  });
});
