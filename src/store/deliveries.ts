import type { Db } from "./db.js";

/**
 * Remembers Slack deliveries already handled (event ids, interaction ids), so a retry or a
 * second bot process sharing the database does not act twice.
 */
export class DeliveryLedger {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** True the first time an id is claimed, false ever after. */
  claim(id: string): boolean {
    const info = this.db.prepare("INSERT OR IGNORE INTO processed_deliveries (id, at) VALUES (?, ?)").run(id, this.now().toISOString());
    return info.changes === 1;
  }

  /** Forget deliveries older than Slack's retry window. */
  prune(olderThan: Date): number {
    return this.db.prepare("DELETE FROM processed_deliveries WHERE at < ?").run(olderThan.toISOString()).changes;
  }
}
