import type { ClickInbox, PendingClick } from "../actions/ports.js";
import type { Db } from "./db.js";

/** Plan button presses in SQLite (migration 5): written before Slack gets its 200, marked done once carried out. */
export class SqliteClickInbox implements ClickInbox {
  constructor(private readonly db: Db) {}

  record(click: PendingClick, now: Date): boolean {
    return this.db.prepare("INSERT OR IGNORE INTO plan_clicks (id, step, plan_id, user_id, received_at) VALUES (?, ?, ?, ?, ?)").run(click.id, click.step, click.planId, click.userId, now.toISOString()).changes === 1;
  }

  done(id: string, now: Date): void {
    this.db.prepare("UPDATE plan_clicks SET done_at = ? WHERE id = ? AND done_at IS NULL").run(now.toISOString(), id);
  }

  claimUnfinished(olderThan: Date, now: Date, leaseMs: number): PendingClick[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare("SELECT id, step, plan_id, user_id FROM plan_clicks WHERE done_at IS NULL AND received_at < ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY received_at")
        .all(olderThan.toISOString(), now.toISOString()) as { id: string; step: PendingClick["step"]; plan_id: string; user_id: string }[];
      const lease = this.db.prepare("UPDATE plan_clicks SET lease_until = ? WHERE id = ?");
      const until = new Date(now.getTime() + leaseMs).toISOString();
      for (const row of rows) lease.run(until, row.id);
      return rows.map((row) => ({ id: row.id, step: row.step, planId: row.plan_id, userId: row.user_id }));
    })();
  }
}
