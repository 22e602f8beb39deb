import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog } from "../../src/store/audit.js";
import { migrate, openDatabase, schemaVersion } from "../../src/store/db.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { SqlPlanRepository } from "../../src/store/plans.js";
import { SqlRequestInbox } from "../../src/store/slack-requests.js";

describe("the SQLite store", () => {
  it("applies every numbered migration once, in order", () => {
    const db = openDatabase(":memory:");
    expect(schemaVersion(db)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(migrate(db)).toBe(0);
    db.close();
  });

  it("migration versions are strictly increasing", () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it("keeps audit records across a reopen of the file, newest first", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-store-"));
    const file = path.join(dir, "nested", "sageops.db");
    const first = openDatabase(file);
    const audit = new AuditLog(first);
    audit.record({ actor: "U0ENGINEER", channel: "C0MLOPS", kind: "request", subject: "plan-1", outcome: "planned", detail: { recipe: "churn-xgb" } });
    audit.record({ actor: "U0ENGINEER", channel: "C0MLOPS", kind: "confirmation", subject: "plan-1", outcome: "confirmed" });
    first.close();
    const second = openDatabase(file);
    const records = new AuditLog(second).latest(10);
    expect(records.map((r) => r.kind)).toEqual(["confirmation", "request"]);
    expect(records[1]?.detail).toEqual({ recipe: "churn-xgb" });
    second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("leases a Slack request to one connection of two, and to another only once the first one's lease ran out unfinished", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-inbox-"));
    const file = path.join(dir, "sageops.db");
    const a = new SqlRequestInbox(openDatabase(file));
    const b = new SqlRequestInbox(openDatabase(file));
    const at = new Date("2026-12-01T10:00:00Z");
    const later = (ms: number) => new Date(at.getTime() + ms);
    const request = { id: "event:Ev1", body: "{}" };
    expect(a.admit(request, at, 15_000)).toBe(true);
    expect(b.admit(request, later(1_000), 15_000)).toBe(false);
    expect(b.unfinished(at, later(1_000))).toEqual([]);
    // a died holding it: once its lease is over the request is b's, and only b's.
    expect(b.unfinished(at, later(20_000))).toEqual([request]);
    expect(b.admit(request, later(20_000), 15_000)).toBe(true);
    expect(a.admit(request, later(21_000), 15_000)).toBe(false);
    b.done(request.id, later(22_000));
    expect(a.admit(request, later(60_000), 15_000)).toBe(false);
    expect(a.unfinished(at, later(60_000))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("plans shared by two bot processes", () => {
  it("of two processes confirming the same plan at once, exactly one wins each step", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-plans-"));
    const file = path.join(dir, "sageops.db");
    const a = new SqlPlanRepository(openDatabase(file));
    const b = new SqlPlanRepository(openDatabase(file));
    a.insert({ id: "p-000000000000000000000001", kind: "train", requester: "U0ENGINEER", channel: "C0MLOPS", environment: "dev", mode: "live", title: "Train churn-xgb", resourceName: "churn-xgb-1", details: [], steps: [] }, new Date(), 900);
    const confirms = [a.transition("p-000000000000000000000001", ["pending"], "confirmed", new Date()), b.transition("p-000000000000000000000001", ["pending"], "confirmed", new Date())];
    expect(confirms.filter((plan) => plan?.status === "confirmed")).toHaveLength(1);
    a.transition("p-000000000000000000000001", ["confirmed"], "approved", new Date());
    const claims = [b.transition("p-000000000000000000000001", ["approved"], "running", new Date()), a.transition("p-000000000000000000000001", ["approved"], "running", new Date())];
    expect(claims.filter((plan) => plan?.status === "running")).toHaveLength(1);
    expect(b.get("p-000000000000000000000001")?.status).toBe("running");
    expect(a.addApproval("p-000000000000000000000001", "U0APPROVER", new Date())?.approvals).toEqual(["U0APPROVER"]);
    expect(b.addApproval("p-000000000000000000000001", "U0APPROVER", new Date())).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
