/**
 * A real PostgreSQL for the tests: the server named by SAGEOPS_TEST_DATABASE_URL (`.ci/run`
 * starts a throwaway cluster and sets it), else a throwaway cluster started here from Debian's
 * binaries (its own data directory and Unix socket in a temp dir, loopback port, stopped after
 * the run), else none: the PostgreSQL tests are skipped and say why.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Db, openDatabase, openPostgresDatabase } from "../../src/store/db.js";
import { openPostgres } from "../../src/store/postgres.js";

export interface PostgresServer {
  /** A connection URL to the server's maintenance database (for creating databases). */
  adminUrl: string;
  stop(): void;
  /** Stops the server, keeping its data (an outage); `resume` starts it again on the same port. */
  pause?(): void;
  resume?(): void;
}

/** Debian installs the server binaries under /usr/lib/postgresql/<version>/bin, off the PATH. */
function serverBinaries(): string | undefined {
  const onPath = (name: string): string | undefined => {
    try {
      return path.dirname(execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim()) || undefined;
    } catch {
      return undefined;
    }
  };
  const debian = "/usr/lib/postgresql";
  const versions = fs.existsSync(debian) ? fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = path.join(debian, version, "bin");
    if (fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  const initdb = onPath("initdb");
  return initdb && fs.existsSync(path.join(initdb, "pg_ctl")) ? initdb : undefined;
}

/** initdb and the server refuse to run as root: as root, they run as the postgres user Debian's package creates. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ["runuser", ["-u", "postgres", "--", command, ...args]];
}

/** Starts a throwaway cluster; the reason when it cannot. */
export function startThrowawayCluster(port: number): PostgresServer | string {
  const bin = serverBinaries();
  if (!bin) return "no PostgreSQL server binaries (initdb, pg_ctl) on the PATH or under /usr/lib/postgresql/*/bin; install Debian's postgresql package, or set SAGEOPS_TEST_DATABASE_URL";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-pg-"));
  const data = path.join(dir, "data");
  if (process.getuid?.() === 0) {
    try {
      execFileSync("chown", ["postgres:postgres", dir]);
    } catch {
      return "running as root and there is no postgres user to run the server as";
    }
  }
  const run = (command: string, args: string[]): void => {
    const [file, argv] = asServerUser(path.join(bin, command), args);
    execFileSync(file, argv, { stdio: "pipe", cwd: dir });
  };
  try {
    run("initdb", ["-D", data, "-U", "sageops", "--auth=trust", "--no-locale", "--encoding=UTF8"]);
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`, "start"]);
  } catch (error) {
    const log = fs.existsSync(path.join(dir, "server.log")) ? fs.readFileSync(path.join(dir, "server.log"), "utf8").slice(-500) : "";
    return `the throwaway PostgreSQL cluster did not start (${error instanceof Error ? error.message.split("\n")[0] : String(error)}) ${log}`;
  }
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
  return {
    adminUrl: `postgresql://sageops@127.0.0.1:${port}/postgres`,
    pause() {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    },
    resume() {
      run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
    },
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } catch {
        // Already gone.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let created = 0;

/** A new, empty database on the server, with the store's schema: one per test that needs one. */
export function freshPostgresStore(adminUrl: string): { db: Db; url: string } {
  const name = `sageops_test_${process.pid}_${Date.now().toString(36)}_${++created}`;
  const admin = openPostgres(adminUrl);
  try {
    admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { db: openPostgresDatabase(url.toString()), url: url.toString() };
}

/** The store backends a store test runs on: SQLite always, PostgreSQL when the run has a server. */
export function storeBackends(adminUrl: string): [string, () => Db][] {
  const sqlite: [string, () => Db] = ["SQLite", () => openDatabase(":memory:")];
  return adminUrl ? [sqlite, ["PostgreSQL", () => freshPostgresStore(adminUrl).db]] : [sqlite];
}

/** Two connections to one new store, as two replicas would have: SQLite's on one file, PostgreSQL's on one database. */
export function sharedStoreBackends(adminUrl: string): [string, () => [Db, Db]][] {
  const sqlite: [string, () => [Db, Db]] = [
    "SQLite",
    () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sageops-shared-")), "sageops.db");
      return [openDatabase(file), openDatabase(file)];
    },
  ];
  if (!adminUrl) return [sqlite];
  return [
    sqlite,
    [
      "PostgreSQL",
      () => {
        const first = freshPostgresStore(adminUrl);
        return [first.db, openPostgresDatabase(first.url)];
      },
    ],
  ];
}
