import { describe, expect, it } from "vitest";
import type { NewPlan, Plan } from "../../src/actions/plan.js";
import { PlanService } from "../../src/actions/plan-service.js";
import { START_DATE } from "../support/constants.js";
import { InMemoryAudit, InMemoryFreeze, InMemoryPlanRepository, RecordingNotifier, unreachableSageMaker } from "../support/core-fakes.js";

const TRAIN_PLAN: NewPlan = { id: "p-00000000000000000000abcd", kind: "train", requester: "U0ENGINEER", channel: "C0MLOPS", environment: "dev", mode: "live", title: "Train churn-xgb", resourceName: "churn-xgb-1", details: [], steps: [] };

async function world(start: Date, approval?: { required: number; role: string }, notifier = new RecordingNotifier()) {
  let now = start;
  const audit = new InMemoryAudit(() => now);
  const settings = new InMemoryFreeze();
  const plans = new InMemoryPlanRepository();
  const deps: ConstructorParameters<typeof PlanService>[0] = {
    plans,
    // Nothing here reaches SageMaker: expired, cancelled and refused plans never run.
    port: unreachableSageMaker(),
    audit,
    notifier,
    approvals: { whyCannotApprove: async () => undefined, isAdmin: (user) => user === "U0ADMIN" },
    freeze: settings,
    // These stories are about time and state; the guard's own checks have their stories elsewhere.
    recheck: { prepare: async () => () => ({ ok: true }) },
    now: () => now,
    onNotifyError: () => undefined,
  };
  const service = new PlanService(deps);
  const submitted = await service.submit({ kind: "plan", plan: { ...TRAIN_PLAN, approval } }, { userId: "U0ENGINEER", channelId: "C0MLOPS" });
  if (!submitted.ok) throw new Error(submitted.problem.what);
  const plan: Plan = submitted.value;
  return { service, deps, notifier, audit, plans, plan, submitted, settings, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("asking the approvers", () => {
  it("an approval request Slack refused once is posted again by the sweeper, so the plan does not wait out its day without an Approve button", async () => {
    const notifier = new RecordingNotifier();
    notifier.failApprovalRequests = 1;
    const w = await world(new Date("2026-11-26T09:00:00Z"), { required: 1, role: "approvers" }, notifier);
    expect((await w.service.confirm(w.plan.id, "U0ENGINEER")).ok).toBe(true);
    expect(notifier.approvalRequests).toEqual([]);
    expect(await w.service.repostMissingApprovalRequests()).toBe(0);
    w.advance(60_000);
    expect(await w.service.repostMissingApprovalRequests()).toBe(1);
    expect(notifier.approvalRequests).toEqual([w.plan.id]);
    expect(await w.service.repostMissingApprovalRequests()).toBe(0);
  });
});

describe("a Confirm cut off by a crash", () => {
  it("a plan left confirmed (nothing more to wait for) by a process that died is carried on by the sweep once idle; one waiting for approval is left waiting", async () => {
    const w = await world(new Date("2026-11-26T09:00:00Z"));
    // The dead process moved the plan to confirmed, then died before it moved on.
    expect(w.plans.transition(w.plan.id, ["pending"], "confirmed", new Date("2026-11-26T09:00:01Z"), { actedBy: "U0ENGINEER" })?.status).toBe("confirmed");
    expect(await w.service.runInterrupted()).toEqual([]);
    expect(w.plans.get(w.plan.id)?.status).toBe("confirmed");
    w.advance(30_000);
    await w.service.runInterrupted();
    expect(w.plans.get(w.plan.id)?.status).not.toBe("confirmed");
    expect(w.plans.get(w.plan.id)?.status).not.toBe("approved");

    const waiting = await world(new Date("2026-11-26T09:00:00Z"), { required: 1, role: "approvers" });
    await waiting.service.confirm(waiting.plan.id, "U0ENGINEER");
    waiting.advance(30_000);
    expect(await waiting.service.runInterrupted()).toEqual([]);
    expect(waiting.plans.get(waiting.plan.id)?.status).toBe("confirmed");
  });
});

describe("submitting a plan", () => {
  it("stores it pending, posts it once through the notifier and keeps the message's ts", async () => {
    const w = await world(START_DATE);
    expect(w.plan.status).toBe("pending");
    expect(w.plans.get(w.plan.id)?.messageTs).toBe("1764147600.000001");
    expect(w.submitted.ok && w.submitted.note).toContain("I posted the plan for *Train churn-xgb* above");
    expect(w.audit.latest(5).map((r) => `${r.kind}:${r.outcome}`)).toEqual(["request:planned"]);
  });

  it("a plan that cannot be posted says so, stays unseen and unconfirmable, and expires", async () => {
    const unposted = new PlanService({ ...(await world(START_DATE)).deps, notifier: new RecordingNotifier({ unpostable: true }), plans: new InMemoryPlanRepository() });
    const result = await unposted.submit({ kind: "plan", plan: TRAIN_PLAN }, { userId: "U0ENGINEER", channelId: "C0PRIVATE" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.what).toContain("can't post the plan");
  });

  it("a refusal is audited with its rules and explained, and nothing is stored", async () => {
    const w = await world(START_DATE);
    const result = await w.service.submit({ kind: "refused", title: "Train churn-xgb", refusals: [{ rule: "who.role", message: "You are not listed.", allowed: [] }] }, { userId: "U0STRANGER", channelId: "C0MLOPS" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ what: "I can't plan *Train churn-xgb*: the policy does not allow it.", detail: ["You are not listed."] });
    expect(w.audit.latest(1)[0]).toMatchObject({ kind: "refusal", actor: "U0STRANGER", detail: { rules: ["who.role"] } });
  });
});

describe("a plan's life", () => {
  it("a plan not confirmed within 15 minutes expires, says so, and can never run", async () => {
    const w = await world(START_DATE);
    w.advance(16 * 60 * 1000);
    const result = await w.service.confirm(w.plan.id, "U0ENGINEER");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.what).toContain("expired");
    expect(w.notifier.changes).toContain("expired");
    const again = await w.service.confirm(w.plan.id, "U0ENGINEER");
    expect(again.ok && again.value.status).toBe("expired");
    expect(w.audit.latest(10).map((r) => r.kind)).toContain("expiry");
  });

  it("a cancelled plan cannot be confirmed afterwards", async () => {
    const w = await world(START_DATE);
    expect((await w.service.cancel(w.plan.id, "U0ENGINEER")).ok).toBe(true);
    const confirm = await w.service.confirm(w.plan.id, "U0ENGINEER");
    expect(confirm.ok && confirm.value.status).toBe("cancelled");
    expect(confirm.ok && confirm.note).toContain("was cancelled");
  });

  it("only the requester or an admin can cancel", async () => {
    const w = await world(START_DATE);
    expect((await w.service.cancel(w.plan.id, "U0APPROVER")).ok).toBe(false);
    expect((await w.service.cancel(w.plan.id, "U0ADMIN")).ok).toBe(true);
  });

  it("an unknown plan id is named back, not a crash", async () => {
    const w = await world(START_DATE);
    const result = await w.service.confirm("p-ffffffffffffffffffffffff", "U0ENGINEER");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.what).toContain("can't find plan");
  });

  it("a confirmed plan waits a day for its approvals, not 15 minutes, and then expires", async () => {
    const w = await world(START_DATE, { required: 1, role: "approvers" });
    expect((await w.service.confirm(w.plan.id, "U0ENGINEER")).ok).toBe(true);
    w.advance(3 * 3600 * 1000);
    expect((await w.service.expireStale()).map((p) => p.id)).toEqual([]);
    w.advance(22 * 3600 * 1000);
    expect((await w.service.expireStale()).map((p) => p.id)).toEqual([w.plan.id]);
    const late = await w.service.approve(w.plan.id, "U0APPROVER");
    expect(late.ok && late.value.status).toBe("expired");
  });

  it("an approval during a freeze records nothing; the held plan can be cancelled, or expires like any other", async () => {
    const w = await world(START_DATE, { required: 1, role: "approvers" });
    expect((await w.service.confirm(w.plan.id, "U0ENGINEER")).ok).toBe(true);
    w.settings.freeze("U0ADMIN", "incident");
    const approval = await w.service.approve(w.plan.id, "U0APPROVER");
    expect(approval.ok).toBe(false);
    if (!approval.ok) expect(approval.problem.what).toContain("frozen");
    const held = await w.service.cancel(w.plan.id, "U0NOBODY");
    expect(held.ok).toBe(false);
    w.advance(25 * 3600 * 1000);
    expect((await w.service.expireStale()).map((p) => p.id)).toEqual([w.plan.id]);
    expect(w.audit.latest(10).map((r) => r.kind)).not.toContain("approval");
  });

  it("a plan the guard no longer passes at Confirm is refused for good, with the reason, and never runs", async () => {
    const w = await world(START_DATE);
    const refusing = new PlanService({
      ...w.deps,
      recheck: { prepare: async () => () => ({ ok: false, frozen: false, refusals: [{ rule: "how-often.concurrent-jobs", message: "You have 2 jobs running.", allowed: [] }] }) },
    });
    const result = await refusing.confirm(w.plan.id, "U0ENGINEER");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.detail).toEqual(["You have 2 jobs running."]);
    expect(w.notifier.changes).toContain("refused");
    const again = await refusing.confirm(w.plan.id, "U0ENGINEER");
    expect(again.ok && again.note).toContain("was refused by the policy");
  });
});
