/**
 * Benchmarks: prints figures, asserts nothing about speed (tests assert behaviour).
 * Run with `npm run bench`; writes bench/results.json. Everything runs on loopback, side by side
 * in one run: the bot (`sageops start`, HTTP mode) and a bare Bolt app as child processes, the fake
 * Slack (LocalSlackApi) and the SageMaker sandbox in this process, which also generates the load.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createSageMakerClient, sandboxTarget } from "../src/aws/clients.js";
import { SdkSageMakerPort } from "../src/aws/sagemaker.js";
import { LocalSlackApi } from "../src/console/slack-api.js";
import { createPacedClock, startSandbox } from "../src/sandbox/index.js";
import { openDatabase } from "../src/store/db.js";
import { SqlTrackedStore } from "../src/store/tracked.js";
import { BOT_TOKEN, CHANNEL_NAMES } from "../test/support/constants.js";
import { SlackHttpClient } from "../test/support/slack-http.js";
import { ackBurst, CHANNEL, COMMANDS, callsPerCommand, FirstReplies, USER, untilSageMakerQuiet } from "./commands.js";
import { measureDelivery } from "./delivery.js";
import { seedTrainingJobs } from "./jobs.js";
import { measureMicro } from "./micro.js";
import { writeBenchPolicy } from "./policy.js";
import { BARE_ARGS, BOT_ARGS, type Child, startChild } from "./processes.js";
import { type BenchResults, printTable } from "./report.js";
import { type Goal, round, roundSummary, type Summary, sleep, summarise } from "./stats.js";
import { measureTracking } from "./tracking.js";

const SIGNING_SECRET = "bench-signing-secret-0123456789";
const CONCURRENCY = [1, 10, 50] as const;
/** Bursts per target, command and concurrency: 40, 120 and 200 samples. */
const BURSTS: Record<(typeof CONCURRENCY)[number], number> = { 1: 40, 10: 12, 50: 4 };
const ACK_RATIO_GOAL = 1.3;
const FIRST_REPLY_GOAL_MS = 1000;
const RSS_GOAL_MB = 150;
const FOLLOWED_JOBS = 1000;

const benchStarted = performance.now();
const elapsed = (): string => `${((performance.now() - benchStarted) / 1000).toFixed(0)} s`;
const progress = (what: string): void => console.error(`[bench ${elapsed()}] ${what}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-bench-"));
const slack = new LocalSlackApi({ channels: CHANNEL_NAMES });
const apiUrl = await slack.start();
// Real-time pace: jobs seeded for the memory figure stay running while it is taken.
const sandbox = await startSandbox({ clock: createPacedClock({ pace: 1 }) });
const policyFile = writeBenchPolicy(dir);
const slackEnv = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl };
const awsEnv = { AWS_ENDPOINT_URL_SAGEMAKER: sandbox.url, AWS_ENDPOINT_URL: sandbox.url, AWS_ACCESS_KEY_ID: "sandbox", AWS_SECRET_ACCESS_KEY: "sandbox", AWS_REGION: sandbox.region };
let botRuns = 0;
const startBotChild = (db = path.join(dir, `sageops-${++botRuns}.db`)): Promise<Child> => startChild("sageops", BOT_ARGS, { ...slackEnv, ...awsEnv, SAGEOPS_POLICY: policyFile, SAGEOPS_DB: db }, dir);

const children: Child[] = [];
try {
  progress("starting the bot and the bare Bolt app");
  let [bot, bare] = await Promise.all([startBotChild(), startChild("bare-bolt", BARE_ARGS, slackEnv, dir)]);
  children.push(bot, bare);
  await sleep(2000);
  const idleRssMb = bot.rssMb();
  const bareRssMb = bare.rssMb();

  // Warm-up: Bolt's auth.test, the SDK's first connections, tsx's compiled modules.
  for (const target of [bot, bare]) for (const command of COMMANDS) await ackBurst(target.url, SIGNING_SECRET, slack, command, 5);
  await untilSageMakerQuiet(sandbox);

  progress("ack latency, bot against bare Bolt, 1/10/50 concurrent");
  const ack: { command: string; concurrency: number; bot: Summary; bare: Summary; p95Ratio: number; met: boolean }[] = [];
  for (const concurrency of CONCURRENCY) {
    for (const command of COMMANDS) {
      const samples = { bot: [] as number[], bare: [] as number[] };
      for (let burst = 0; burst < BURSTS[concurrency]; burst += 1) {
        // Alternate which goes first, so neither always meets the other's leftovers.
        const order = burst % 2 === 0 ? ([["bot", bot], ["bare", bare]] as const) : ([["bare", bare], ["bot", bot]] as const);
        for (const [name, target] of order) {
          samples[name].push(...(await ackBurst(target.url, SIGNING_SECRET, slack, command, concurrency)));
          // The bot's work after its acks (planning, SageMaker) finishes before the next burst.
          if (name === "bot") await untilSageMakerQuiet(sandbox);
          await sleep(10);
        }
      }
      const botSummary = summarise(samples.bot);
      const bareSummary = summarise(samples.bare);
      const p95Ratio = botSummary.p95 / bareSummary.p95;
      ack.push({ command: command.label, concurrency, bot: roundSummary(botSummary), bare: roundSummary(bareSummary), p95Ratio: round(p95Ratio), met: p95Ratio <= ACK_RATIO_GOAL });
    }
  }
  await bare.stop();

  // A fresh bot: the ack bursts left hundreds of plan messages in its pacer's queue.
  progress("first reply and SageMaker calls per command (fresh bot)");
  await bot.stop();
  bot = await startBotChild();
  children.push(bot);
  const replies = new FirstReplies(slack);
  const botClient = new SlackHttpClient(bot.url, SIGNING_SECRET);
  for (const command of COMMANDS) await replies.time(botClient, command);
  await sleep(3500);
  const firstReply: { command: string; concurrency: number; summary: Summary; met?: boolean }[] = [];
  const calls: { command: string; perCommand: number; byOperation: Record<string, number> }[] = [];
  const SEQUENTIAL = 8;
  for (const command of COMMANDS) {
    const samples: number[] = [];
    sandbox.resetCalls();
    for (let i = 0; i < SEQUENTIAL; i += 1) {
      samples.push(await replies.time(botClient, command));
      await untilSageMakerQuiet(sandbox);
      // One at a time means one at a time for Slack too: a plan every 1.1 s stays within the channel's pace.
      if (command.replies === "plan") await sleep(1100);
    }
    const counted = callsPerCommand(sandbox, SEQUENTIAL);
    calls.push({ command: command.label, perCommand: counted.total, byOperation: counted.byOperation });
    firstReply.push({ command: command.label, concurrency: 1, summary: roundSummary(summarise(samples)) });
  }
  for (const command of COMMANDS) {
    progress(`first reply, 50 concurrent: ${command.label}`);
    const samples = await Promise.all(Array.from({ length: 50 }, () => replies.time(botClient, command)));
    const summary = summarise(samples);
    firstReply.push({ command: command.label, concurrency: 50, summary: roundSummary(summary), met: summary.p99 < FIRST_REPLY_GOAL_MS });
    await untilSageMakerQuiet(sandbox);
    if (command.replies === "plan") await sleep(3000);
  }
  const unexpectedAnswers = replies.unexpectedAnswers;
  replies.close();

  progress(`memory while following ${FOLLOWED_JOBS} training jobs`);
  await bot.stop();
  const followDb = path.join(dir, "sageops-follow.db");
  const sdk = createSageMakerClient(sandboxTarget(sandbox.url, sandbox.region));
  const names = await seedTrainingJobs(new SdkSageMakerPort(sdk), "bench-rss", FOLLOWED_JOBS);
  {
    const db = openDatabase(followDb);
    const store = new SqlTrackedStore(db);
    for (const name of names) store.track({ type: "training-job", name }, { requester: USER, channel: CHANNEL, region: sandbox.region }, new Date());
    db.close();
  }
  sandbox.resetCalls();
  bot = await startBotChild(followDb);
  children.push(bot);
  const rssSamples: number[] = [];
  for (let i = 0; i < 60; i += 1) {
    await sleep(250);
    rssSamples.push(bot.rssMb());
  }
  const followingCalls = sandbox.countCalls();
  sdk.destroy();
  await bot.stop();
  const followed = (() => {
    const db = openDatabase(followDb);
    const active = new SqlTrackedStore(db).active();
    db.close();
    return { active: active.length, described: active.filter((record) => record.status).length };
  })();
  const memory = {
    idleMb: round(idleRssMb, 1),
    bareBoltIdleMb: round(bareRssMb, 1),
    following: { jobs: FOLLOWED_JOBS, ...followed, seconds: 15, peakMb: round(Math.max(...rssSamples), 1), lastMb: round(rssSamples.at(-1) ?? Number.NaN, 1), sageMakerCalls: followingCalls },
    met: Math.max(...rssSamples) < RSS_GOAL_MB,
  };

  progress("tracking cost: 10, 100, 1,000 jobs (simulated time)");
  const tracking = [];
  for (const jobs of [10, 100, 1000]) tracking.push(await measureTracking(jobs, dir));

  progress("delivery: 500 status updates, 20 channels, 1 message/s/channel");
  const delivery = await measureDelivery();

  progress("interpreter and function benches");
  const micro = await measureMicro(sandbox);

  const trackingGrowth = (() => {
    const small = tracking[0];
    const large = tracking.at(-1);
    if (!small || !large) return Number.NaN;
    return large.callsPerMinute / small.callsPerMinute / (large.jobs / small.jobs);
  })();
  const goals: Goal[] = [
    ...ack.map((row) => ({ goal: `ack p95 ${row.command} @${row.concurrency} ≤ ${ACK_RATIO_GOAL}× bare Bolt`, measured: `${row.p95Ratio}× (${row.bot.p95} ms vs ${row.bare.p95} ms)`, met: row.met })),
    ...firstReply.filter((row) => row.met !== undefined).map((row) => ({ goal: `first reply p99 ${row.command} @${row.concurrency} < ${FIRST_REPLY_GOAL_MS} ms`, measured: `${row.summary.p99} ms`, met: row.met === true })),
    ...tracking.map((row) => ({
      goal: `tracking ${row.jobs} jobs: ≤ ${row.listAllowancePerRound} List/poll, Describe only what changed`,
      measured: `${row.listsPerRoundMax} List/poll max, ${row.wastedDescribes} of ${row.describes} Describes found nothing new`,
      met: row.listsPerRoundMax <= row.listAllowancePerRound && row.wastedDescribes <= row.describes * 0.02,
    })),
    { goal: "tracking cost grows far slower than jobs (10 → 1,000)", measured: `calls/min x${round((tracking.at(-1)?.callsPerMinute ?? 0) / (tracking[0]?.callsPerMinute ?? 1), 1)} for jobs x100 (growth ${round(trackingGrowth, 2)} of linear)`, met: trackingGrowth < 0.5 },
    { goal: "delivery within 10% of the physical limit, 0 lost", measured: `${delivery.seconds} s vs ${delivery.physicalLimitSeconds} s (${round(delivery.seconds / delivery.physicalLimitSeconds, 2)}×), ${delivery.lost} lost`, met: delivery.seconds <= delivery.physicalLimitSeconds * 1.1 && delivery.lost === 0 },
    { goal: `RSS following ${FOLLOWED_JOBS} jobs < ${RSS_GOAL_MB} MB`, measured: `${memory.following.peakMb} MB peak (idle ${memory.idleMb} MB)`, met: memory.met },
  ];
  const results: BenchResults = {
    meta: { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.release()}`, seconds: round((performance.now() - benchStarted) / 1000, 1), policy: "policy.example.yml with limits.plansPerMinute and channelPlansPerMinute raised to 1000 (the most the schema allows)" },
    ack,
    firstReply: { rows: firstReply, plansAnsweredWithAProblem: unexpectedAnswers },
    sageMakerCallsPerCommand: calls,
    tracking,
    delivery,
    memory,
    interpreter: micro.interpreter,
    micro: micro.others,
    goals,
  };
  fs.writeFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
} finally {
  for (const child of children) await child.stop();
  await sandbox.close();
  await slack.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
// Clients may leave keep-alive sockets and retry timers behind; the figures are written.
process.exit(0);
