import { awaitsApproval, type NewPlan, type Plan, type PlanPatch, type PlanRepository, type PlanStatus, type TrackedResource } from "../actions/plan.js";
import type { Db } from "./db.js";

interface PlanRow {
  id: string;
  status: PlanStatus;
  body: string;
  message_ts: string | null;
  approval_request_ts: string | null;
  updated_at: string | null;
  created_at: string;
  expires_at: string;
  outcome: string | null;
  acted_by: string | null;
  track: string | null;
}

/** Plans in SQLite; each transition is a single conditional UPDATE, so racing callers cannot both win. */
export class SqlPlanRepository implements PlanRepository {
  constructor(private readonly db: Db) {}

  insert(plan: NewPlan, now: Date, ttlSeconds: number): Plan {
    const createdAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
    this.db
      .prepare(
        `INSERT INTO plans (id, kind, status, requester, channel, resource_name, body, created_at, expires_at, track)
         VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(plan.id, plan.kind, plan.requester, plan.channel, plan.resourceName, JSON.stringify(plan), createdAt, expiresAt, plan.track ? JSON.stringify(plan.track) : null);
    const stored = this.get(plan.id);
    if (!stored) throw new Error(`plan ${plan.id} was not stored`);
    return stored;
  }

  get(id: string): Plan | undefined {
    const row = this.db.prepare("SELECT * FROM plans WHERE id = ?").get(id) as PlanRow | undefined;
    return row ? this.toPlan(row) : undefined;
  }

  setMessage(id: string, messageTs: string): void {
    this.db.prepare("UPDATE plans SET message_ts = ? WHERE id = ?").run(messageTs, id);
  }

  setApprovalRequest(id: string, ts: string): void {
    this.db.prepare("UPDATE plans SET approval_request_ts = ? WHERE id = ?").run(ts, id);
  }

  approvalRequestsMissing(confirmedBefore: Date): Plan[] {
    const rows = this.db.prepare("SELECT * FROM plans WHERE status = 'confirmed' AND approval_request_ts IS NULL AND updated_at < ? ORDER BY created_at").all(confirmedBefore.toISOString()) as PlanRow[];
    return rows.map((row) => this.toPlan(row)).filter(awaitsApproval);
  }

  transition(id: string, from: readonly PlanStatus[], to: PlanStatus, now: Date, patch: PlanPatch = {}): Plan | undefined {
    const placeholders = from.map(() => "?").join(", ");
    const info = this.db
      .prepare(
        `UPDATE plans SET status = ?, updated_at = ?,
           outcome = COALESCE(?, outcome), acted_by = COALESCE(?, acted_by), track = COALESCE(?, track), expires_at = COALESCE(?, expires_at),
           started_at = CASE WHEN ? = 'started' THEN ? ELSE started_at END
         WHERE id = ? AND status IN (${placeholders})`,
      )
      .run(
        to,
        now.toISOString(),
        patch.outcome ? JSON.stringify(patch.outcome) : null,
        patch.actedBy ?? null,
        patch.track ? JSON.stringify(patch.track) : null,
        patch.expiresAt ? patch.expiresAt.toISOString() : null,
        to,
        now.toISOString(),
        id,
        ...from,
      );
    return info.changes === 1 ? this.get(id) : undefined;
  }

  addApproval(id: string, userId: string, now: Date): Plan | undefined {
    const added = this.db.prepare("INSERT INTO plan_approvals (plan_id, user_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING").run(id, userId, now.toISOString()).changes === 1;
    return added ? this.get(id) : undefined;
  }

  resumable(idleSince: Date): Plan[] {
    const rows = this.db
      .prepare("SELECT * FROM plans WHERE status = 'approved' OR (status IN ('running', 'confirmed') AND updated_at < ?) ORDER BY created_at")
      .all(idleSince.toISOString()) as PlanRow[];
    return rows.map((row) => this.toPlan(row));
  }

  claimInterrupted(id: string, idleSince: Date, now: Date): Plan | undefined {
    const claimed = this.db.prepare("UPDATE plans SET updated_at = ? WHERE id = ? AND status = 'running' AND updated_at < ?").run(now.toISOString(), id, idleSince.toISOString()).changes === 1;
    return claimed ? this.get(id) : undefined;
  }

  keepRunning(id: string, now: Date): void {
    this.db.prepare("UPDATE plans SET updated_at = ? WHERE id = ? AND status = 'running'").run(now.toISOString(), id);
  }

  startedUnfinished(since: Date): Plan[] {
    const rows = this.db.prepare("SELECT * FROM plans WHERE status = 'started' AND finished_at IS NULL AND started_at >= ? ORDER BY started_at").all(since.toISOString()) as PlanRow[];
    return rows.map((row) => this.toPlan(row));
  }

  expiredBefore(now: Date): Plan[] {
    const rows = this.db.prepare("SELECT * FROM plans WHERE status IN ('pending', 'confirmed') AND expires_at < ? ORDER BY created_at").all(now.toISOString()) as PlanRow[];
    return rows.map((row) => this.toPlan(row));
  }

  usageOf(userId: string, now: Date, excludingPlanId = ""): { jobsLastHour: number; concurrentJobs: number } {
    const since = new Date(now.getTime() - 3600_000).toISOString();
    const row = this.db
      .prepare(
        `SELECT
           SUM(CASE WHEN (status = 'started' AND started_at >= ?) OR status IN ('confirmed', 'approved', 'running') THEN 1 ELSE 0 END) AS last_hour,
           SUM(CASE WHEN (status IN ('running', 'started') AND finished_at IS NULL) OR status IN ('confirmed', 'approved') THEN 1 ELSE 0 END) AS concurrent
         FROM plans WHERE requester = ? AND kind IN ('train', 'tune', 'pipeline', 'batch') AND id != ?`,
      )
      .get(since, userId, excludingPlanId) as { last_hour: number | null; concurrent: number | null };
    return { jobsLastHour: row.last_hour ?? 0, concurrentJobs: row.concurrent ?? 0 };
  }

  plansAskedSince(since: Date, by: { requester: string } | { channel: string }): number {
    const [column, value] = "requester" in by ? ["requester", by.requester] : ["channel", by.channel];
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM plans WHERE ${column} = ? AND created_at >= ?`).get(value, since.toISOString()) as { n: number };
    return row.n;
  }

  /** Marks the resource a plan started as finished (from status tracking). */
  markFinished(id: string, at: Date): void {
    this.db.prepare("UPDATE plans SET finished_at = ? WHERE id = ? AND finished_at IS NULL").run(at.toISOString(), id);
  }

  /** The plan whose message is `messageTs` in `channel`: the root of its thread. */
  byMessage(channel: string, messageTs: string): Plan | undefined {
    const row = this.db.prepare("SELECT * FROM plans WHERE channel = ? AND message_ts = ? LIMIT 1").get(channel, messageTs) as PlanRow | undefined;
    return row ? this.toPlan(row) : undefined;
  }

  latestStarted(name: string): Plan | undefined {
    const row = this.db.prepare("SELECT * FROM plans WHERE resource_name = ? AND status = 'started' ORDER BY started_at DESC, created_at DESC LIMIT 1").get(name) as PlanRow | undefined;
    return row ? this.toPlan(row) : undefined;
  }

  private toPlan(row: PlanRow): Plan {
    const body = JSON.parse(row.body) as NewPlan;
    const approvals = (this.db.prepare("SELECT user_id FROM plan_approvals WHERE plan_id = ? ORDER BY at").all(row.id) as { user_id: string }[]).map((a) => a.user_id);
    return {
      ...body,
      status: row.status,
      approvals,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      messageTs: row.message_ts ?? undefined,
      approvalRequestTs: row.approval_request_ts ?? undefined,
      outcome: row.outcome ? (JSON.parse(row.outcome) as Plan["outcome"]) : undefined,
      actedBy: row.acted_by ?? undefined,
      track: row.track ? (JSON.parse(row.track) as TrackedResource) : body.track,
    };
  }
}
