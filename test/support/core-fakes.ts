/**
 * In-memory fakes of the core's ports, for fast unit tests of the core. Each keeps the semantics
 * the core relies on (the plan store's compare-and-set is checked against SQLite's in
 * test/store/plan-repository.test.ts), and none of them reaches a network or a database.
 */
import { awaitsApproval, type NewPlan, type Plan, type PlanPatch, type PlanRepository, type PlanStatus } from "../../src/actions/plan.js";
import type { AuditEntry, AuditRecord, AuditTrail, FreezeControl, FreezeState, PlanNotifier } from "../../src/actions/ports.js";
import { fail, ok, type Result } from "../../src/kernel/result.js";
import { SageMakerError, type SageMakerPort } from "../../src/kernel/sagemaker-port.js";
import { fakeMessageTs } from "./constants.js";

const JOB_KINDS: ReadonlySet<string> = new Set(["train", "tune", "pipeline", "batch"]);

interface StoredPlan {
  plan: Plan;
  updatedAt?: string;
  startedAt?: string;
  finishedAt?: string;
}

export class InMemoryPlanRepository implements PlanRepository {
  private readonly rows = new Map<string, StoredPlan>();

  insert(plan: NewPlan, now: Date, ttlSeconds: number): Plan {
    if (this.rows.has(plan.id)) throw new Error(`plan ${plan.id} exists`);
    const stored: Plan = { ...structuredClone(plan), status: "pending", approvals: [], createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString() };
    this.rows.set(plan.id, { plan: stored });
    return structuredClone(stored);
  }

  get(id: string): Plan | undefined {
    const row = this.rows.get(id);
    return row ? structuredClone(row.plan) : undefined;
  }

  setMessage(id: string, messageTs: string): void {
    const row = this.rows.get(id);
    if (row) row.plan.messageTs = messageTs;
  }

  setApprovalRequest(id: string, ts: string): void {
    const row = this.rows.get(id);
    if (row) row.plan.approvalRequestTs = ts;
  }

  approvalRequestsMissing(confirmedBefore: Date): Plan[] {
    return this.ordered().filter((plan) => {
      const row = this.rows.get(plan.id);
      return plan.status === "confirmed" && !plan.approvalRequestTs && awaitsApproval(plan) && (row?.updatedAt ?? "") < confirmedBefore.toISOString();
    });
  }

  transition(id: string, from: readonly PlanStatus[], to: PlanStatus, now: Date, patch: PlanPatch = {}): Plan | undefined {
    const row = this.rows.get(id);
    if (!row || !from.includes(row.plan.status)) return undefined;
    row.plan = {
      ...row.plan,
      status: to,
      ...(patch.outcome ? { outcome: patch.outcome } : {}),
      ...(patch.actedBy ? { actedBy: patch.actedBy } : {}),
      ...(patch.track ? { track: patch.track } : {}),
      ...(patch.expiresAt ? { expiresAt: patch.expiresAt.toISOString() } : {}),
    };
    row.updatedAt = now.toISOString();
    if (to === "started") row.startedAt = now.toISOString();
    return structuredClone(row.plan);
  }

  addApproval(id: string, userId: string): Plan | undefined {
    const row = this.rows.get(id);
    if (!row || row.plan.approvals.includes(userId)) return undefined;
    row.plan.approvals.push(userId);
    return structuredClone(row.plan);
  }

  resumable(idleSince: Date): Plan[] {
    return this.ordered().filter((plan) => plan.status === "approved" || ((plan.status === "running" || plan.status === "confirmed") && this.idleSince(plan.id, idleSince)));
  }

  claimInterrupted(id: string, idleSince: Date, now: Date): Plan | undefined {
    const row = this.rows.get(id);
    if (row?.plan.status !== "running" || !this.idleSince(id, idleSince)) return undefined;
    row.updatedAt = now.toISOString();
    return structuredClone(row.plan);
  }

  keepRunning(id: string, now: Date): void {
    const row = this.rows.get(id);
    if (row?.plan.status === "running") row.updatedAt = now.toISOString();
  }

  private idleSince(id: string, since: Date): boolean {
    return (this.rows.get(id)?.updatedAt ?? "") < since.toISOString();
  }

  startedUnfinished(since: Date): Plan[] {
    return [...this.rows.values()]
      .filter((row) => row.plan.status === "started" && row.finishedAt === undefined && row.startedAt !== undefined && Date.parse(row.startedAt) >= since.getTime())
      .map((row) => structuredClone(row.plan));
  }

  expiredBefore(now: Date): Plan[] {
    return this.ordered().filter((plan) => (plan.status === "pending" || plan.status === "confirmed") && Date.parse(plan.expiresAt) < now.getTime());
  }

  usageOf(userId: string, now: Date, excludingPlanId = ""): { jobsLastHour: number; concurrentJobs: number } {
    const hourAgo = now.getTime() - 3600_000;
    const waiting: ReadonlySet<PlanStatus> = new Set(["confirmed", "approved"]);
    let jobsLastHour = 0;
    let concurrentJobs = 0;
    for (const row of this.rows.values()) {
      const { plan } = row;
      if (plan.requester !== userId || plan.id === excludingPlanId || !JOB_KINDS.has(plan.kind)) continue;
      if ((plan.status === "started" && row.startedAt !== undefined && Date.parse(row.startedAt) >= hourAgo) || waiting.has(plan.status) || plan.status === "running") jobsLastHour += 1;
      if (((plan.status === "running" || plan.status === "started") && row.finishedAt === undefined) || waiting.has(plan.status)) concurrentJobs += 1;
    }
    return { jobsLastHour, concurrentJobs };
  }

  plansAskedSince(since: Date, by: { requester: string } | { channel: string }): number {
    return this.ordered().filter((plan) => Date.parse(plan.createdAt) >= since.getTime() && ("requester" in by ? plan.requester === by.requester : plan.channel === by.channel)).length;
  }

  latestStarted(name: string): Plan | undefined {
    const started = [...this.rows.values()].filter((row) => row.plan.resourceName === name && row.plan.status === "started");
    started.sort((a, b) => (b.startedAt ?? "").localeCompare(a.startedAt ?? ""));
    const newest = started[0];
    return newest ? structuredClone(newest.plan) : undefined;
  }

  /** What status tracking does when a started resource finishes. */
  markFinished(id: string, at: Date): void {
    const row = this.rows.get(id);
    if (row && !row.finishedAt) row.finishedAt = at.toISOString();
  }

  private ordered(): Plan[] {
    return [...this.rows.values()].map((row) => structuredClone(row.plan)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}

export class InMemoryAudit implements AuditTrail {
  private readonly records: AuditRecord[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  record(entry: AuditEntry): AuditRecord {
    const record = { ...entry, id: this.records.length + 1, at: this.now().toISOString() };
    this.records.push(record);
    return record;
  }

  latest(limit: number): AuditRecord[] {
    return this.records.slice(-limit).reverse();
  }
}

export class InMemoryFreeze implements FreezeControl {
  private state: FreezeState = { frozen: false };

  freeze(by: string, reason?: string): void {
    this.state = { frozen: true, by, reason };
  }

  unfreeze(): void {
    this.state = { frozen: false };
  }

  freezeState(): FreezeState {
    return { ...this.state };
  }
}

/** A notifier that remembers what it was told, as Slack would show it; `unpostable` plays a channel the bot is not in. */
export class RecordingNotifier implements PlanNotifier {
  readonly changes: Plan["status"][] = [];
  readonly approvalRequests: string[] = [];
  private posted = 0;

  constructor(private readonly options: { unpostable?: boolean } = {}) {}

  async planCreated(): Promise<Result<{ ts: string }>> {
    if (this.options.unpostable) return fail({ what: "I can't post the plan in this channel, so nobody could confirm it." });
    this.posted += 1;
    return ok({ ts: fakeMessageTs(this.posted) });
  }

  async planChanged(plan: Plan): Promise<void> {
    this.changes.push(plan.status);
  }

  /** Approval requests Slack refuses before it takes them again (a one-off `internal_error`, say). */
  failApprovalRequests = 0;

  async approvalRequested(plan: Plan): Promise<{ ts: string }> {
    if (this.failApprovalRequests > 0) {
      this.failApprovalRequests -= 1;
      throw new Error("Slack refused chat.postMessage: internal_error");
    }
    this.approvalRequests.push(plan.id);
    return { ts: `1764147601.${String(this.approvalRequests.length).padStart(6, "0")}` };
  }
}

/**
 * A SageMaker that is never there: every call fails as an unreachable AWS would. For stories in
 * which nothing may reach SageMaker (expired, cancelled, refused plans); a call that does happen
 * fails the plan visibly.
 */
export function unreachableSageMaker(): SageMakerPort {
  return sageMakerWith({});
}

/** A SageMaker that answers only the calls a test gives; every other call fails as unreachable. */
export function sageMakerWith(answers: Partial<SageMakerPort>): SageMakerPort {
  return new Proxy(answers as SageMakerPort, {
    get: (target, operation) =>
      operation in target ? Reflect.get(target, operation) : () => Promise.reject(new SageMakerError("Unavailable", `this test's SageMaker is unreachable (${String(operation)})`, "UnknownEndpoint")),
  });
}
