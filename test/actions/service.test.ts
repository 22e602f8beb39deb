import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/actions/plan.js";
import { ActionService, type PlanNotifier } from "../../src/actions/service.js";
import { createSageMakerClient, sandboxTarget } from "../../src/aws/clients.js";
import { SdkSageMakerPort } from "../../src/aws/sagemaker.js";
import { AuditLog } from "../../src/store/audit.js";
import { openDatabase } from "../../src/store/db.js";
import { SqlitePlanRepository } from "../../src/store/plans.js";
import { WorkspaceSettings } from "../../src/store/settings.js";

/** A notifier that remembers what it was told, as Slack would show it. */
class RecordingNotifier implements PlanNotifier {
  readonly changes: Plan["status"][] = [];
  async planChanged(plan: Plan): Promise<void> {
    this.changes.push(plan.status);
  }
  async approvalRequested(): Promise<void> {}
}

function world(start: Date, approval?: { required: number; role: string }) {
  let now = start;
  const db = openDatabase(":memory:");
  const notifier = new RecordingNotifier();
  const audit = new AuditLog(db);
  const settings = new WorkspaceSettings(db);
  // Nothing here reaches SageMaker: expired and cancelled plans never run.
  const port = new SdkSageMakerPort(createSageMakerClient(sandboxTarget("http://127.0.0.1:9", "us-east-1")));
  const deps: ConstructorParameters<typeof ActionService>[0] = {
    plans: new SqlitePlanRepository(db),
    port,
    audit,
    notifier,
    approvals: { whyCannotApprove: async () => undefined, isAdmin: (user) => user === "U0ADMIN" },
    freeze: settings,
    // These stories are about time and state; the guard's own checks have their stories elsewhere.
    recheck: { prepare: async () => () => ({ ok: true }) },
    now: () => now,
    onNotifyError: () => undefined,
  };
  const service = new ActionService(deps);
  const plan = service.submit({ id: "p-00000000000000000000abcd", kind: "train", requester: "U0ENGINEER", channel: "C0MLOPS", environment: "dev", mode: "live", title: "Train churn-xgb", resourceName: "churn-xgb-1", details: [], steps: [], approval });
  return { service, deps, notifier, audit, plan, settings, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("a plan's life", () => {
  it("a plan not confirmed within 15 minutes expires, says so, and can never run", async () => {
    const w = world(new Date("2026-11-26T09:00:00Z"));
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
    const w = world(new Date("2026-11-26T09:00:00Z"));
    expect((await w.service.cancel(w.plan.id, "U0ENGINEER")).ok).toBe(true);
    const confirm = await w.service.confirm(w.plan.id, "U0ENGINEER");
    expect(confirm.ok && confirm.value.status).toBe("cancelled");
    expect(confirm.ok && confirm.note).toContain("was cancelled");
  });

  it("only the requester or an admin can cancel", async () => {
    const w = world(new Date("2026-11-26T09:00:00Z"));
    expect((await w.service.cancel(w.plan.id, "U0APPROVER")).ok).toBe(false);
    expect((await w.service.cancel(w.plan.id, "U0ADMIN")).ok).toBe(true);
  });

  it("an unknown plan id is named back, not a crash", async () => {
    const w = world(new Date("2026-11-26T09:00:00Z"));
    const result = await w.service.confirm("p-ffffffffffffffffffffffff", "U0ENGINEER");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.what).toContain("can't find plan");
  });

  it("a confirmed plan waits a day for its approvals, not 15 minutes, and then expires", async () => {
    const w = world(new Date("2026-11-26T09:00:00Z"), { required: 1, role: "approvers" });
    expect((await w.service.confirm(w.plan.id, "U0ENGINEER")).ok).toBe(true);
    w.advance(3 * 3600 * 1000);
    expect((await w.service.expireStale()).map((p) => p.id)).toEqual([]);
    w.advance(22 * 3600 * 1000);
    expect((await w.service.expireStale()).map((p) => p.id)).toEqual([w.plan.id]);
    const late = await w.service.approve(w.plan.id, "U0APPROVER");
    expect(late.ok && late.value.status).toBe("expired");
  });

  it("an approval during a freeze records nothing; the held plan can be cancelled, or expires like any other", async () => {
    const w = world(new Date("2026-11-26T09:00:00Z"), { required: 1, role: "approvers" });
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
    const w = world(new Date("2026-11-26T09:00:00Z"));
    const refusing = new ActionService({
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
