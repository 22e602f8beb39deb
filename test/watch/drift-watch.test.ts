import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { type Db, openDatabase, openPostgresDatabase } from "../../src/store/db.js";
import { SqlDriftStore } from "../../src/store/drift.js";
import type { DriftAlertRecord } from "../../src/watch/drift-store.js";
import { type DriftReporter, type DriftSource, DriftWatcher } from "../../src/watch/drift-watch.js";
import type { DriftFinding, FindingStatus, MonitorType } from "../../src/watch/finding.js";
import { START_MS } from "../support/constants.js";
import { ManualClock } from "../support/manual-clock.js";
import { freshPostgresStore } from "../support/postgres.js";

const HOUR = 3600_000;

/** A run as a source reports it, `hoursAfterStart` after the start instant. */
function run(id: string, hoursAfterStart: number, status: FindingStatus = "violations", options: { monitorType?: MonitorType; feature?: string } = {}): DriftFinding {
  return {
    endpoint: "churn-prod",
    monitorType: options.monitorType ?? "data-quality",
    source: { kind: "model-monitor", schedule: "churn-prod-data-quality" },
    runId: id,
    runAt: new Date(START_MS + hoursAfterStart * HOUR).toISOString(),
    status,
    violations: status === "violations" ? [{ subject: { kind: "feature", name: options.feature ?? "monthly_charges" }, checkType: "baseline_drift_check", description: "Baseline drift distance: 0.3 exceeds threshold: 0.1" }] : [],
    unrecognisedCount: 0,
    distributions: [],
    ...(status === "failed" ? { reason: "ClientError: no data captured" } : {}),
  };
}

/** A source whose runs a test adds as time goes on; it counts its List calls. */
class ScriptedSource implements DriftSource {
  readonly key = "model-monitor:churn-prod";
  readonly endpoint = "churn-prod";
  runs: DriftFinding[] = [];
  lists = 0;
  reads: string[] = [];
  async finishedRuns(after: Date | undefined, handled: (runId: string) => boolean): Promise<{ findings: DriftFinding[] }> {
    this.lists += 1;
    const fresh = this.runs.filter((r) => (!after || Date.parse(r.runAt) > after.getTime() - 1000) && !handled(r.runId));
    this.reads.push(...fresh.map((r) => r.runId));
    return { findings: fresh };
  }
}

class RecordingReporter implements DriftReporter {
  alerts: DriftAlertRecord[] = [];
  repeats: DriftAlertRecord[] = [];
  normal: string[] = [];
  failNext = 0;
  async alert(alert: DriftAlertRecord): Promise<{ ts: string }> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error("Slack answered 500");
    }
    this.alerts.push(alert);
    return { ts: `1795683600.${String(this.alerts.length).padStart(6, "0")}` };
  }
  async repeat(alert: DriftAlertRecord): Promise<void> {
    this.repeats.push(alert);
  }
  async backToNormal(alert: DriftAlertRecord): Promise<void> {
    this.normal.push(alert.channel);
  }
}

/** A new store on a backend, from which each "process" opens its own connection. */
type NewStore = () => () => Db;
const adminUrl = inject("postgresAdminUrl");
const BACKENDS: [string, NewStore][] = [
  [
    "SQLite",
    () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sageops-drift-")), "sageops.db");
      return () => openDatabase(file);
    },
  ],
  ...(adminUrl
    ? [
        [
          "PostgreSQL",
          () => {
            const { url, db } = freshPostgresStore(adminUrl);
            db.close();
            return () => openPostgresDatabase(url);
          },
        ] as [string, NewStore],
      ]
    : []),
];

function world(open: () => Db, source = new ScriptedSource(), clock = new ManualClock()) {
  const store = new SqlDriftStore(open());
  const reporter = new RecordingReporter();
  const watcher = new DriftWatcher({ store, sources: () => [source], channelsFor: () => ["C0ALERTS", "C0MLOPS"], reporter, clock });
  return { store, reporter, watcher, source, clock };
}

describe.each(BACKENDS)("drift watching (%s)", (_name, newStore) => {
  it("alerts each channel once per violating run, and a later round claims nothing again", async () => {
    const w = world(newStore());
    w.source.runs.push(run("job-1", -1));
    expect(await w.watcher.checkOnce()).toMatchObject({ claimed: 1, delivered: 2 });
    expect(w.reporter.alerts.map((a) => a.channel).sort()).toEqual(["C0ALERTS", "C0MLOPS"]);
    w.clock.advance(HOUR);
    expect(await w.watcher.checkOnce()).toMatchObject({ claimed: 0, delivered: 0 });
    expect(w.reporter.alerts).toHaveLength(2);
    expect(w.source.reads).toEqual(["job-1"]);
  });

  it("the first read tells only the latest run of each monitor, not a day of history", async () => {
    const w = world(newStore());
    w.source.runs.push(run("old", -5, "violations", { feature: "tenure_months" }), run("newest", -1), run("bias", -2, "violations", { monitorType: "model-bias" }));
    await w.watcher.checkOnce();
    expect(w.reporter.alerts.filter((a) => a.channel === "C0ALERTS").map((a) => a.finding.runId).sort()).toEqual(["bias", "newest"]);
  });

  it("the same violations within a day are a repeat of the first alert; a clean run then says back to normal, once", async () => {
    const w = world(newStore());
    w.source.runs.push(run("r1", -1));
    await w.watcher.checkOnce();
    w.clock.advance(HOUR);
    w.source.runs.push(run("r2", 0.5));
    await w.watcher.checkOnce();
    expect(w.reporter.alerts).toHaveLength(2);
    expect(w.reporter.repeats.map((a) => [a.channel, a.runs])).toEqual(expect.arrayContaining([["C0ALERTS", 2], ["C0MLOPS", 2]]));
    w.clock.advance(HOUR);
    w.source.runs.push(run("r3", 1.5, "clean"));
    await w.watcher.checkOnce();
    expect(w.reporter.normal.sort()).toEqual(["C0ALERTS", "C0MLOPS"]);
    w.clock.advance(HOUR);
    w.source.runs.push(run("r4", 2.5, "clean"));
    await w.watcher.checkOnce();
    expect(w.reporter.normal).toHaveLength(2);
  });

  it("a failed run is its own alert, a monitoring failure with its reason, not drift", async () => {
    const w = world(newStore());
    w.source.runs.push(run("f1", -1, "failed"));
    await w.watcher.checkOnce();
    expect(w.reporter.alerts[0]?.finding).toMatchObject({ status: "failed", reason: "ClientError: no data captured" });
  });

  it("a muted endpoint and monitor in a channel posts nothing there until the mute ends", async () => {
    const w = world(newStore());
    w.store.mute("churn-prod", "data-quality", "C0ALERTS", "U0ENGINEER", new Date(START_MS + 24 * HOUR));
    w.source.runs.push(run("m1", -1));
    await w.watcher.checkOnce();
    expect(w.reporter.alerts.map((a) => a.channel)).toEqual(["C0MLOPS"]);
  });

  it("a delivery Slack refused is sent again next round, once", async () => {
    const w = world(newStore());
    w.reporter.failNext = 1;
    w.source.runs.push(run("x1", -1));
    expect(await w.watcher.checkOnce()).toMatchObject({ delivered: 1, failed: 1 });
    expect(await w.watcher.checkOnce()).toMatchObject({ delivered: 1, failed: 0 });
    expect(w.reporter.alerts.map((a) => a.channel).sort()).toEqual(["C0ALERTS", "C0MLOPS"]);
  });

  it("a restart neither re-alerts nor misses a run that finished while it was down; two watchers on one database alert once", async () => {
    const open = newStore();
    const source = new ScriptedSource();
    const clock = new ManualClock();
    const first = world(open, source, clock);
    source.runs.push(run("before", -1));
    await first.watcher.checkOnce();
    expect(first.reporter.alerts).toHaveLength(2);
    // Down for two hours; a run with other violations finishes meanwhile.
    clock.advance(2 * HOUR);
    source.runs.push(run("while-down", 1, "violations", { feature: "total_charges" }));
    const second = world(open, source, clock);
    const third = world(open, source, clock);
    await Promise.all([second.watcher.checkOnce(), third.watcher.checkOnce()]);
    const told = [...second.reporter.alerts, ...third.reporter.alerts];
    expect(told.map((a) => `${a.finding.runId}@${a.channel}`).sort()).toEqual(["while-down@C0ALERTS", "while-down@C0MLOPS"]);
  });

  it("costs one List call per source and round, whatever it has already handled", async () => {
    const w = world(newStore());
    for (let i = 0; i < 30; i += 1) w.source.runs.push(run(`r${i}`, -i / 2));
    await w.watcher.checkOnce();
    await w.watcher.checkOnce();
    await w.watcher.checkOnce();
    expect(w.source.lists).toBe(3);
    expect(new Set(w.source.reads).size).toBe(w.source.reads.length);
  });
});
