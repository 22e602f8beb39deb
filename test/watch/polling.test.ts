import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TrainingInstanceType } from "@aws-sdk/client-sagemaker";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackStatusReporter } from "../../src/slack/notify/status-reporter.js";
import type { TrackingContext } from "../../src/watch/tracked-store.js";
import { trainingRequest } from "../support/sandbox.js";
import { discardingPoster, startWorld, type World } from "../support/tracker-world.js";
import { waitFor } from "../support/wait.js";

/** Ten instance types, so 200 jobs at once stay within the sandbox's per-type quota of 20. */
const INSTANCE_TYPES: readonly TrainingInstanceType[] = ["ml.m5.xlarge", "ml.m5.2xlarge", "ml.m5.4xlarge", "ml.c5.xlarge", "ml.c5.2xlarge", "ml.c5.4xlarge", "ml.m4.xlarge", "ml.m4.2xlarge", "ml.r5.xlarge", "ml.r5.2xlarge"];

describe("polling SageMaker kindly", () => {
  let world: World;
  let dir: string;

  beforeEach(async () => {
    world = await startWorld();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-polling-"));
  });

  afterEach(async () => {
    await world.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const context = (): TrackingContext => ({ requester: "U0ENGINEER", channel: "C0MLOPS", region: world.sandbox.region });

  it("with 200 jobs tracked, a round costs one List call plus a Describe per job that changed", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    // Slack is not the subject here: an in-memory poster keeps 1,600 messages from taking seconds.
    const tracker = world.tracker(store, { reporter: new SlackStatusReporter(discardingPoster()) });
    const reports = [];
    world.sandbox.resetCalls();
    let expectedCalls = 0;
    // A busy morning: 200 jobs started over ten minutes, the bot polling every 20 s meanwhile.
    for (let i = 0; i < 200; i += 1) {
      const name = `churn-sweep-${String(i).padStart(3, "0")}`;
      await world.port.createTrainingJob(trainingRequest(name, { instanceType: INSTANCE_TYPES[i % INSTANCE_TYPES.length] }));
      expectedCalls += 1;
      tracker.track({ type: "training-job", name }, context());
      if (i % 7 === 6) {
        world.advance(20);
        reports.push(await world.poll(tracker));
      }
    }
    for (let round = 0; round < 40 && store.active().length > 0; round += 1) {
      world.advance(20);
      reports.push(await world.poll(tracker));
    }
    expect(store.active()).toEqual([]);
    expect(store.unpublished(new Date(world.clock.now()))).toEqual([]);

    for (const report of reports) {
      expect(report.throttled).toBe(false);
      expect(report.deferred).toBe(0);
      expect(report.lists).toBeLessThanOrEqual(1);
      expect(report.calls).toBeLessThanOrEqual(1 + report.changed.length);
    }
    const sageMakerCalls = reports.reduce((sum, report) => sum + report.calls, 0);
    // The sandbox saw exactly what the reports say: nothing else asked SageMaker.
    expect(world.sandbox.countCalls()).toBe(expectedCalls + sageMakerCalls);
    expect(world.sandbox.countCalls("ListTrainingJobs")).toBeLessThanOrEqual(reports.length);
    // Each job was described about once per status it went through (5 or 6), not once per round.
    const describes = world.sandbox.countCalls("DescribeTrainingJob");
    expect(describes).toBeGreaterThanOrEqual(200);
    expect(describes).toBeLessThanOrEqual(200 * 7);
    expect(describes).toBeLessThan(200 * reports.length * 0.25);
    // Hundreds of rounds over the real SDK and sandbox: seconds alone, more beside the process stories on two cores.
  }, 120_000);

  it("caps a round's calls and picks up the rest in the next round", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store, { maxCallsPerRound: 10 });
    for (let i = 0; i < 25; i += 1) {
      const name = `churn-cap-${i}`;
      await world.port.createTrainingJob(trainingRequest(name, { instanceType: INSTANCE_TYPES[i % INSTANCE_TYPES.length] }));
      tracker.track({ type: "training-job", name }, context());
    }
    world.sandbox.resetCalls();
    const first = await world.poll(tracker);
    expect(first.calls).toBe(10);
    expect(first.deferred).toBe(15);
    expect(world.sandbox.countCalls()).toBe(10);
    await world.poll(tracker);
    await world.poll(tracker);
    expect(store.active().filter((record) => !record.status)).toEqual([]);
  });

  it("backs off while SageMaker throttles, and speeds up again when it stops", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    await world.port.createTrainingJob(trainingRequest("churn-xgb-throttled"));
    tracker.track({ type: "training-job", name: "churn-xgb-throttled" }, context());
    const calm = await world.poll(tracker);
    expect(calm.throttled).toBe(false);

    world.sandbox.setFaults({ throttleRate: 1 });
    const delays: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      world.sandbox.resetCalls();
      world.advance(30);
      const report = await world.poll(tracker);
      expect(report.throttled).toBe(true);
      // The round stops at the first ThrottlingException instead of trying every resource.
      expect(world.sandbox.countCalls()).toBe(1);
      delays.push(report.nextDelayMs);
    }
    expect(delays[0]).toBeGreaterThan(calm.nextDelayMs);
    for (let i = 1; i < delays.length; i += 1) expect(delays[i]).toBeGreaterThan(delays[i - 1] ?? 0);

    world.sandbox.setFaults({ throttleRate: 0 });
    world.advance(120);
    const recovered = await world.poll(tracker);
    expect(recovered.throttled).toBe(false);
    expect(recovered.nextDelayMs).toBeLessThan(delays[delays.length - 1] ?? 0);
  });

  it("runs on its own: soon after something is tracked, often while it moves, then rests", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    const roundsSeen: number[] = [];
    tracker.start();
    const waitForNextTimer = async (): Promise<number> => {
      await waitFor(() => world.timers.pendingTimers === 1 && world.poster.pending === 0, { what: "the next round to be scheduled" });
      return (world.timers.nextTimerAt ?? 0) - world.timers.now();
    };
    // Nothing tracked yet: the first round finds nothing and rests.
    world.timers.advance(0);
    expect(await waitForNextTimer()).toBe(600_000);

    await world.port.createTrainingJob(trainingRequest("churn-xgb-loop"));
    tracker.track({ type: "training-job", name: "churn-xgb-loop" }, context());
    // Tracking wakes the loop at once rather than after the rest.
    expect(await waitForNextTimer()).toBe(0);
    world.timers.advance(0);
    const afterFirst = await waitForNextTimer();
    expect(afterFirst).toBe(15_000);
    expect(store.active()[0]?.status?.status).toBe("InProgress");

    // Let the job run to its end, one scheduled round at a time.
    for (let round = 0; round < 100 && store.active().length > 0; round += 1) {
      const delay = (world.timers.nextTimerAt ?? 0) - world.timers.now();
      roundsSeen.push(delay);
      world.sandboxClock.advance(delay / 1000);
      world.timers.advance(delay);
      await waitForNextTimer();
    }
    expect(store.active()).toEqual([]);
    expect(await waitForNextTimer()).toBe(600_000);
    expect(Math.max(...roundsSeen)).toBeLessThanOrEqual(120_000);

    await tracker.stop();
    expect(world.timers.pendingTimers).toBe(0);
  });
});
