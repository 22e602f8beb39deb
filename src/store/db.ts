/**
 * The store's database: SQLite (the embedded default, `SAGEOPS_DB`) or PostgreSQL
 * (`SAGEOPS_DATABASE_URL`, for several replicas), behind one synchronous interface. Every store
 * writes portable SQL (`?` placeholders, `ON CONFLICT`, `RETURNING`), so the same statements,
 * the same migrations and the same compare-and-set semantics hold on both.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";
import { openPostgres } from "./postgres.js";

export type SqlValue = string | number | bigint | null;

export interface Statement {
  get(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): unknown[];
  /** `changes`: the rows the statement inserted, updated or deleted. */
  run(...params: SqlValue[]): { changes: number };
}

export interface Db {
  readonly kind: "sqlite" | "postgres";
  prepare(sql: string): Statement;
  /**
   * `fn` as one transaction: all of it or none. On PostgreSQL it runs serializable and is run
   * again when the database says another transaction got in the way, so it must only touch the store.
   */
  transaction<T>(fn: () => T): () => T;
  /** Statements without parameters, one after another (migrations). */
  exec(sql: string): void;
  /** Closes the connection; closing again does nothing. */
  close(): void;
}

/** better-sqlite3 behind the store's interface. */
class SqliteDb implements Db {
  readonly kind = "sqlite";

  constructor(private readonly db: Database.Database) {}

  prepare(sql: string): Statement {
    const statement = this.db.prepare(sql);
    return {
      get: (...params) => statement.get(...params),
      all: (...params) => statement.all(...params),
      run: (...params) => ({ changes: statement.run(...params).changes }),
    };
  }

  transaction<T>(fn: () => T): () => T {
    // IMMEDIATE: the write lock is taken at BEGIN, so two processes never both read and then both write.
    const run = this.db.transaction(fn);
    return () => run.immediate();
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  schemaVersion(): number {
    return Number(this.db.pragma("user_version", { simple: true }));
  }

  setSchemaVersion(version: number): void {
    this.db.pragma(`user_version = ${version}`);
  }
}

/** Opens (creating if needed) the SQLite store and brings its schema up to date. */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  const db = new SqliteDb(sqlite);
  migrate(db);
  return db;
}

/** Connects to the PostgreSQL store and brings its schema up to date; throws when it cannot be reached. */
export function openPostgresDatabase(url: string, options: { queryTimeoutMs?: number } = {}): Db {
  const db = openPostgres(url, options);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

const SCHEMA_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS sageops_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)";
/** Any number both sides agree on: the lock that keeps two replicas from migrating at once. */
const MIGRATION_LOCK = 7_061_001;

function schemaVersionOf(db: Db): number {
  if (db instanceof SqliteDb) return db.schemaVersion();
  const row = db.prepare("SELECT version FROM sageops_schema WHERE id = 1").get() as { version: number } | undefined;
  return row?.version ?? 0;
}

function setSchemaVersion(db: Db, version: number): void {
  if (db instanceof SqliteDb) db.setSchemaVersion(version);
  else db.prepare("INSERT INTO sageops_schema (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version").run(version);
}

/**
 * Applies the numbered migrations not yet applied, each in its own transaction. The version is
 * read inside that transaction with the write lock held (SQLite's IMMEDIATE, a PostgreSQL advisory
 * lock), so two processes opening a new store at once take turns: the second sees what the first
 * applied and does not apply it again.
 */
export function migrate(db: Db): number {
  if (db.kind === "sqlite") return applyMigrations(db);
  // Held for the whole run, and taken before any transaction's snapshot, so the second replica reads the first's work.
  db.prepare("SELECT pg_advisory_lock(?)").get(MIGRATION_LOCK);
  try {
    db.exec(SCHEMA_VERSION_TABLE);
    return applyMigrations(db);
  } finally {
    db.prepare("SELECT pg_advisory_unlock(?)").get(MIGRATION_LOCK);
  }
}

function applyMigrations(db: Db): number {
  let applied = 0;
  for (const migration of MIGRATIONS) {
    const ran = db.transaction(() => {
      if (schemaVersionOf(db) >= migration.version) return false;
      db.exec(migration.sql);
      setSchemaVersion(db, migration.version);
      return true;
    })();
    if (ran) applied += 1;
  }
  return applied;
}

export function schemaVersion(db: Db): number {
  return schemaVersionOf(db);
}
