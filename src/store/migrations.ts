/**
 * Numbered schema migrations. Append only: a released migration is never edited, since
 * databases in the field have already applied it (their `user_version` says how far).
 */
export interface Migration {
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
];
