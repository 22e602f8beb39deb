import type { AnnouncementStore } from "../actions/version-announcer.js";
import type { Db } from "./db.js";

/** Which versions of each group were announced where, and how far each group has been read. */
export class SqlAnnouncementStore implements AnnouncementStore {
  constructor(private readonly db: Db) {}

  position(group: string): number | undefined {
    const row = this.db.prepare("SELECT version FROM version_positions WHERE model_group = ?").get(group) as { version: number } | undefined;
    return row?.version;
  }

  advance(group: string, version: number, now: Date): void {
    // Only ever forward: a slower process that read an older list cannot move it back.
    this.db
      .prepare("INSERT INTO version_positions (model_group, version, updated_at) VALUES (?, ?, ?) ON CONFLICT (model_group) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at WHERE excluded.version > version_positions.version")
      .run(group, version, now.toISOString());
  }

  claim(group: string, channel: string, version: number, now: Date, staleBefore: Date): boolean {
    // One row per announcement: a claim whose post never got out may be taken again once stale.
    const result = this.db
      .prepare(
        "INSERT INTO version_announcements (model_group, channel, version, announced_at) VALUES (?, ?, ?, ?) ON CONFLICT (model_group, channel, version) DO UPDATE SET announced_at = excluded.announced_at WHERE version_announcements.message_ts IS NULL AND version_announcements.announced_at < ?",
      )
      .run(group, channel, version, now.toISOString(), staleBefore.toISOString());
    return result.changes === 1;
  }

  posted(group: string, channel: string, version: number, ts: string): void {
    this.db.prepare("UPDATE version_announcements SET message_ts = ? WHERE model_group = ? AND channel = ? AND version = ?").run(ts, group, channel, version);
  }

  announced(group: string, channel: string, version: number): boolean {
    const row = this.db.prepare("SELECT message_ts FROM version_announcements WHERE model_group = ? AND channel = ? AND version = ?").get(group, channel, version) as { message_ts: string | null } | undefined;
    return typeof row?.message_ts === "string";
  }
}
