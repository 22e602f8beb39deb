import { describe, expect, it } from "vitest";
import type { Plan } from "../../../src/actions/plan.js";
import { renderProblem, renderRefusal } from "../../../src/slack/blocks/notice.js";
import { PLAN_BUTTONS, renderApprovalRequest, renderPlan } from "../../../src/slack/blocks/plan.js";

const plan: Plan = {
  id: "p-0123456789abcdef01234567",
  kind: "train",
  status: "pending",
  requester: "U0ENGINEER",
  channel: "C0MLOPS",
  environment: "dev",
  mode: "live",
  title: "Train churn-xgb",
  resourceName: "churn-xgb-20261126-101500-0123",
  details: [
    { label: "Training job", value: "churn-xgb-20261126-101500-0123" },
    { label: "Hyperparameters", value: "max_depth=<!channel>" },
  ],
  cost: { kind: "job", usd: 0.23, price: { instanceType: "ml.m5.xlarge", usdPerHour: 0.23, pricedRegion: "us-east-1", requestedRegion: "us-east-1", regionFallback: false, source: "table" }, count: 1, seconds: 3600, jobs: 1, pricesAsOf: "2025-06-01", basis: "ml.m5.xlarge at $0.23/h x 1 x 1h" },
  steps: [],
  approvals: [],
  createdAt: "2026-11-26T10:15:00.000Z",
  expiresAt: "2026-11-26T10:30:00.000Z",
};

function buttons(blocks: unknown[]): { action_id?: string; value?: string }[] {
  return (blocks as { type: string; elements?: { type: string; action_id?: string; value?: string }[] }[]).filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);
}

describe("the plan message", () => {
  it("shows the job name, the cost and its basis, and Confirm / Cancel buttons carrying the plan id", () => {
    const rendered = renderPlan(plan);
    const json = JSON.stringify(rendered.blocks);
    expect(json).toContain("churn-xgb-20261126-101500-0123");
    expect(json).toContain("at most ~$0.23");
    expect(json).toContain("ml.m5.xlarge at $0.23/h x 1 x 1h");
    expect(buttons(rendered.blocks)).toEqual([
      expect.objectContaining({ action_id: PLAN_BUTTONS.confirm, value: plan.id }),
      expect.objectContaining({ action_id: PLAN_BUTTONS.cancel, value: plan.id }),
    ]);
    expect(rendered.text).toContain("Train churn-xgb");
  });

  it("typed text never pings the channel", () => {
    expect(JSON.stringify(renderPlan(plan).blocks)).not.toContain("<!channel>");
  });

  it("a started plan has no buttons; a confirmed one needing approval keeps only Cancel", () => {
    expect(buttons(renderPlan({ ...plan, status: "started" }).blocks)).toEqual([]);
    const confirmed = renderPlan({ ...plan, status: "confirmed", approval: { required: 1, role: "approvers" } });
    expect(buttons(confirmed.blocks).map((b) => b.action_id)).toEqual([PLAN_BUTTONS.cancel]);
    expect(JSON.stringify(confirmed.blocks)).toContain("Needs 1 approval(s) from *approvers*");
  });

  it("a dry-run plan shows the exact request it would send", () => {
    const dry = renderPlan({ ...plan, mode: "dry-run", steps: [{ operation: "StopTrainingJob", request: { TrainingJobName: "churn-xgb-1" } }] });
    expect(JSON.stringify(dry.blocks)).toContain("StopTrainingJob");
    expect(dry.text).toContain("dry run");
  });

  it("the approval request mentions the approvers and carries Approve / Reject for the plan", () => {
    const request = renderApprovalRequest({ ...plan, status: "confirmed", approval: { required: 1, role: "approvers" } }, ["U0APPROVER"]);
    expect(JSON.stringify(request.blocks)).toContain("<@U0APPROVER>");
    expect(buttons(request.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [PLAN_BUTTONS.approve, plan.id],
      [PLAN_BUTTONS.reject, plan.id],
    ]);
  });
});

describe("problems and refusals", () => {
  it("say what was wrong, list every failed rule, and how to fix it", () => {
    const refusal = renderRefusal("Train churn-xgb", [
      { rule: "what.instance-type", message: "ml.p4d.24xlarge is not allowed in dev; allowed: ml.m5.large, ml.m5.xlarge", allowed: ["ml.m5.large", "ml.m5.xlarge"] },
      { rule: "what.input-prefix", message: "s3://elsewhere/ is outside dev's input prefixes: s3://sageops-demo/churn/", allowed: ["s3://sageops-demo/churn/"] },
    ]);
    expect(refusal.text).toContain("ml.p4d.24xlarge is not allowed");
    expect(refusal.text).toContain("s3://sageops-demo/churn/");
    expect(renderProblem({ what: "Bad <!here> thing.", fix: "Do it right." }).text).toBe(":warning: Bad @here thing.\nDo it right.");
  });
});
