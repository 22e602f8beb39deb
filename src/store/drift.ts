/**
 * Drift watching's state in SQLite (migration 4). A run is claimed and its deliveries queued in one
 * transaction; a delivery is leased before it is sent, so two processes never send it together,
 * and one whose sender died is sent again once its lease runs out.
 */

import type { DriftAlertRecord, DriftStore, DriftSubscription, DueDelivery } from "../watch/drift-store.js";
import type { DriftFinding, MonitorType } from "../watch/finding.js";
import type { Db } from "./db.js";

/** Attempts at one delivery before it is given up (Slack kept refusing it). */
const MAX_ATTEMPTS = 5;

interface AlertRow {
  id: number;
  endpoint: string;
  monitor_type: MonitorType;
  channel: string;
  subjects_key: string;
  message_ts: string | null;
  first_at: string;
  last_at: string;
  runs: number;
  open: number;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  finding: string;
}

function toAlert(row: AlertRow): DriftAlertRecord {
  return {
    id: row.id,
    endpoint: row.endpoint,
    monitorType: row.monitor_type,
    channel: row.channel,
    subjectsKey: row.subjects_key,
    messageTs: row.message_ts ?? undefined,
    firstAt: row.first_at,
    lastAt: row.last_at,
    runs: row.runs,
    open: row.open === 1,
    acknowledgedBy: row.acknowledged_by ?? undefined,
    acknowledgedAt: row.acknowledged_at ?? undefined,
    finding: JSON.parse(row.finding) as DriftFinding,
  };
}

export class SqlDriftStore implements DriftStore {
  constructor(private readonly db: Db) {}

  subscribe(endpoint: string, channel: string, by: string, now: Date): boolean {
    return this.db.prepare("INSERT INTO drift_subscriptions (endpoint, channel, created_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING").run(endpoint, channel, by, now.toISOString()).changes === 1;
  }

  unsubscribe(endpoint: string, channel: string): boolean {
    return this.db.prepare("DELETE FROM drift_subscriptions WHERE endpoint = ? AND channel = ?").run(endpoint, channel).changes === 1;
  }

  subscriptions(filter: { endpoint?: string; channel?: string } = {}): DriftSubscription[] {
    const rows = this.db
      .prepare("SELECT endpoint, channel, created_by, created_at FROM drift_subscriptions WHERE (CAST(? AS TEXT) IS NULL OR endpoint = ?) AND (CAST(? AS TEXT) IS NULL OR channel = ?) ORDER BY endpoint, channel")
      .all(filter.endpoint ?? null, filter.endpoint ?? null, filter.channel ?? null, filter.channel ?? null) as { endpoint: string; channel: string; created_by: string; created_at: string }[];
    return rows.map((row) => ({ endpoint: row.endpoint, channel: row.channel, by: row.created_by, at: row.created_at }));
  }

  position(source: string): string | undefined {
    const row = this.db.prepare("SELECT run_at FROM drift_positions WHERE source = ?").get(source) as { run_at: string } | undefined;
    return row?.run_at;
  }

  setPosition(source: string, runAt: string): void {
    this.db.prepare("INSERT INTO drift_positions (source, run_at) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET run_at = excluded.run_at").run(source, runAt);
  }

  claimRun(source: string, finding: DriftFinding, channels: readonly string[], now: Date): boolean {
    return this.db.transaction(() => {
      const claimed = this.db
        .prepare("INSERT INTO drift_runs (source, run_id, endpoint, status, run_at, handled_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .run(source, finding.runId, finding.endpoint, finding.status, finding.runAt, now.toISOString()).changes === 1;
      if (!claimed) return false;
      const queue = this.db.prepare("INSERT INTO drift_outbox (source, run_id, channel, finding, state, updated_at) VALUES (?, ?, ?, ?, 'due', ?) ON CONFLICT DO NOTHING");
      for (const channel of new Set(channels)) queue.run(source, finding.runId, channel, JSON.stringify(finding), now.toISOString());
      return true;
    })();
  }

  claimedRun(source: string, runId: string): boolean {
    return this.db.prepare("SELECT 1 FROM drift_runs WHERE source = ? AND run_id = ?").get(source, runId) !== undefined;
  }

  claimDue(now: Date, leaseMs: number, limit: number): DueDelivery[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare("SELECT id, source, channel, finding, attempts FROM drift_outbox WHERE state = 'due' OR (state = 'sending' AND lease_until < ?) ORDER BY id LIMIT ?")
        .all(now.toISOString(), limit) as { id: number; source: string; channel: string; finding: string; attempts: number }[];
      const lease = this.db.prepare("UPDATE drift_outbox SET state = 'sending', lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?");
      const until = new Date(now.getTime() + leaseMs).toISOString();
      for (const row of rows) lease.run(until, now.toISOString(), row.id);
      return rows.map((row) => ({ id: row.id, source: row.source, channel: row.channel, finding: JSON.parse(row.finding) as DriftFinding, attempts: row.attempts + 1 }));
    })();
  }

  settleDelivery(id: number, outcome: "sent" | "retry" | "skipped", now: Date): void {
    this.db
      .prepare("UPDATE drift_outbox SET state = CASE WHEN ? = 'retry' AND attempts < ? THEN 'due' WHEN ? = 'retry' THEN 'abandoned' ELSE ? END, lease_until = NULL, updated_at = ? WHERE id = ?")
      .run(outcome, MAX_ATTEMPTS, outcome, outcome, now.toISOString(), id);
  }

  latestAlert(source: string, endpoint: string, monitorType: MonitorType, channel: string): DriftAlertRecord | undefined {
    const row = this.db.prepare("SELECT * FROM drift_alerts WHERE source = ? AND endpoint = ? AND monitor_type = ? AND channel = ? ORDER BY id DESC LIMIT 1").get(source, endpoint, monitorType, channel) as AlertRow | undefined;
    return row ? toAlert(row) : undefined;
  }

  alert(id: number): DriftAlertRecord | undefined {
    const row = this.db.prepare("SELECT * FROM drift_alerts WHERE id = ?").get(id) as AlertRow | undefined;
    return row ? toAlert(row) : undefined;
  }

  recordAlert(source: string, finding: DriftFinding, channel: string, subjectsKey: string, now: Date): DriftAlertRecord {
    const inserted = this.db
      .prepare("INSERT INTO drift_alerts (source, endpoint, monitor_type, channel, subjects_key, first_at, last_at, finding) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
      .get(source, finding.endpoint, finding.monitorType, channel, subjectsKey, now.toISOString(), now.toISOString(), JSON.stringify(finding)) as { id: number };
    const stored = this.alert(Number(inserted.id));
    if (!stored) throw new Error("a drift alert was not stored");
    return stored;
  }

  setAlertMessage(id: number, messageTs: string): void {
    this.db.prepare("UPDATE drift_alerts SET message_ts = ? WHERE id = ?").run(messageTs, id);
  }

  repeatAlert(id: number, finding: DriftFinding, now: Date): DriftAlertRecord | undefined {
    this.db.prepare("UPDATE drift_alerts SET runs = runs + 1, last_at = ?, finding = ? WHERE id = ?").run(now.toISOString(), JSON.stringify(finding), id);
    return this.alert(id);
  }

  closeAlert(id: number): void {
    this.db.prepare("UPDATE drift_alerts SET open = 0 WHERE id = ?").run(id);
  }

  acknowledge(id: number, by: string, now: Date): DriftAlertRecord | undefined {
    this.db.prepare("UPDATE drift_alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_by IS NULL").run(by, now.toISOString(), id);
    return this.alert(id);
  }

  mute(endpoint: string, monitorType: MonitorType, channel: string, by: string, until: Date): void {
    this.db
      .prepare("INSERT INTO drift_mutes (endpoint, monitor_type, channel, muted_by, until) VALUES (?, ?, ?, ?, ?) ON CONFLICT (endpoint, monitor_type, channel) DO UPDATE SET muted_by = excluded.muted_by, until = excluded.until")
      .run(endpoint, monitorType, channel, by, until.toISOString());
  }

  mutedUntil(endpoint: string, monitorType: MonitorType, channel: string, now: Date): { by: string; until: string } | undefined {
    const row = this.db.prepare("SELECT muted_by, until FROM drift_mutes WHERE endpoint = ? AND monitor_type = ? AND channel = ? AND until > ?").get(endpoint, monitorType, channel, now.toISOString()) as
      | { muted_by: string; until: string }
      | undefined;
    return row ? { by: row.muted_by, until: row.until } : undefined;
  }
}
