/**
 * The tracker's world in tests: the sandbox (SageMaker on loopback, simulated time), the local
 * Slack API as the fake Slack, the real SDK adapter and WebClient, the pacer, and a store, all
 * wired as the bot wires them. Time moves only when the test says: `advance(seconds)` moves the
 * sandbox's clock and the tracker's and pacer's timers together.
 */
import { WebClient } from "@slack/web-api";
import { createSageMakerClient, sandboxTarget } from "../../src/aws/clients.js";
import { SdkSageMakerPort } from "../../src/aws/sagemaker.js";
import { LocalSlackApi } from "../../src/console/slack-api.js";
import type { Clock } from "../../src/kernel/clock.js";
import { createManualClock, type Sandbox, type ManualClock as SandboxClock, startSandbox } from "../../src/sandbox/index.js";
import { PacedPoster } from "../../src/slack/notify/pacer.js";
import type { SlackPoster } from "../../src/slack/notify/poster.js";
import { WebApiPoster } from "../../src/slack/notify/slack-poster.js";
import { SlackStatusReporter } from "../../src/slack/notify/status-reporter.js";
import { type Db, openDatabase } from "../../src/store/db.js";
import { SqlTrackedStore } from "../../src/store/tracked.js";
import { type PollReport, Tracker, type TrackerDeps } from "../../src/watch/tracker.js";
import { BOT_TOKEN, CHANNEL_NAMES, fakeMessageTs, START_MS } from "./constants.js";
import { ManualClock } from "./manual-clock.js";

export interface World {
  sandbox: Sandbox;
  sandboxClock: SandboxClock;
  slack: LocalSlackApi;
  port: SdkSageMakerPort;
  /** Timers of the tracker and the pacer; its time follows the sandbox's. */
  timers: ManualClock;
  /** The tracker's clock: the sandbox's now, the manual timers. */
  clock: Clock;
  poster: PacedPoster;
  advance(seconds: number): void;
  openStore(file: string): { db: Db; store: SqlTrackedStore };
  tracker(store: SqlTrackedStore, options?: Partial<TrackerDeps>): Tracker;
  /** Runs a round, moving the pacer's time on while Slack messages wait their turn. */
  poll(tracker: Tracker): Promise<PollReport>;
  /** Posts a plan message to thread the status under, as the bot does. */
  planMessage(channel?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const sandboxClock = createManualClock(START_MS);
  const sandbox = await startSandbox({ clock: sandboxClock });
  const slack = new LocalSlackApi({ channels: CHANNEL_NAMES });
  await slack.start();
  // One attempt: the tracker, not the SDK, decides what to do about throttling.
  const port = new SdkSageMakerPort(createSageMakerClient({ ...sandboxTarget(sandbox.url, sandbox.region), maxAttempts: 1 }));
  const timers = new ManualClock(START_MS);
  const clock: Clock = { now: () => sandboxClock.now(), after: (ms, callback) => timers.after(ms, callback) };
  const client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
  const poster = new PacedPoster(new WebApiPoster(client), { clock: timers, intervalMs: 1000, burst: 3 });
  const dbs: Db[] = [];

  const world: World = {
    sandbox,
    sandboxClock,
    slack,
    port,
    timers,
    clock,
    poster,
    advance(seconds) {
      sandboxClock.advance(seconds);
      timers.advance(seconds * 1000);
    },
    openStore(file) {
      const db = openDatabase(file);
      dbs.push(db);
      return { db, store: new SqlTrackedStore(db) };
    },
    tracker(store, options = {}) {
      return new Tracker({ port, reporter: new SlackStatusReporter(poster), store, clock, random: () => 0.5, ...options });
    },
    async poll(tracker) {
      let done = false;
      const round = tracker.pollOnce().finally(() => {
        done = true;
      });
      // The pacer's clock moves on its own here; the sandbox's stays put for the round.
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const next = timers.nextTimerAt;
        if (!done && poster.pending > 0 && next !== undefined) timers.advance(Math.max(0, next - timers.now()));
      }
      return round;
    },
    async planMessage(channel = "C0MLOPS") {
      return (await poster.post(channel, { text: "Plan: Train churn-xgb", blocks: [] })).ts;
    },
    async close() {
      for (const db of dbs) db.close();
      await sandbox.close();
      await slack.close();
    },
  };
  return world;
}

/** A Slack poster that keeps nothing and gives each post a fresh ts: for stories where Slack is not the subject. */
export function discardingPoster(): SlackPoster {
  let posts = 0;
  return {
    post: async () => {
      posts += 1;
      return { ts: fakeMessageTs(posts) };
    },
    update: async () => undefined,
    ephemeral: async () => undefined,
    upload: async () => undefined,
  };
}
