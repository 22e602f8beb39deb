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
  {
    version: 4,
    name: "drift subscriptions, source positions, handled runs, the alert outbox, alerts and mutes",
    sql: `
      CREATE TABLE drift_subscriptions (
        endpoint TEXT NOT NULL,
        channel TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (endpoint, channel)
      );
      CREATE TABLE drift_positions (
        source TEXT PRIMARY KEY,
        run_at TEXT NOT NULL
      );
      CREATE TABLE drift_runs (
        source TEXT NOT NULL,
        run_id TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        status TEXT NOT NULL,
        run_at TEXT NOT NULL,
        handled_at TEXT NOT NULL,
        PRIMARY KEY (source, run_id)
      );
      CREATE TABLE drift_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        run_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        finding TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        lease_until TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (source, run_id, channel)
      );
      CREATE INDEX drift_outbox_due ON drift_outbox (state, lease_until);
      CREATE TABLE drift_alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        monitor_type TEXT NOT NULL,
        channel TEXT NOT NULL,
        subjects_key TEXT NOT NULL,
        message_ts TEXT,
        first_at TEXT NOT NULL,
        last_at TEXT NOT NULL,
        runs INTEGER NOT NULL DEFAULT 1,
        open INTEGER NOT NULL DEFAULT 1,
        acknowledged_by TEXT,
        acknowledged_at TEXT,
        finding TEXT NOT NULL
      );
      CREATE INDEX drift_alerts_latest ON drift_alerts (source, endpoint, monitor_type, channel, id);
      CREATE TABLE drift_mutes (
        endpoint TEXT NOT NULL,
        monitor_type TEXT NOT NULL,
        channel TEXT NOT NULL,
        muted_by TEXT NOT NULL,
        until TEXT NOT NULL,
        PRIMARY KEY (endpoint, monitor_type, channel)
      );
    `,
  },
  {
    version: 5,
    name: "plan button presses recorded before Slack is answered, and where each approval request was posted",
    sql: `
      CREATE TABLE plan_clicks (
        id TEXT PRIMARY KEY,
        step TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        lease_until TEXT,
        done_at TEXT
      );
      CREATE INDEX plan_clicks_unfinished ON plan_clicks (done_at, received_at);
      ALTER TABLE plans ADD COLUMN approval_request_ts TEXT;
      -- Plans already waiting were asked before this column existed: not asked twice.
      UPDATE plans SET approval_request_ts = 'before-migration-5' WHERE status = 'confirmed';
    `,
  },
  {
    version: 6,
    name: "every Slack request recorded before it is answered, replacing the press and delivery tables",
    sql: `
      CREATE TABLE slack_requests (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        received_at TEXT NOT NULL,
        lease_until TEXT NOT NULL,
        done_at TEXT
      );
      CREATE INDEX slack_requests_unfinished ON slack_requests (done_at, lease_until);
      CREATE INDEX slack_requests_received ON slack_requests (received_at);
      -- Presses recorded but not carried out have no request body to replay: they are given up.
      DROP TABLE plan_clicks;
      DROP TABLE processed_deliveries;
    `,
  },
  {
    version: 7,
    name: "who is posting a tracked resource's status message",
    sql: `
      ALTER TABLE tracked_resources ADD COLUMN message_claimed_at TEXT;
    `,
  },
  {
    version: 8,
    name: "which reading was picked when the bot asked back",
    sql: `
      CREATE TABLE choices_made (
        message_key TEXT PRIMARY KEY,
        click_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        choice TEXT NOT NULL,
        made_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 9,
    name: "the last turns of each thread the bot talks in, for the language model's context",
    sql: `
      CREATE TABLE thread_turns (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        thread_ts TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        text TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX thread_turns_thread ON thread_turns (channel, thread_ts, id);
    `,
  },
  {
    version: 10,
    name: "new model versions announced, per group and channel",
    sql: `
      CREATE TABLE version_announcements (
        model_group TEXT NOT NULL,
        channel TEXT NOT NULL,
        version INTEGER NOT NULL,
        message_ts TEXT,
        announced_at TEXT NOT NULL,
        PRIMARY KEY (model_group, channel, version)
      );
      CREATE TABLE version_positions (
        model_group TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 11,
    name: "leases: which process runs the watchers",
    sql: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `,
  },
];
