import { describe, expect, inject, it } from "vitest";
import { AuditLog } from "../../src/store/audit.js";
import { SqlChoiceLedger } from "../../src/store/choices.js";
import { SqlDriftStore } from "../../src/store/drift.js";
import { SqlLeases } from "../../src/store/leases.js";
import { SqlPlanRepository } from "../../src/store/plans.js";
import { SqlRequestInbox } from "../../src/store/slack-requests.js";
import { SqlTrackedStore } from "../../src/store/tracked.js";
import { SqlAnnouncementStore } from "../../src/store/version-announcements.js";
import { START_DATE, START_MS } from "../support/constants.js";
import { sharedStoreBackends } from "../support/postgres.js";

const at = (seconds: number) => new Date(START_MS + seconds * 1000);
const skipped = inject("postgresSkipReason");

describe.each(sharedStoreBackends(inject("postgresAdminUrl")))("the store shared by two replicas (%s)", (_name, open) => {
  it("a Slack request is admitted once, a plan moves once, an approval counts once, whichever replica asks", () => {
    const [a, b] = open();
    const [inboxA, inboxB] = [new SqlRequestInbox(a), new SqlRequestInbox(b)];
    expect(inboxA.admit({ id: "req-1", body: "{}" }, START_DATE, 10_000)).toBe(true);
    expect(inboxB.admit({ id: "req-1", body: "{}" }, at(1), 10_000)).toBe(false);
    // Its handler died: the lease ran out, and the other replica takes it, once.
    expect(inboxB.admit({ id: "req-1", body: "{}" }, at(11), 10_000)).toBe(true);
    expect(inboxA.admit({ id: "req-1", body: "{}" }, at(12), 10_000)).toBe(false);

    const [plansA, plansB] = [new SqlPlanRepository(a), new SqlPlanRepository(b)];
    plansA.insert({ id: "p-1", kind: "train", requester: "U0ENGINEER", channel: "C0MLOPS", environment: "dev", mode: "live", title: "Train churn-xgb", resourceName: "job-1", details: [], steps: [] }, START_DATE, 900);
    expect(plansB.transition("p-1", ["pending"], "confirmed", at(2))?.status).toBe("confirmed");
    expect(plansA.transition("p-1", ["pending"], "confirmed", at(2))).toBeUndefined();
    expect(plansA.addApproval("p-1", "U0APPROVER", at(3))?.approvals).toEqual(["U0APPROVER"]);
    expect(plansB.addApproval("p-1", "U0APPROVER", at(3))).toBeUndefined();
    a.close();
    b.close();
  });

  it("a resource is tracked once, its status message claimed once, a drift subscription, a choice and an announcement taken once", () => {
    const [a, b] = open();
    const [trackedA, trackedB] = [new SqlTrackedStore(a), new SqlTrackedStore(b)];
    const context = { requester: "U0ENGINEER", channel: "C0MLOPS", region: "us-east-1" };
    const first = trackedA.track({ type: "training-job", name: "churn-xgb-1" }, context, START_DATE);
    const again = trackedB.track({ type: "training-job", name: "churn-xgb-1" }, context, at(1));
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.record.id).toBe(first.record.id);
    expect(trackedB.claimMessage(first.record.id, at(2))).toBe(true);
    expect(trackedA.claimMessage(first.record.id, at(2))).toBe(false);

    const [driftA, driftB] = [new SqlDriftStore(a), new SqlDriftStore(b)];
    expect(driftA.subscribe("churn-prod", "C0ALERTS", "U0ENGINEER", START_DATE)).toBe(true);
    expect(driftB.subscribe("churn-prod", "C0ALERTS", "U0ENGINEER", START_DATE)).toBe(false);

    const [choicesA, choicesB] = [new SqlChoiceLedger(a), new SqlChoiceLedger(b)];
    expect(choicesA.claim("C0MLOPS:1.0", "click-1", "U0ENGINEER", "train churn-xgb")).toBe(true);
    expect(choicesB.claim("C0MLOPS:1.0", "click-2", "U0APPROVER", "neither")).toBe(false);

    const [announcedA, announcedB] = [new SqlAnnouncementStore(a), new SqlAnnouncementStore(b)];
    expect(announcedA.claim("churn-xgb", "C0MLOPS", 3, START_DATE, at(-120))).toBe(true);
    expect(announcedB.claim("churn-xgb", "C0MLOPS", 3, at(1), at(-119))).toBe(false);
    announcedB.advance("churn-xgb", 3, at(2));
    announcedA.advance("churn-xgb", 2, at(3));
    expect(announcedA.position("churn-xgb")).toBe(3);

    const audit = new AuditLog(b);
    const ids = [audit.record({ actor: "U0ENGINEER", kind: "request", outcome: "planned" }).id, new AuditLog(a).record({ actor: "U0ENGINEER", kind: "request", outcome: "planned" }).id];
    expect(ids[1]).toBeGreaterThan(ids[0] ?? Number.POSITIVE_INFINITY);
    a.close();
    b.close();
  });

  it("the watcher lease has one holder until it lets go or stops renewing; then the other replica takes it", () => {
    const [a, b] = open();
    const [leasesA, leasesB] = [new SqlLeases(a), new SqlLeases(b)];
    expect(leasesA.hold("watcher", "replica-a", START_DATE, 15_000)).toBe(true);
    expect(leasesB.hold("watcher", "replica-b", at(5), 15_000)).toBe(false);
    expect(leasesA.hold("watcher", "replica-a", at(5), 15_000)).toBe(true);
    expect(leasesB.holder("watcher", at(10))).toBe("replica-a");
    // replica-a stops renewing (killed): its lease runs out 15 s after its last renewal.
    expect(leasesB.hold("watcher", "replica-b", at(19), 15_000)).toBe(false);
    expect(leasesB.hold("watcher", "replica-b", at(21), 15_000)).toBe(true);
    expect(leasesA.hold("watcher", "replica-a", at(22), 15_000)).toBe(false);
    leasesB.release("watcher", "replica-b");
    expect(leasesA.hold("watcher", "replica-a", at(23), 15_000)).toBe(true);
    a.close();
    b.close();
  });
});

describe("PostgreSQL in this run", () => {
  it.skipIf(skipped === "")(`is not available, so its store tests were skipped: ${skipped}`, () => {
    expect(inject("postgresAdminUrl")).toBe("");
  });
});
