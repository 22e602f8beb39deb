import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { type Db, openDatabase } from "../../src/store/db.js";
import { SqlTrackedStore } from "../../src/store/tracked.js";
import type { TrainingStatus } from "../../src/watch/status.js";
import { SEND_LEASE_MS } from "../../src/watch/tracked-store.js";
import { START_DATE, START_MS } from "../support/constants.js";
import { sharedStoreBackends, storeBackends } from "../support/postgres.js";

const at = (seconds: number): Date => new Date(START_MS + seconds * 1000);
const context = { requester: "U0ENGINEER", channel: "C0MLOPS", threadTs: "1764147600.000100", planId: "plan-1", alertChannel: "C0ALERTS", region: "us-east-1" };
const job = { type: "training-job" as const, name: "churn-xgb-1" };

const status = (overrides: Partial<TrainingStatus> = {}): TrainingStatus => ({ type: "training-job", name: "churn-xgb-1", status: "InProgress", phase: "running", secondaryStatus: "Starting", timeline: [], metrics: [], ...overrides });

/** Each backend: one connection to a new store, and two to one new store (two bot processes). */
const adminUrl = inject("postgresAdminUrl");
const BACKENDS = storeBackends(adminUrl).map(([name, one], i): [string, { one: () => Db; two: () => [Db, Db] }] => {
  const shared = sharedStoreBackends(adminUrl)[i];
  if (!shared) throw new Error(`no shared store for ${name}`);
  return [name, { one, two: shared[1] }];
});

describe.each(BACKENDS)("the tracked-resource store (%s)", (name, backend) => {
  const dirs: string[] = [];
  const tempFile = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-tracked-"));
    dirs.push(dir);
    return path.join(dir, "sageops.db");
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  /** Two bot processes' stores on one file, and a job the first is tracking. */
  const twoProcesses = () => {
    const [first, second] = backend.two();
    const a = new SqlTrackedStore(first);
    const b = new SqlTrackedStore(second);
    return { a, b, id: a.track(job, context, START_DATE).record.id };
  };

  it("tracks a resource once, however often a plan asks, and learns its ARN later", () => {
    const store = new SqlTrackedStore(backend.one());
    const first = store.track(job, context, START_DATE);
    const again = store.track({ ...job, arn: "arn:aws:sagemaker:us-east-1:1:training-job/churn-xgb-1" }, context, at(5));
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.record.id).toBe(first.record.id);
    expect(again.record.resource.arn).toBe("arn:aws:sagemaker:us-east-1:1:training-job/churn-xgb-1");
    expect(store.active()).toHaveLength(1);
  });

  it("starts over when a finished endpoint is deployed again by another plan", () => {
    const store = new SqlTrackedStore(backend.one());
    const endpoint = { type: "endpoint" as const, name: "churn-prod" };
    const first = store.track(endpoint, context, START_DATE).record;
    store.saveStatus(first.id, { type: "endpoint", name: "churn-prod", status: "InService", phase: "succeeded", variants: [], timeline: [], rolledBack: false }, at(60), ["reply"]);
    expect(store.track(endpoint, context, at(61)).created).toBe(false);
    const redeploy = store.track(endpoint, { ...context, planId: "plan-2" }, at(120));
    expect(redeploy.created).toBe(true);
    expect(redeploy.record.status).toBeUndefined();
    expect(redeploy.record.finishedAt).toBeUndefined();
    expect(store.dueNotices(redeploy.record.id, at(121))).toEqual([]);
  });

  it("bumps the version only when the snapshot changes, and queues the final notices once", () => {
    const store = new SqlTrackedStore(backend.one());
    const { id } = store.track(job, context, START_DATE).record;
    expect(store.saveStatus(id, status(), at(10), [])).toBe(true);
    expect(store.saveStatus(id, status(), at(20), [])).toBe(false);
    expect(store.get(id)?.version).toBe(1);
    expect(store.get(id)?.checkedAt).toBe(at(20).toISOString());

    const failed = status({ status: "Failed", phase: "failed", secondaryStatus: "Failed", failureReason: "ClientError: Data download failed" });
    expect(store.saveStatus(id, failed, at(30), ["reply", "alert"])).toBe(true);
    expect(store.get(id)?.finishedAt).toBe(at(30).toISOString());
    expect(store.dueNotices(id, at(30))).toEqual(["reply", "alert"]);
    expect(store.active()).toEqual([]);
    expect(store.unpublished(at(30)).map((r) => r.id)).toEqual([id]);

    store.claimNotice(id, "reply", at(31));
    store.settleNotice(id, "reply", "sent", at(32));
    store.saveStatus(id, failed, at(40), ["reply", "alert"]);
    expect(store.dueNotices(id, at(40))).toEqual(["alert"]);
  });

  it("keeps the newer answer when two describes of one resource are saved out of order", () => {
    const store = new SqlTrackedStore(backend.one());
    const { id } = store.track(job, context, START_DATE).record;
    const starting = status({ lastModified: at(10).toISOString() });
    const training = status({ secondaryStatus: "Training", lastModified: at(20).toISOString() });
    expect(store.saveStatus(id, training, at(21), [])).toBe(true);
    expect(store.saveStatus(id, starting, at(22), [])).toBe(false);
    expect(store.get(id)?.status).toEqual(training);
    expect(store.get(id)?.checkedAt).toBe(at(22).toISOString());

    const completed = status({ status: "Completed", phase: "succeeded", secondaryStatus: "Completed", lastModified: at(30).toISOString() });
    store.saveStatus(id, completed, at(31), ["reply"]);
    // A running answer without a modification time still never reopens a finished record.
    expect(store.saveStatus(id, status({ secondaryStatus: "Training" }), at(32), [])).toBe(false);
    expect(store.get(id)?.status).toEqual(completed);
    expect(store.get(id)?.version).toBe(2);
    expect(store.unpublished(at(32)).map((r) => r.status?.status)).toEqual(["Completed"]);
  });

  it("lets only one of two bot processes on the same file claim a final reply", () => {
    const { a, b, id } = twoProcesses();
    a.saveStatus(id, status({ status: "Completed", phase: "succeeded" }), at(600), ["reply"]);
    expect(b.claimNotice(id, "reply", at(601))).toBe(1);
    expect(a.claimNotice(id, "reply", at(601))).toBeUndefined();
    expect(b.dueNotices(id, at(602))).toEqual([]);
  });

  it("lets one of two processes post a record's status message; the other may once the claim ran out, or at once after it was given back", () => {
    const { a, b, id } = twoProcesses();
    expect(a.claimMessage(id, at(10))).toBe(true);
    expect(b.claimMessage(id, at(11))).toBe(false);
    expect(b.claimMessage(id, at(11 + SEND_LEASE_MS / 1000))).toBe(true);
    b.releaseMessage(id);
    expect(a.claimMessage(id, at(12 + SEND_LEASE_MS / 1000))).toBe(true);
    a.setMessage(id, "1764147600.000200");
    expect(b.claimMessage(id, at(1000))).toBe(false);
  });

  it("gives a notice whose sender died holding it to the next claimant once the lease is over, as a second attempt", () => {
    const { a, b, id } = twoProcesses();
    a.saveStatus(id, status({ status: "Completed", phase: "succeeded" }), at(600), ["reply"]);
    expect(a.claimNotice(id, "reply", at(601))).toBe(1);
    // a dies before settling it.
    const leaseOver = 601 + SEND_LEASE_MS / 1000;
    expect(b.dueNotices(id, at(leaseOver - 1))).toEqual([]);
    expect(b.claimNotice(id, "reply", at(leaseOver - 1))).toBeUndefined();
    expect(b.dueNotices(id, at(leaseOver + 1))).toEqual(["reply"]);
    expect(b.claimNotice(id, "reply", at(leaseOver + 1))).toBe(2);
    expect(a.claimNotice(id, "reply", at(leaseOver + 2))).toBeUndefined();
  });

  it("keeps a notice with the sender that renews its claim while the post waits its turn", () => {
    const { a, b, id } = twoProcesses();
    a.saveStatus(id, status({ status: "Completed", phase: "succeeded" }), at(600), ["reply"]);
    expect(a.claimNotice(id, "reply", at(601))).toBe(1);
    const lease = SEND_LEASE_MS / 1000;
    a.renewNotice(id, "reply", at(600 + lease));
    expect(b.nextSendLeaseEnd()).toEqual(at(600 + 2 * lease));
    expect(b.claimNotice(id, "reply", at(602 + lease))).toBeUndefined();
    expect(b.claimNotice(id, "reply", at(601 + 2 * lease))).toBe(2);
  });

  it("retries a notice Slack refused a few times, then gives it up", () => {
    const store = new SqlTrackedStore(backend.one());
    const { id } = store.track(job, context, START_DATE).record;
    store.saveStatus(id, status({ status: "Completed", phase: "succeeded" }), at(600), ["reply"]);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect(store.claimNotice(id, "reply", at(600 + attempt))).toBe(attempt);
      store.settleNotice(id, "reply", "retry", at(600 + attempt));
    }
    expect(store.dueNotices(id, at(700))).toEqual([]);
    expect(store.noticeStates(id)).toEqual({ reply: "abandoned" });
  });

  it.skipIf(name !== "SQLite")("keeps everything across a reopen of the file", () => {
    const file = tempFile();
    const first = openDatabase(file);
    const store = new SqlTrackedStore(first);
    const { id } = store.track(job, context, START_DATE).record;
    store.saveStatus(id, status({ secondaryStatus: "Training" }), at(100), []);
    store.setMessage(id, "1764147700.000200");
    store.setPublished(id, 1);
    first.close();

    const reopened = new SqlTrackedStore(openDatabase(file)).get(id);
    expect(reopened?.context).toEqual(context);
    expect(reopened?.messageTs).toBe("1764147700.000200");
    expect(reopened?.status?.type === "training-job" && reopened.status.secondaryStatus).toBe("Training");
    expect(reopened?.publishedVersion).toBe(1);
  });

  it("finds a person's and a channel's running resources, and their recent ones", () => {
    const store = new SqlTrackedStore(backend.one());
    const mine = store.track(job, context, START_DATE).record;
    store.track({ type: "endpoint", name: "churn-prod" }, { ...context, requester: "U0ADMIN" }, at(1));
    store.track({ type: "endpoint", name: "elsewhere" }, { ...context, requester: "U0ADMIN", channel: "C0OTHER" }, at(2));
    expect(store.activeFor({ requester: "U0ENGINEER", channel: "C0MLOPS" }).map((r) => r.resource.name).sort()).toEqual(["churn-prod", "churn-xgb-1"]);
    expect(store.activeFor({ requester: "U0ENGINEER" }).map((r) => r.resource.name)).toEqual(["churn-xgb-1"]);
    store.saveStatus(mine.id, status({ status: "Completed", phase: "succeeded" }), at(600), ["reply"]);
    expect(store.recentFor("U0ENGINEER", 10).map((r) => r.finishedAt)).toEqual([at(600).toISOString()]);
  });
});
