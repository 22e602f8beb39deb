/**
 * Two replicas on one PostgreSQL: a stream of confirmed actions with presses landing on both, and
 * the replica running the watchers SIGKILLed while the jobs run. Every action runs once, every
 * final status is posted once, and the other replica takes the watchers over.
 */
import { describe, expect, inject, it } from "vitest";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { freshPostgresStore } from "../support/postgres.js";
import { type BotProcess, expectRanAndReportedOnce, jobNameIn, QUIET_MS, startReplicas, tallyOf, trainingJob, untilFinalReply, useProcessWorld } from "../support/processes.js";
import { settle, waitFor } from "../support/wait.js";

const adminUrl = inject("postgresAdminUrl");
const LEADING = "this replica runs the watchers";

/** The replica whose log says it runs the watchers now. */
function leaderOf(replicas: readonly BotProcess[]): BotProcess | undefined {
  return replicas.find((replica) => replica.running && replica.logs.some((line) => line.includes(LEADING)));
}

describe.skipIf(adminUrl === "")("two bot processes on one PostgreSQL", { timeout: 240_000 }, () => {
  // Slow enough (a training job takes 12 to 22 real seconds) for the leader to die while they run.
  const world = useProcessWorld({ pace: 30 });

  it("confirmed trainings with presses on both replicas, and the watcher leader killed mid-run: each job runs once, each final status is posted once, the other replica takes over", async () => {
    const { url, db } = freshPostgresStore(adminUrl);
    db.close();
    const replicas = await startReplicas(world, "pg", { databaseUrl: url });
    const [a, b] = replicas;
    const leader = await waitFor(() => leaderOf(replicas), { what: "one replica to take the watcher lease", timeoutMs: 30_000 });
    expect(replicas.filter((replica) => replica.logs.some((line) => line.includes(LEADING)))).toHaveLength(1);
    // /readyz on each replica names the one holder of the watcher lease.
    const watchers = await Promise.all(replicas.map(async (replica) => (JSON.parse((await replica.client.get("/readyz")).body) as { checks: { watcher: { holder?: string; self: boolean } } }).checks.watcher));
    expect(watchers.map((w) => w.self)).toEqual(replicas.map((replica) => replica === leader));
    expect(watchers[0]?.holder).toBe(watchers[1]?.holder);

    const plans: StoredMessage[] = [];
    for (let i = 0; i < 4; i += 1) plans.push(await (i % 2 === 0 ? a : b).planFrom("U0ENGINEER", "/train", "churn-xgb"));
    await Promise.all(plans.map((plan) => Promise.all([a.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm), b.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm)])));
    // Every job is running and shown as such before the leader dies.
    await waitFor(() => plans.every((plan) => tallyOf(world, plan, trainingJob(jobNameIn(plan))).statusMessages.length === 1), { what: "a status message for every job", timeoutMs: 30_000 });
    expect(plans.every((plan) => tallyOf(world, plan, trainingJob(jobNameIn(plan))).finalReplies.length === 0)).toBe(true);

    await leader.kill();
    const survivor = leader === a ? b : a;
    await waitFor(() => survivor.logs.some((line) => line.includes(LEADING)), { what: "the other replica to take the watchers over", timeoutMs: 40_000 });
    await Promise.all(plans.map((plan) => untilFinalReply(world, plan, trainingJob(jobNameIn(plan)), 90_000)));
    await settle(QUIET_MS);
    for (const plan of plans) expectRanAndReportedOnce(tallyOf(world, plan, trainingJob(jobNameIn(plan))), trainingJob(jobNameIn(plan)));
    // A new action after the takeover is served and followed by the survivor alone.
    const late = await survivor.planFrom("U0ENGINEER", "/train", "churn-xgb");
    await survivor.ws.click("U0ENGINEER", late, PLAN_BUTTONS.confirm);
    await untilFinalReply(world, late, trainingJob(jobNameIn(late)), 90_000);
    await settle(QUIET_MS);
    expectRanAndReportedOnce(tallyOf(world, late, trainingJob(jobNameIn(late))), trainingJob(jobNameIn(late)));
  });
});
