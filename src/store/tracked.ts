/**
 * Tracked resources in SQLite (migration 3). Every multi-part change is one transaction, and
 * each notice is claimed by a conditional UPDATE, so two bot processes on one file, or one
 * restarted mid-round, never send the same notice twice.
 */
import { z } from "zod";
import type { TrackedResource } from "../kernel/resources.js";
import { RESOURCE_TYPES, type ResourceStatus, ResourceStatusSchema, type ResourceType } from "../watch/status.js";
import { type NoticeKind, type NoticeOutcome, SEND_LEASE_MS, type TrackedRecord, type TrackedStore, type TrackingContext } from "../watch/tracked-store.js";
import type { Db, SqlValue } from "./db.js";

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().transform((value) => value ?? undefined);

const RowSchema = z.object({
  id: z.number().int(),
  type: z.enum(RESOURCE_TYPES),
  name: z.string(),
  arn: nullable(z.string()),
  plan_id: nullable(z.string()),
  requester: z.string(),
  channel: z.string(),
  thread_ts: nullable(z.string()),
  alert_channel: nullable(z.string()),
  region: z.string(),
  snapshot: nullable(z.string()),
  version: z.number().int(),
  published_version: z.number().int(),
  message_ts: nullable(z.string()),
  tracked_at: z.string(),
  checked_at: nullable(z.string()),
  changed_at: nullable(z.string()),
  finished_at: nullable(z.string()),
  misses: z.number().int(),
});

const NOTICE_KINDS = ["reply", "alert"] as const satisfies readonly NoticeKind[];

/** Most attempts at one notice before it is given up (each after an error that Slack reported). */
const MAX_NOTICE_ATTEMPTS = 3;
/** A notice to send: due, or claimed by a sender that died (its claim older than the lease) with tries left. */
const claimable = (table = ""): string => `(${table}state = 'due' OR (${table}state = 'sending' AND ${table}updated_at < ? AND ${table}attempts < ?))`;
const staleBefore = (now: Date): string => new Date(now.getTime() - SEND_LEASE_MS).toISOString();

function toRecord(raw: unknown): TrackedRecord {
  const row = RowSchema.parse(raw);
  const context: TrackingContext = { requester: row.requester, channel: row.channel, region: row.region };
  if (row.plan_id !== undefined) context.planId = row.plan_id;
  if (row.thread_ts !== undefined) context.threadTs = row.thread_ts;
  if (row.alert_channel !== undefined) context.alertChannel = row.alert_channel;
  const resource: TrackedResource = { type: row.type, name: row.name };
  if (row.arn !== undefined) resource.arn = row.arn;
  return {
    id: row.id,
    resource,
    context,
    status: row.snapshot === undefined ? undefined : ResourceStatusSchema.parse(JSON.parse(row.snapshot)),
    version: row.version,
    publishedVersion: row.published_version,
    messageTs: row.message_ts,
    trackedAt: row.tracked_at,
    checkedAt: row.checked_at,
    changedAt: row.changed_at,
    finishedAt: row.finished_at,
    misses: row.misses,
  };
}

export class SqlTrackedStore implements TrackedStore {
  constructor(private readonly db: Db) {}

  track(resource: TrackedResource, context: TrackingContext, now: Date): { record: TrackedRecord; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.find(resource.type, resource.name);
      if (existing && (existing.finishedAt === undefined || existing.context.planId === context.planId)) {
        // A later call may know the ARN the first did not (the plan had just started).
        if (resource.arn && !existing.resource.arn) this.db.prepare("UPDATE tracked_resources SET arn = ? WHERE id = ?").run(resource.arn, existing.id);
        return { record: this.require(existing.id), created: false };
      }
      if (existing) this.db.prepare("DELETE FROM tracked_resources WHERE id = ?").run(existing.id);
      const inserted = this.db
        .prepare(
          `INSERT INTO tracked_resources (type, name, arn, plan_id, requester, channel, thread_ts, alert_channel, region, tracked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(resource.type, resource.name, resource.arn ?? null, context.planId ?? null, context.requester, context.channel, context.threadTs ?? null, context.alertChannel ?? null, context.region, now.toISOString()) as { id: number };
      return { record: this.require(Number(inserted.id)), created: true };
    })();
  }

  get(id: number): TrackedRecord | undefined {
    const row: unknown = this.db.prepare("SELECT * FROM tracked_resources WHERE id = ?").get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  find(type: ResourceType, name: string): TrackedRecord | undefined {
    const row: unknown = this.db.prepare("SELECT * FROM tracked_resources WHERE type = ? AND name = ?").get(type, name);
    return row === undefined ? undefined : toRecord(row);
  }

  findByName(name: string): TrackedRecord[] {
    return this.all("SELECT * FROM tracked_resources WHERE name = ? OR arn = ? ORDER BY tracked_at DESC", name, name);
  }

  active(): TrackedRecord[] {
    return this.all("SELECT * FROM tracked_resources WHERE finished_at IS NULL ORDER BY id");
  }

  unpublished(now: Date): TrackedRecord[] {
    return this.all(
      `SELECT * FROM tracked_resources r WHERE r.published_version < r.version
         OR EXISTS (SELECT 1 FROM tracked_notices n WHERE n.tracked_id = r.id AND ${claimable("n.")})
       ORDER BY r.id`,
      staleBefore(now),
      MAX_NOTICE_ATTEMPTS,
    );
  }

  activeFor(scope: { requester: string; channel?: string }): TrackedRecord[] {
    return this.all("SELECT * FROM tracked_resources WHERE finished_at IS NULL AND (requester = ? OR channel = ?) ORDER BY tracked_at DESC", scope.requester, scope.channel ?? null);
  }

  recentFor(requester: string, limit: number): TrackedRecord[] {
    return this.all("SELECT * FROM tracked_resources WHERE requester = ? ORDER BY finished_at IS NOT NULL, COALESCE(finished_at, tracked_at) DESC LIMIT ?", requester, limit);
  }

  recentOfType(type: ResourceType, limit: number): TrackedRecord[] {
    return this.all("SELECT * FROM tracked_resources WHERE type = ? ORDER BY tracked_at DESC, id DESC LIMIT ?", type, limit);
  }

  /** The resource tracked last in a thread (a plan's thread, where its status is posted). */
  latestInThread(channel: string, threadTs: string): TrackedRecord | undefined {
    return this.all("SELECT * FROM tracked_resources WHERE channel = ? AND thread_ts = ? ORDER BY tracked_at DESC, id DESC LIMIT 1", channel, threadTs)[0];
  }

  recentNames(limit: number): { type: ResourceType; name: string }[] {
    const rows: unknown[] = this.db.prepare("SELECT type, name FROM tracked_resources ORDER BY tracked_at DESC LIMIT ?").all(limit);
    return rows.map((row) => z.object({ type: z.enum(RESOURCE_TYPES), name: z.string() }).parse(row));
  }

  saveStatus(id: number, status: ResourceStatus, now: Date, notices: readonly NoticeKind[]): boolean {
    return this.db.transaction(() => {
      const at = now.toISOString();
      const snapshot = JSON.stringify(ResourceStatusSchema.parse(status));
      const row: unknown = this.db.prepare("SELECT snapshot, finished_at FROM tracked_resources WHERE id = ?").get(id);
      if (row === undefined) return false;
      const current = z.object({ snapshot: z.string().nullable(), finished_at: z.string().nullable() }).parse(row);
      const final = status.phase !== "running";
      if (isOlderThanStored(status, current)) {
        this.db.prepare("UPDATE tracked_resources SET checked_at = ?, misses = 0 WHERE id = ?").run(at, id);
        return false;
      }
      const changed = current.snapshot !== snapshot;
      this.db
        .prepare(
          `UPDATE tracked_resources SET snapshot = ?, status = ?, secondary_status = ?, phase = ?, checked_at = ?, misses = 0,
             version = version + ?, changed_at = CASE WHEN ? = 1 THEN ? ELSE changed_at END,
             finished_at = CASE WHEN ? = 1 AND finished_at IS NULL THEN ? ELSE finished_at END
           WHERE id = ?`,
        )
        .run(snapshot, status.status, status.type === "training-job" ? (status.secondaryStatus ?? null) : null, status.phase, at, changed ? 1 : 0, changed ? 1 : 0, at, final ? 1 : 0, at, id);
      if (final && current.finished_at === null) {
        const queue = this.db.prepare("INSERT INTO tracked_notices (tracked_id, kind, state, attempts, updated_at) VALUES (?, ?, 'due', 0, ?) ON CONFLICT DO NOTHING");
        for (const kind of notices) queue.run(id, kind, at);
      }
      return changed;
    })();
  }

  noteChecked(id: number, now: Date): void {
    this.db.prepare("UPDATE tracked_resources SET checked_at = ? WHERE id = ?").run(now.toISOString(), id);
  }

  noteMissing(id: number, now: Date): number {
    this.db.prepare("UPDATE tracked_resources SET misses = misses + 1, checked_at = ? WHERE id = ?").run(now.toISOString(), id);
    return this.get(id)?.misses ?? 0;
  }

  claimMessage(id: number, now: Date): boolean {
    return (
      this.db
        .prepare("UPDATE tracked_resources SET message_claimed_at = ? WHERE id = ? AND message_ts IS NULL AND (message_claimed_at IS NULL OR message_claimed_at < ?)")
        .run(now.toISOString(), id, staleBefore(now)).changes === 1
    );
  }

  releaseMessage(id: number): void {
    this.db.prepare("UPDATE tracked_resources SET message_claimed_at = NULL WHERE id = ? AND message_ts IS NULL").run(id);
  }

  setMessage(id: number, ts: string): void {
    this.db.prepare("UPDATE tracked_resources SET message_ts = ? WHERE id = ?").run(ts, id);
  }

  setPublished(id: number, version: number): void {
    // Only ever forward (portable SQL: SQLite's two-argument MAX is PostgreSQL's GREATEST).
    this.db.prepare("UPDATE tracked_resources SET published_version = ? WHERE id = ? AND published_version < ?").run(version, id, version);
  }

  dueNotices(id: number, now: Date): NoticeKind[] {
    const rows: unknown[] = this.db.prepare(`SELECT kind FROM tracked_notices WHERE tracked_id = ? AND ${claimable()} ORDER BY kind DESC`).all(id, staleBefore(now), MAX_NOTICE_ATTEMPTS);
    return rows.map((row) => z.object({ kind: z.enum(NOTICE_KINDS) }).parse(row).kind);
  }

  claimNotice(id: number, kind: NoticeKind, now: Date): number | undefined {
    const row: unknown = this.db
      .prepare(`UPDATE tracked_notices SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE tracked_id = ? AND kind = ? AND ${claimable()} RETURNING attempts`)
      .get(now.toISOString(), id, kind, staleBefore(now), MAX_NOTICE_ATTEMPTS);
    return row === undefined ? undefined : z.object({ attempts: z.number() }).parse(row).attempts;
  }

  nextSendLeaseEnd(): Date | undefined {
    const row: unknown = this.db
      .prepare(
        `SELECT MIN(claimed) AS claimed FROM (
           SELECT MIN(updated_at) AS claimed FROM tracked_notices WHERE state = 'sending' AND attempts < ?
           UNION ALL SELECT MIN(message_claimed_at) FROM tracked_resources WHERE message_ts IS NULL AND message_claimed_at IS NOT NULL) AS claims`,
      )
      .get(MAX_NOTICE_ATTEMPTS);
    const claimed = z.object({ claimed: z.string().nullable() }).parse(row).claimed;
    return claimed === null ? undefined : new Date(Date.parse(claimed) + SEND_LEASE_MS);
  }

  renewNotice(id: number, kind: NoticeKind, now: Date): void {
    this.db.prepare("UPDATE tracked_notices SET updated_at = ? WHERE tracked_id = ? AND kind = ? AND state = 'sending'").run(now.toISOString(), id, kind);
  }

  renewMessage(id: number, now: Date): void {
    this.db.prepare("UPDATE tracked_resources SET message_claimed_at = ? WHERE id = ? AND message_ts IS NULL AND message_claimed_at IS NOT NULL").run(now.toISOString(), id);
  }

  settleNotice(id: number, kind: NoticeKind, outcome: NoticeOutcome, now: Date): void {
    this.db
      .prepare(
        `UPDATE tracked_notices SET updated_at = ?,
           state = CASE WHEN ? = 'retry' AND attempts < ? THEN 'due' WHEN ? = 'sent' THEN 'sent' ELSE 'abandoned' END
         WHERE tracked_id = ? AND kind = ? AND state = 'sending'`,
      )
      .run(now.toISOString(), outcome, MAX_NOTICE_ATTEMPTS, outcome, id, kind);
  }

  /** Which notices of a record were sent, claimed or given up (for tests and diagnostics). */
  noticeStates(id: number): Partial<Record<NoticeKind, string>> {
    const rows: unknown[] = this.db.prepare("SELECT kind, state FROM tracked_notices WHERE tracked_id = ?").all(id);
    return Object.fromEntries(rows.map((row) => z.object({ kind: z.enum(NOTICE_KINDS), state: z.string() }).parse(row)).map((n) => [n.kind, n.state]));
  }

  private require(id: number): TrackedRecord {
    const record = this.get(id);
    if (!record) throw new Error(`tracked resource ${id} vanished`);
    return record;
  }

  private all(sql: string, ...params: SqlValue[]): TrackedRecord[] {
    const rows: unknown[] = this.db.prepare(sql).all(...params);
    return rows.map(toRecord);
  }
}

/**
 * A describe that started before another process saved a newer answer must not put the older one
 * back: two replicas describing one resource can save out of order. A finished record never goes
 * back to running, and a snapshot SageMaker last modified earlier than the stored one is stale.
 */
function isOlderThanStored(status: ResourceStatus, current: { snapshot: string | null; finished_at: string | null }): boolean {
  if (current.snapshot === null) return false;
  if (current.finished_at !== null && status.phase === "running") return true;
  const stored = ResourceStatusSchema.safeParse(JSON.parse(current.snapshot));
  if (!stored.success || stored.data.lastModified === undefined || status.lastModified === undefined) return false;
  return Date.parse(status.lastModified) < Date.parse(stored.data.lastModified);
}

