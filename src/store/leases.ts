import type { Db } from "./db.js";

/**
 * Named leases in the store: one holder at a time, until it lets go or stops renewing. Taking and
 * renewing is one conditional upsert, so of two processes asking at once exactly one gets it.
 */
export class SqlLeases {
  constructor(private readonly db: Db) {}

  /** True when `holder` holds the lease until `now + ttlMs`: it was free, had run out, or was already its own. */
  hold(name: string, holder: string, now: Date, ttlMs: number): boolean {
    const until = new Date(now.getTime() + ttlMs).toISOString();
    return (
      this.db
        .prepare(
          "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at WHERE leases.holder = excluded.holder OR leases.expires_at < ?",
        )
        .run(name, holder, until, now.toISOString()).changes === 1
    );
  }

  /** Lets go, so another process may take it at once (a clean shutdown). */
  release(name: string, holder: string): void {
    this.db.prepare("DELETE FROM leases WHERE name = ? AND holder = ?").run(name, holder);
  }

  /** Who holds it now, if anyone. */
  holder(name: string, now: Date): string | undefined {
    const row = this.db.prepare("SELECT holder FROM leases WHERE name = ? AND expires_at >= ?").get(name, now.toISOString()) as { holder: string } | undefined;
    return row?.holder;
  }
}
