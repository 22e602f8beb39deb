import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

/** Opens (creating if needed) the SQLite store and brings its schema up to date. */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}

/**
 * Applies the numbered migrations not yet applied, each in its own transaction. The version is
 * read inside a write transaction, so two processes opening a new file at once take turns: the
 * second sees what the first applied and does not apply it again.
 */
export function migrate(db: Db): number {
  let applied = 0;
  for (const migration of MIGRATIONS) {
    const ran = db
      .transaction(() => {
        if (Number(db.pragma("user_version", { simple: true })) >= migration.version) return false;
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
        return true;
      })
      .immediate();
    if (ran) applied += 1;
  }
  return applied;
}

export function schemaVersion(db: Db): number {
  return Number(db.pragma("user_version", { simple: true }));
}
