import { describe, expect, inject, it } from "vitest";
import type { NewPlan, PlanRepository } from "../../src/actions/plan.js";
import { SqlPlanRepository } from "../../src/store/plans.js";
import { START_DATE, START_MS } from "../support/constants.js";
import { InMemoryPlanRepository } from "../support/core-fakes.js";
import { storeBackends } from "../support/postgres.js";

/** The same semantics from SQLite, from PostgreSQL (when the run has one) and from the in-memory fake the core's unit tests use. */
const REPOSITORIES: [string, () => PlanRepository][] = [
  ...storeBackends(inject("postgresAdminUrl")).map(([name, open]): [string, () => PlanRepository] => [name, () => new SqlPlanRepository(open())]),
  ["in memory", () => new InMemoryPlanRepository()],
];

const later = (minutes: number) => new Date(START_MS + minutes * 60_000);

function plan(id: string, overrides: Partial<NewPlan> = {}): NewPlan {
  return { id, kind: "train", requester: "U0ENGINEER", channel: "C0MLOPS", environment: "dev", mode: "live", title: "Train churn-xgb", resourceName: `job-${id}`, details: [], steps: [], ...overrides };
}

describe.each(REPOSITORIES)("the plan store (%s)", (_name, create) => {
  it("moves a plan only from the statuses named, once, and hands back the moved plan", () => {
    const plans = create();
    plans.insert(plan("p-1"), START_DATE, 900);
    expect(plans.transition("p-1", ["pending"], "confirmed", later(1), { actedBy: "U0ENGINEER" })).toMatchObject({ status: "confirmed", actedBy: "U0ENGINEER" });
    expect(plans.transition("p-1", ["pending"], "confirmed", later(1))).toBeUndefined();
    expect(plans.transition("p-unknown", ["pending"], "confirmed", later(1))).toBeUndefined();
    expect(plans.addApproval("p-1", "U0APPROVER", later(2))?.approvals).toEqual(["U0APPROVER"]);
    expect(plans.addApproval("p-1", "U0APPROVER", later(2))).toBeUndefined();
  });

  it("counts a person's jobs: started within the hour, and waiting ones as running", () => {
    const plans = create();
    plans.insert(plan("p-a"), START_DATE, 900);
    plans.insert(plan("p-b"), START_DATE, 900);
    plans.insert(plan("p-c", { kind: "deploy" }), START_DATE, 900);
    for (const id of ["p-a", "p-c"]) {
      plans.transition(id, ["pending"], "confirmed", START_DATE);
      plans.transition(id, ["confirmed"], "approved", START_DATE);
      plans.transition(id, ["approved"], "running", START_DATE);
      plans.transition(id, ["running"], "started", later(1));
    }
    plans.transition("p-b", ["pending"], "confirmed", later(2));
    expect(plans.usageOf("U0ENGINEER", later(5))).toEqual({ jobsLastHour: 2, concurrentJobs: 2 });
    expect(plans.usageOf("U0ENGINEER", later(5), "p-b")).toEqual({ jobsLastHour: 1, concurrentJobs: 1 });
    expect(plans.usageOf("U0ENGINEER", later(90), "p-b")).toEqual({ jobsLastHour: 0, concurrentJobs: 1 });
    expect(plans.latestStarted("job-p-a")?.id).toBe("p-a");
    expect(plans.latestStarted("job-p-b")).toBeUndefined();
  });

  it("finds plans to resume and plans past their expiry, oldest first", () => {
    const plans = create();
    plans.insert(plan("p-old"), START_DATE, 900);
    plans.insert(plan("p-new"), later(1), 900);
    plans.transition("p-new", ["pending"], "confirmed", later(1));
    plans.transition("p-new", ["confirmed"], "approved", later(1));
    expect(plans.resumable(later(1)).map((p) => p.id)).toEqual(["p-new"]);
    expect(plans.expiredBefore(later(16)).map((p) => p.id)).toEqual(["p-old"]);
    expect(plans.plansAskedSince(later(1), { requester: "U0ENGINEER" })).toBe(1);
    expect(plans.plansAskedSince(START_DATE, { channel: "C0MLOPS" })).toBe(2);
    // A plan left confirmed is looked at again only once it has been quiet since.
    plans.insert(plan("p-cut"), later(1), 900);
    plans.transition("p-cut", ["pending"], "confirmed", later(2));
    expect(plans.resumable(later(2)).map((p) => p.id)).toEqual(["p-new"]);
    expect(plans.resumable(later(3)).map((p) => p.id)).toEqual(["p-new", "p-cut"]);
  });

  it("leaves a running plan to the runner keeping it running, and lets one other caller take it over once it went quiet", () => {
    const plans = create();
    plans.insert(plan("p-run"), START_DATE, 900);
    plans.transition("p-run", ["pending"], "confirmed", START_DATE);
    plans.transition("p-run", ["confirmed"], "approved", START_DATE);
    plans.transition("p-run", ["approved"], "running", later(1));
    plans.keepRunning("p-run", later(2));
    expect(plans.resumable(later(1)).map((p) => p.id)).toEqual([]);
    expect(plans.claimInterrupted("p-run", later(1), later(3))).toBeUndefined();
    // Quiet since minute 2: its runner died.
    expect(plans.resumable(later(2.5)).map((p) => p.id)).toEqual(["p-run"]);
    expect(plans.claimInterrupted("p-run", later(2.5), later(3))?.status).toBe("running");
    expect(plans.claimInterrupted("p-run", later(2.5), later(3))).toBeUndefined();
  });
});
