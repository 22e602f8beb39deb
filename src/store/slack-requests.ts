import type { Db } from "./db.js";

/** One Slack request as it arrived, for handling again after a crash. */
interface StoredRequest {
  id: string;
  body: string;
}

/**
 * Slack requests in SQLite (migration 6): each is written before Slack is answered, leased to the
 * process handling it, and marked done once handled. Two processes sharing the file see one row.
 */
export class SqlRequestInbox {
  constructor(private readonly db: Db) {}

  /**
   * Records a request and leases it to the caller. False when it was seen before and is done, or
   * is being handled under a live lease (a redelivery or a replay); a request whose handler died
   * (lease run out, not done) is leased again to the caller.
   */
  admit(request: StoredRequest, now: Date, leaseMs: number): boolean {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    return this.db.transaction(() => {
      const inserted = this.db.prepare("INSERT INTO slack_requests (id, body, received_at, lease_until) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING").run(request.id, request.body, at, until);
      if (inserted.changes === 1) return true;
      return this.db.prepare("UPDATE slack_requests SET lease_until = ? WHERE id = ? AND done_at IS NULL AND lease_until < ?").run(until, request.id, at).changes === 1;
    })();
  }

  /** Keeps the lease of a request still being handled. */
  renew(id: string, now: Date, leaseMs: number): void {
    this.db.prepare("UPDATE slack_requests SET lease_until = ? WHERE id = ? AND done_at IS NULL").run(new Date(now.getTime() + leaseMs).toISOString(), id);
  }

  done(id: string, now: Date): void {
    this.db.prepare("UPDATE slack_requests SET done_at = ? WHERE id = ? AND done_at IS NULL").run(now.toISOString(), id);
  }

  /** Requests received since `since` whose handler died (not done, lease run out), oldest first. */
  unfinished(since: Date, now: Date): StoredRequest[] {
    return this.db
      .prepare("SELECT id, body FROM slack_requests WHERE done_at IS NULL AND lease_until < ? AND received_at >= ? ORDER BY received_at")
      .all(now.toISOString(), since.toISOString()) as StoredRequest[];
  }

  /** Gives up requests whose handler died before `before` (too old to answer), returning how many. */
  abandonOlderThan(before: Date, now: Date): number {
    return this.db.prepare("UPDATE slack_requests SET done_at = ? WHERE done_at IS NULL AND lease_until < ? AND received_at < ?").run(now.toISOString(), now.toISOString(), before.toISOString()).changes;
  }

  /** Forgets requests older than Slack's retry window. */
  prune(olderThan: Date): number {
    return this.db.prepare("DELETE FROM slack_requests WHERE received_at < ? AND done_at IS NOT NULL").run(olderThan.toISOString()).changes;
  }
}
