/**
 * The bot as its own process, the way it is deployed: `node bin/sageops.mjs start` in HTTP mode on
 * a free port, with a SQLite file in a temp dir, its Web API calls going to a LocalSlackApi and
 * SageMaker (with S3 and the events queue) to a sandbox, both in the test process so their state
 * can be read and held. Killing the bot (SIGKILL) leaves Slack's and SageMaker's state as it was;
 * a restart on the same database file is the same deployment coming back.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { directMessageEvent, eventEnvelope } from "../../src/console/payloads.js";
import { LocalSlackApi, type SlackArgs, type StoredMessage } from "../../src/console/slack-api.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/index.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { REPO_ROOT } from "./cli.js";
import { BOT_TOKEN, CHANNEL_NAMES, EXAMPLE_POLICY_PATH } from "./constants.js";
import { SIGNING_SECRET, Workspace } from "./harness.js";
import { freePort } from "./ports.js";
import { SlackHttpClient } from "./slack-http.js";
import { settle, waitFor } from "./wait.js";

const BIN = path.join(REPO_ROOT, "bin/sageops.mjs");

/**
 * Simulated seconds per real second: a training job (six to eleven simulated minutes) or a new
 * endpoint (six) finishes in one to two real seconds.
 */
export const FAST_PACE = 360;

/**
 * The example policy with room for many jobs (the stories start more than the example's two
 * concurrent and five an hour per person, and more plans a minute), and no endpoint watched for
 * drift (each new database would alert about churn-prod again, which is noise here).
 */
function roomyPolicy(dir: string): string {
  const changes: [RegExp, string][] = [
    [/jobsPerHour: 5 /, "jobsPerHour: 500 "],
    [/concurrentJobs: 2 /, "concurrentJobs: 100 "],
    [/plansPerMinute: 6 /, "plansPerMinute: 500 "],
    [/channelPlansPerMinute: 20 /, "channelPlansPerMinute: 1000 "],
    [/ {6}watch:\n(?: {8,}.*\n)+? {10}reportPrefix: .*\n/, "      watch: []\n"],
  ];
  let text = fs.readFileSync(EXAMPLE_POLICY_PATH, "utf8");
  for (const [pattern, replacement] of changes) {
    if (!pattern.test(text)) throw new Error(`policy.example.yml no longer has ${pattern}`);
    text = text.replace(pattern, replacement);
  }
  const file = path.join(dir, "policy.yml");
  fs.writeFileSync(file, text);
  return file;
}

/** What outlives every bot process of a test file: the fake Slack, the sandbox, a temp dir and the policy. */
export interface ProcessWorld {
  readonly slack: LocalSlackApi;
  readonly sandbox: Sandbox;
  readonly dir: string;
  readonly policy: string;
  /** A fresh database file path in the temp dir. */
  newDb(name: string): string;
}

export interface BotProcess {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly db: string;
  /** Signs and posts Slack's requests to this process. */
  readonly client: SlackHttpClient;
  /** People in the workspace, clicking and typing at this process. */
  readonly ws: Workspace;
  /** Its bot token: the fake Slack records it with every call, so this process's posts can be told apart. */
  readonly token: string;
  /**
   * Runs a slash command that must post a plan, and returns the plan message this process posted
   * (`ws.planFrom` takes the first post from anyone, which is wrong while other bots post too).
   */
  planFrom(userId: string, command: string, text: string): Promise<StoredMessage>;
  /** Every line the process wrote (pino JSON on stdout, anything on stderr), over all its lives. */
  readonly logs: string[];
  readonly running: boolean;
  /** SIGKILL, and wait until the process is gone: no shutdown work runs. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database file, and waits until it answers /healthz. */
  restart(): Promise<void>;
  /** SIGTERM, and wait until it exited. */
  stop(): Promise<void>;
}

export interface BotOptions {
  name?: string;
  /** The database file (default: a new one); two processes given the same one share it. */
  db?: string;
  /**
   * The SQS queue of SageMaker's events it reads (default: its own, which the sandbox fills with
   * every event). Two replicas of one deployment share one: give them the same URL.
   */
  eventsQueue?: string;
  env?: Record<string, string>;
}

function botEnv(world: ProcessWorld, port: number, db: string, token: string, eventsQueue: string, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env["PATH"] ?? "",
    HOME: process.env["HOME"] ?? "/tmp",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    SLACK_BOT_TOKEN: token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: world.slack.apiUrl,
    PORT: String(port),
    AWS_REGION: world.sandbox.region,
    AWS_ACCESS_KEY_ID: "sandbox",
    AWS_SECRET_ACCESS_KEY: "sandbox",
    AWS_ENDPOINT_URL_SAGEMAKER: world.sandbox.url,
    AWS_ENDPOINT_URL_S3: world.sandbox.url,
    AWS_ENDPOINT_URL_SQS: world.sandbox.url,
    SAGEOPS_EVENTS_QUEUE_URL: eventsQueue,
    SAGEOPS_DB: db,
    SAGEOPS_POLICY: world.policy,
    LOG_LEVEL: process.env["SAGEOPS_TEST_LOG_LEVEL"] ?? "info",
    ...extra,
  };
}

class ChildBot implements BotProcess {
  readonly url: string;
  readonly client: SlackHttpClient;
  readonly ws: Workspace;
  readonly logs: string[] = [];
  private child?: ChildProcess;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly port: number,
    readonly db: string,
    readonly token: string,
    private readonly env: Record<string, string>,
    private readonly slack: LocalSlackApi,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.client = new SlackHttpClient(this.url, SIGNING_SECRET);
    this.ws = new Workspace({ slack, client: this.client });
  }

  async planFrom(userId: string, command: string, text: string): Promise<StoredMessage> {
    const before = this.slack.calls.length;
    const { reply } = await this.ws.command(userId, command, text);
    const posted = this.slack.calls.slice(before).find((call) => call.method === "chat.postMessage" && call.token === this.token && call.args["thread_ts"] === undefined);
    const plan = posted && this.slack.messages.get(`${String(posted.args["channel"])}:${String(posted.response["ts"])}`);
    if (!plan) throw new Error(`no plan for ${command} ${text}: ${JSON.stringify(reply?.args)}`);
    return plan;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async restart(): Promise<void> {
    if (this.child) throw new Error(`${this.name} is still running`);
    const child = spawn(process.execPath, [BIN, "start"], { cwd: REPO_ROOT, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise<void>((resolve) =>
      child.once("exit", (code, signal) => {
        if (this.child === child) this.child = undefined;
        this.logs.push(`[${this.name} exited: ${signal ?? code}]`);
        resolve();
      }),
    );
    await waitFor(
      async () => {
        if (this.child !== child) throw new Error(`${this.name} exited while starting:\n${this.logs.slice(-20).join("\n")}`);
        return (await this.healthy()) || undefined;
      },
      { what: `${this.name} to answer /healthz`, timeoutMs: 30_000 },
    );
  }

  private async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) })).status === 200;
    } catch {
      return false;
    }
  }

  async kill(): Promise<void> {
    this.child?.kill("SIGKILL");
    await this.exited;
  }

  async stop(): Promise<void> {
    this.child?.kill("SIGTERM");
    await this.exited;
  }
}

/**
 * One world for a test file: the fake Slack and the sandbox (paced, `FAST_PACE` by default) in this
 * process, started before its tests; every bot process started with `startBotProcess` is killed after.
 */
export function useProcessWorld(options: { pace?: number } = {}): ProcessWorld & { startBot(options?: BotOptions): Promise<BotProcess> } {
  let world: ProcessWorld | undefined;
  const bots: BotProcess[] = [];
  beforeAll(async () => {
    const slack = new LocalSlackApi({ channels: CHANNEL_NAMES });
    await slack.start();
    const sandbox = await startSandbox({ pace: options.pace ?? FAST_PACE });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-processes-"));
    world = { slack, sandbox, dir, policy: roomyPolicy(dir), newDb: (name) => path.join(dir, `${name}.db`) };
  });
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.kill()));
    // What each bot logged stays next to its database, for looking into a failure.
    for (const bot of bots) fs.writeFileSync(path.join(started().dir, `${bot.name}.log`), `${bot.logs.join("\n")}\n`);
    await world?.sandbox.close();
    await world?.slack.close();
  });
  const started = (): ProcessWorld => {
    if (!world) throw new Error("the world starts in beforeAll");
    return world;
  };
  return {
    get slack() {
      return started().slack;
    },
    get sandbox() {
      return started().sandbox;
    },
    get dir() {
      return started().dir;
    },
    get policy() {
      return started().policy;
    },
    newDb: (name) => started().newDb(name),
    async startBot(botOptions = {}) {
      const bot = await startBotProcess(started(), botOptions);
      bots.push(bot);
      return bot;
    },
  };
}

let botCounter = 0;

/** Starts a bot process (see `BotProcess`) and waits until it answers /healthz. */
export async function startBotProcess(world: ProcessWorld, options: BotOptions = {}): Promise<BotProcess> {
  botCounter += 1;
  const name = options.name ?? `bot-${botCounter}`;
  const port = await freePort();
  const db = options.db ?? world.newDb(name);
  // A bot with a store of its own reads a queue of its own: on a shared queue it would take (and
  // drop, as not its own) the events of the others' jobs.
  const eventsQueue = options.eventsQueue ?? world.sandbox.addEventsQueue(`sageops-events-${name}`);
  const token = `${BOT_TOKEN}-${name}`;
  const bot = new ChildBot(name, port, db, token, botEnv(world, port, db, token, eventsQueue, options.env ?? {}), world.slack);
  await bot.restart();
  return bot;
}

/** The training job name a /train plan message shows. */
export function jobNameIn(plan: StoredMessage): string {
  const name = /churn-xgb-\d{8}-\d{6}-[0-9a-f]{4}/.exec(JSON.stringify(plan.blocks))?.[0];
  if (!name) throw new Error(`plan ${plan.ts} names no training job`);
  return name;
}

/** The model and endpoint config a deploy plan message says it creates. */
export function deployNamesIn(plan: StoredMessage): { model: string; config: string } {
  const found = /\*Model \/ config\*\\n(\S+) \/ (\S+?)"/.exec(JSON.stringify(plan.blocks));
  if (!found?.[1] || !found[2]) throw new Error(`plan ${plan.ts} names no model and endpoint config`);
  return { model: found[1], config: found[2] };
}

/** What a plan starts in SageMaker, and how its status is shown in Slack. */
export interface StartedResource {
  /** The SageMaker call that starts it, and the name fields that pick it out in the call log. */
  operation: string;
  names: Record<string, string>;
  /** As the status message and the final reply name it: `Training job churn-xgb-...`. */
  label: string;
  /** A word the status message shows once it is finished. */
  doneWord: string;
}

export function trainingJob(name: string): StartedResource {
  return { operation: "CreateTrainingJob", names: { TrainingJobName: name }, label: `Training job ${name}`, doneWord: "Completed" };
}

export function newEndpoint(name: string): StartedResource {
  return { operation: "CreateEndpoint", names: { EndpointName: name }, label: `Endpoint ${name}`, doneWord: "InService" };
}

/** What Slack and SageMaker show of one plan: counted, so that "once" can be asserted. */
export interface PlanTally {
  /** Times SageMaker carried out the starting call. */
  ran: number;
  /** The plan message, latest version. */
  plan: StoredMessage;
  statusMessages: StoredMessage[];
  finalReplies: StoredMessage[];
  approvalRequests: StoredMessage[];
}

export function tallyOf(world: Pick<ProcessWorld, "slack" | "sandbox">, plan: StoredMessage, resource: StartedResource): PlanTally {
  const thread = world.slack.messagesIn(plan.channel, plan.ts).filter((m) => m.ts !== plan.ts && m.ephemeralTo === undefined);
  return {
    ran: world.sandbox.countDone(resource.operation, resource.names),
    plan: world.slack.messages.get(`${plan.channel}:${plan.ts}`) ?? plan,
    statusMessages: thread.filter((m) => m.text?.startsWith(`${resource.label}:`)),
    finalReplies: thread.filter((m) => !m.text?.startsWith(resource.label) && m.text?.includes(`${resource.label} `)),
    approvalRequests: thread.filter((m) => JSON.stringify(m.blocks ?? []).includes(PLAN_BUTTONS.approve)),
  };
}

/** Waits until the plan's final reply is in its thread (the resource finished and was reported). */
export async function untilFinalReply(world: Pick<ProcessWorld, "slack" | "sandbox">, plan: StoredMessage, resource: StartedResource, timeoutMs = 30_000): Promise<PlanTally> {
  try {
    return await waitFor(
      () => {
        const tally = tallyOf(world, plan, resource);
        return tally.finalReplies.length > 0 && tally;
      },
      { what: `the final reply about ${resource.label}`, timeoutMs },
    );
  } catch (error) {
    // Say how far it got: whether it ran, and what the thread shows.
    const tally = tallyOf(world, plan, resource);
    const thread = world.slack.messagesIn(plan.channel, plan.ts).map((m) => `${m.ts === plan.ts ? "plan" : m.ephemeralTo ? `to ${m.ephemeralTo}` : "reply"}: ${(m.text ?? "").split("\n").slice(0, 2).join(" / ")}`);
    throw new Error(`${error instanceof Error ? error.message : String(error)}; ${resource.operation} carried out ${tally.ran} time(s); thread:\n${thread.join("\n")}`);
  }
}

/** Whether a plan message shows its plan started, with no button left to press. */
export function showsStarted(plan: StoredMessage): boolean {
  const blocks = JSON.stringify(plan.blocks ?? []);
  return blocks.includes("Started") && !blocks.includes(PLAN_BUTTONS.confirm) && !blocks.includes(PLAN_BUTTONS.approve);
}

/** `promise`, or a failure naming `what` after `timeoutMs` (for a hold that should catch a call). */
export async function within<T>(promise: Promise<T>, what: string, timeoutMs = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Long enough for a second post or a second job to show up, if one was coming. */
export const QUIET_MS = 1500;

/** How soon a restarted bot is expected to have taken up what a kill interrupted (and a job of seconds to have finished). */
export const RECOVERY_MS = 60_000;

/** The action ran once in SageMaker, and its status message, final reply and plan message each show it once. */
export function expectRanAndReportedOnce(tally: PlanTally, resource: StartedResource): void {
  expect(tally.ran, `${resource.operation} carried out`).toBe(1);
  expect(tally.statusMessages.map((m) => m.text), "status messages").toHaveLength(1);
  expect(tally.statusMessages[0]?.text).toContain(resource.doneWord);
  expect(tally.finalReplies.map((m) => m.text), "final replies").toHaveLength(1);
  expect(showsStarted(tally.plan), `the plan message shows it started, with no button left: ${JSON.stringify(tally.plan.blocks)}`).toBe(true);
}

/** A fake-Slack call matcher: `method` in the plan's thread, with text that `text` accepts. */
export function inThreadOf(plan: StoredMessage, method: string, text: (t: string) => boolean = () => true): (calledMethod: string, args: SlackArgs) => boolean {
  return (calledMethod, args) => calledMethod === method && args["channel"] === plan.channel && args["thread_ts"] === plan.ts && text(String(args["text"] ?? ""));
}

/** Matches the final reply about `resource` (the status message starts with its label, the reply names it later). */
export function isFinalReplyAbout(resource: StartedResource): (text: string) => boolean {
  return (text) => text.includes(`${resource.label} `) && !text.startsWith(resource.label);
}

type WorldWithBots = ProcessWorld & { startBot(options?: BotOptions): Promise<BotProcess> };

/** The crash stories' steps: a bot with a plan, and after a kill, the restart and a count of what followed. */
export function crashSteps(world: WorldWithBots) {
  let endpoints = 0;
  let directMessages = 0;
  return {
    /** A new bot and its /train churn-xgb plan, waiting for Confirm. */
    async trainingPlan(): Promise<{ bot: BotProcess; plan: StoredMessage; resource: StartedResource }> {
      const bot = await world.startBot();
      const plan = await bot.planFrom("U0ENGINEER", "/train", "churn-xgb");
      return { bot, plan, resource: trainingJob(jobNameIn(plan)) };
    },
    /** A new bot and its plan to deploy churn-xgb/1 to a new prod endpoint (needs an approver), waiting for Confirm. */
    async prodDeployPlan(): Promise<{ bot: BotProcess; plan: StoredMessage; resource: StartedResource }> {
      const bot = await world.startBot();
      endpoints += 1;
      const name = `churn-prod-crash${endpoints}`;
      const plan = await bot.planFrom("U0ENGINEER", "/deploy", `churn-xgb/1 to ${name} env=prod`);
      return { bot, plan, resource: newEndpoint(name) };
    },
    /** The requester presses Confirm, and the bot is killed once `hold` caught the call it waits for (`what`). */
    async confirmThenKillWhenHeld(bot: BotProcess, plan: StoredMessage, hold: { arrived: Promise<unknown> }, what: string): Promise<void> {
      await bot.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
      await within(hold.arrived, what);
      await bot.kill();
    },
    /** Restarts the killed bot, waits for the final reply and a quiet moment, and counts. */
    async restartAndFollow(bot: BotProcess, plan: StoredMessage, resource: StartedResource): Promise<PlanTally> {
      await bot.restart();
      await untilFinalReply(world, plan, resource, RECOVERY_MS);
      await settle(QUIET_MS);
      return tallyOf(world, plan, resource);
    },
    /** The approval request in the plan's thread, once there. */
    approvalRequest(plan: StoredMessage, resource: StartedResource): Promise<StoredMessage> {
      return waitFor(() => tallyOf(world, plan, resource).approvalRequests[0], { what: "the approval request", timeoutMs: RECOVERY_MS });
    },
    /** A new bot gets a direct message ("help"), acks it, and is killed while its answer is on the way (the answer is lost). */
    async directMessageCutOff(): Promise<{ bot: BotProcess; channel: string; envelope: ReturnType<typeof eventEnvelope> }> {
      const bot = await world.startBot();
      directMessages += 1;
      const channel = `D0CRASH${directMessages}`;
      const envelope = eventEnvelope({ teamId: world.slack.teamId, botUserId: world.slack.botUserId, event: directMessageEvent({ userId: "U0ENGINEER", channelId: channel, text: "help" }) });
      const hold = world.slack.hold((method, args) => method === "chat.postMessage" && args["channel"] === channel);
      expect((await bot.client.postEvent(envelope)).status).toBe(200);
      await within(hold.arrived, "the answer to the direct message");
      await bot.kill();
      hold.release("drop");
      return { bot, channel, envelope };
    },
    /** The bot's answers to "help" in a direct message channel. */
    answersIn(channel: string): StoredMessage[] {
      return world.slack.messagesIn(channel).filter((m) => m.text?.includes("sageops help"));
    },
  };
}

/**
 * Two replicas of one deployment: bot processes on one store (a database file, or PostgreSQL) and
 * one events queue, on their own ports. The second starts once the first is up (`together` starts both at once, on a
 * database neither has set up yet).
 */
export async function startReplicas(world: WorldWithBots, name: string, options: { together?: boolean; databaseUrl?: string } = {}): Promise<[BotProcess, BotProcess]> {
  const db = world.newDb(name);
  const eventsQueue = world.sandbox.addEventsQueue(`sageops-events-${name}`);
  // With a PostgreSQL URL, the replicas share that store instead of the file.
  const env: Record<string, string> = options.databaseUrl ? { SAGEOPS_DATABASE_URL: options.databaseUrl } : {};
  const start = (replica: string) => world.startBot({ name: `${name}-${replica}`, db, eventsQueue, env });
  if (options.together) return Promise.all([start("a"), start("b")]);
  const first = await start("a");
  return [first, await start("b")];
}
