/**
 * Counts read for the metrics at scrape time (src/metrics/): plans by status and the tracked
 * resources still followed. Plain SELECT ... GROUP BY, nothing engine-specific; a count that
 * comes back as text or a bigint is read as a number.
 */
import { z } from "zod";
import type { Db } from "./db.js";

const StatusCount = z.object({ status: z.string(), count: z.coerce.number() });
const Count = z.object({ count: z.coerce.number() });

/** How many plans the store holds in each status (statuses with none are absent). */
export function planCountsByStatus(db: Db): Map<string, number> {
  const rows: unknown[] = db.prepare("SELECT status, COUNT(*) AS count FROM plans GROUP BY status").all();
  return new Map(rows.map((row) => StatusCount.parse(row)).map((row) => [row.status, row.count]));
}

/** Tracked resources not finished: what the tracker follows. */
export function followedResourceCount(db: Db): number {
  const row: unknown = db.prepare("SELECT COUNT(*) AS count FROM tracked_resources WHERE finished_at IS NULL").get();
  return Count.parse(row).count;
}
