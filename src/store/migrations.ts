/**
 * Numbered schema migrations. Append only: a released migration is never edited, since
 * databases in the field have already applied it (their `user_version` says how far).
 */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "audit log and processed Slack deliveries",
    sql: `
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        channel TEXT,
        kind TEXT NOT NULL,
        subject TEXT,
        outcome TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX audit_at ON audit (at);
      CREATE TABLE processed_deliveries (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "plans, approvals and workspace settings",
    sql: `
      CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        requester TEXT NOT NULL,
        channel TEXT NOT NULL,
        resource_name TEXT NOT NULL,
        body TEXT NOT NULL,
        message_ts TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT,
        expires_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        outcome TEXT,
        acted_by TEXT,
        track TEXT
      );
      CREATE INDEX plans_status ON plans (status);
      CREATE INDEX plans_requester ON plans (requester, status);
      CREATE INDEX plans_resource ON plans (resource_name);
      CREATE TABLE plan_approvals (
        plan_id TEXT NOT NULL REFERENCES plans (id),
        user_id TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (plan_id, user_id)
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT
      );
    `,
  },
  {
    version: 3,
    name: "tracked resources and their final notices",
    sql: `
      CREATE TABLE tracked_resources (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        arn TEXT,
        plan_id TEXT,
        requester TEXT NOT NULL,
        channel TEXT NOT NULL,
        thread_ts TEXT,
        alert_channel TEXT,
        region TEXT NOT NULL,
        status TEXT,
        secondary_status TEXT,
        phase TEXT,
        snapshot TEXT,
        version INTEGER NOT NULL DEFAULT 0,
        published_version INTEGER NOT NULL DEFAULT 0,
        message_ts TEXT,
        tracked_at TEXT NOT NULL,
        checked_at TEXT,
        changed_at TEXT,
        finished_at TEXT,
        misses INTEGER NOT NULL DEFAULT 0,
        UNIQUE (type, name)
      );
      CREATE INDEX tracked_finished ON tracked_resources (finished_at);
      CREATE INDEX tracked_requester ON tracked_resources (requester, tracked_at);
      CREATE INDEX tracked_channel ON tracked_resources (channel, finished_at);
      CREATE TABLE tracked_notices (
        tracked_id INTEGER NOT NULL REFERENCES tracked_resources (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (tracked_id, kind)
      );
    `,
  },
];
