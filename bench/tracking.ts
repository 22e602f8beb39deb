/**
 * Tracking cost: SageMaker calls while the real Tracker follows 10, 100 and 1,000 training jobs in
 * a sandbox, on simulated time (the tracker world of test/support: the real SDK adapter, a manual
 * clock moved by the tracker's own schedule). Slack is not the subject here: status messages go
 * to an in-memory reporter.
 */
import fs from "node:fs";
import path from "node:path";
import { SlackStatusReporter } from "../src/slack/notify/status-reporter.js";
import type { PollReport } from "../src/watch/tracker.js";
import { discardingPoster, startWorld } from "../test/support/tracker-world.js";
import { seedTrainingJobs } from "./jobs.js";
import { round } from "./stats.js";

export interface TrackingFigures {
  jobs: number;
  /** Rounds and calls to give every job its first status (all tracked at once). */
  warmUp: { rounds: number; calls: number };
  /** Over the jobs' lives (simulated), polling on the tracker's own schedule. */
  simulatedMinutes: number;
  rounds: number;
  callsPerMinute: number;
  listsPerRoundMax: number;
  /** One List call per 100 jobs per poll is the allowance. */
  listAllowancePerRound: number;
  describes: number;
  /** Snapshots that changed (what a Describe is for). */
  changes: number;
  /** Describes that found nothing new. */
  wastedDescribes: number;
  /** Calls per round in rounds where nothing changed (the floor). */
  quietCallsPerRound: number;
  /** What describing every job every round would have cost, per minute, on the same schedule. */
  naiveCallsPerMinute: number;
  deferredRounds: number;
  realSeconds: number;
}

export async function measureTracking(jobs: number, dir: string): Promise<TrackingFigures> {
  const started = Date.now();
  const world = await startWorld();
  try {
    const { store } = world.openStore(path.join(dir, `tracking-${jobs}.db`));
    const tracker = world.tracker(store, { reporter: new SlackStatusReporter(discardingPoster()) });
    const names = await seedTrainingJobs(world.port, `bench-follow-${jobs}`, jobs);
    for (const name of names) tracker.track({ type: "training-job", name }, { requester: "U0ENGINEER", channel: "C0MLOPS", region: world.sandbox.region });

    // Warm-up: every job's first Describe (its first status message), capped per round, time standing still.
    world.sandbox.resetCalls();
    let warmRounds = 0;
    while (store.active().some((record) => !record.status) && warmRounds < 1000) {
      await tracker.pollOnce();
      warmRounds += 1;
    }
    const warmCalls = world.sandbox.countCalls();

    // The jobs' lives: the tracker polls on its own schedule until every job has finished.
    world.sandbox.resetCalls();
    const reports: PollReport[] = [];
    let simulatedMs = 0;
    let delay = 15_000;
    let naiveCalls = 0;
    while (store.active().length > 0 && simulatedMs < 40 * 60_000) {
      naiveCalls += store.active().length;
      world.advance(delay / 1000);
      simulatedMs += delay;
      const report = await tracker.pollOnce();
      reports.push(report);
      delay = report.nextDelayMs;
    }
    const calls = world.sandbox.countCalls();
    const describes = world.sandbox.countCalls("DescribeTrainingJob");
    const lists = reports.map((report) => report.lists);
    const changes = reports.reduce((sum, report) => sum + report.changed.length, 0);
    const quiet = reports.filter((report) => report.changed.length === 0 && report.deferred === 0);
    const minutes = simulatedMs / 60_000;
    return {
      jobs,
      warmUp: { rounds: warmRounds, calls: warmCalls },
      simulatedMinutes: round(minutes, 1),
      rounds: reports.length,
      callsPerMinute: round(calls / minutes, 1),
      listsPerRoundMax: Math.max(0, ...lists),
      listAllowancePerRound: Math.ceil(jobs / 100),
      describes,
      changes,
      wastedDescribes: Math.max(0, describes - changes),
      quietCallsPerRound: quiet.length > 0 ? round(quiet.reduce((sum, report) => sum + report.calls, 0) / quiet.length, 2) : Number.NaN,
      naiveCallsPerMinute: round(naiveCalls / minutes, 1),
      deferredRounds: reports.filter((report) => report.deferred > 0).length,
      realSeconds: round((Date.now() - started) / 1000, 1),
    };
  } finally {
    await world.close();
    fs.rmSync(path.join(dir, `tracking-${jobs}.db`), { force: true });
  }
}
