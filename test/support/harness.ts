/**
 * Starts the real bot in HTTP mode with its Web API calls going to the local Slack API
 * stand-in (as a fake Slack) and SageMaker to a sandbox, all on loopback ephemeral ports.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, inject } from "vitest";
import { type AwsTarget, sandboxTarget } from "../../src/aws/clients.js";
import { loadConfig } from "../../src/config.js";
import { blockActionsPayload, slashCommandPayload } from "../../src/console/payloads.js";
import { LocalSlackApi, type SlackApiCall, type StoredMessage } from "../../src/console/slack-api.js";
import { type RunningBot, startBot } from "../../src/index.js";
import { createLogger } from "../../src/logger.js";
import { createManualClock, type Sandbox, startSandbox } from "../../src/sandbox/index.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { BOT_TOKEN, CHANNEL_NAMES, EXAMPLE_POLICY_PATH, START_MS } from "./constants.js";
import { freshPostgresStore } from "./postgres.js";
import { SlackHttpClient } from "./slack-http.js";
import { settle, waitFor } from "./wait.js";

export const SIGNING_SECRET = "test-signing-secret-0123456789";

/** A new database on the run's PostgreSQL, schema applied, for one harness. */
function postgresUrlForStory(): string {
  const { url, db } = freshPostgresStore(inject("postgresAdminUrl"));
  db.close();
  return url;
}

export interface HttpHarness {
  bot: RunningBot;
  slack: LocalSlackApi;
  sandbox: Sandbox;
  client: SlackHttpClient;
  /** Everything the bot logged, as lines of JSON. */
  logs: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Reuse these instead of starting new ones (for restarting the bot alone). */
  slack?: LocalSlackApi;
  sandbox?: Sandbox;
  /** Where the bot finds SageMaker, from the sandbox's URL (default: the sandbox itself). */
  awsTarget?: (sandboxUrl: string, region: string) => AwsTarget;
}

export async function startHttpHarness(options: HarnessOptions = {}): Promise<HttpHarness> {
  const slack = options.slack ?? new LocalSlackApi({ channels: CHANNEL_NAMES });
  const apiUrl = options.slack ? slack.apiUrl : await slack.start();
  const sandbox = options.sandbox ?? (await startSandbox({ clock: createManualClock(START_MS) }));
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      callback();
    },
  });
  // SAGEOPS_TEST_BACKEND=postgres runs every harness story on a fresh PostgreSQL database of the run's server.
  const onPostgres = process.env["SAGEOPS_TEST_BACKEND"] === "postgres" && inject("postgresAdminUrl") !== "" && options.env?.["SAGEOPS_DB"] === undefined;
  const config = loadConfig({
    ...(onPostgres ? { SAGEOPS_DATABASE_URL: postgresUrlForStory() } : {}),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    SAGEOPS_DB: ":memory:",
    SAGEOPS_POLICY: EXAMPLE_POLICY_PATH,
    AWS_ENDPOINT_URL: sandbox.url,
    ...options.env,
  });
  const bot = await startBot({
    config,
    io: { stdin: process.stdin, write: () => undefined },
    port: 0,
    trackerLoop: false,
    awsTarget: options.awsTarget ? options.awsTarget(sandbox.url, sandbox.region) : sandboxTarget(sandbox.url, sandbox.region),
    logger: createLogger({ level: "debug", destination }),
  });
  const client = new SlackHttpClient(bot.url ?? "", SIGNING_SECRET);
  return {
    bot,
    slack,
    sandbox,
    client,
    logs,
    async close() {
      await bot.stop();
      if (!options.sandbox) await sandbox.close();
      if (!options.slack) await slack.close();
    },
  };
}

/** A button found in a stored message's blocks. */
interface FoundButton {
  actionId: string;
  blockId: string;
  value?: string;
}

export function buttonsIn(message: StoredMessage): FoundButton[] {
  const found: FoundButton[] = [];
  for (const block of (message.blocks ?? []) as { type?: string; block_id?: string; elements?: { type?: string; action_id?: string; value?: string }[] }[]) {
    if (block.type !== "actions") continue;
    for (const element of block.elements ?? []) {
      if (element.type === "button" && element.action_id) found.push({ actionId: element.action_id, blockId: block.block_id ?? "", value: element.value });
    }
  }
  return found;
}

/** The plan id a plan message's Confirm button carries. */
export function planIdOf(message: StoredMessage): string {
  const id = buttonsIn(message).find((b) => b.actionId === PLAN_BUTTONS.confirm)?.value;
  if (!id) throw new Error(`message ${message.ts} carries no Confirm button`);
  return id;
}

/** Moves the sandbox's time on a minute at a time until the endpoint is InService; fails after an hour. */
export async function untilInService(h: HttpHarness, endpoint: string): Promise<void> {
  for (let minute = 0; minute < 60; minute += 1) {
    if ((await h.bot.core.sagemaker.describeEndpoint(endpoint)).EndpointStatus === "InService") return;
    h.sandbox.clock.advance(60);
  }
  throw new Error(`${endpoint} never reached InService`);
}

/** Drives the bot as people in the workspace would: slash commands and button clicks, signed. */
export class Workspace {
  constructor(private readonly h: Pick<HttpHarness, "slack" | "client">) {}

  /** Runs a slash command and waits for the bot's reply on the response URL (or a new channel post). */
  async command(userId: string, command: string, text: string, channelId = "C0MLOPS"): Promise<{ reply?: SlackApiCall; posted: StoredMessage[] }> {
    const beforePosts = this.h.slack.callsTo("chat.postMessage").length;
    const beforeViews = this.h.slack.callsTo("views.open").length;
    const payload = slashCommandPayload({ userId, teamId: this.h.slack.teamId, command, text, channelId, responseUrl: this.h.slack.newResponseUrl({ channel: channelId, user: userId }) });
    const response = await this.h.client.postCommand(payload);
    if (response.status !== 200) throw new Error(`${command} ${text} got HTTP ${response.status}`);
    const ownReply = () => this.h.slack.callsTo("response_url").find((call) => call.url === payload.response_url);
    await waitFor(() => ownReply() !== undefined || this.h.slack.callsTo("views.open").length > beforeViews, { what: `a reply to ${command} ${text}`, timeoutMs: 10_000 });
    await settle(50);
    const posted = this.h.slack
      .callsTo("chat.postMessage")
      .slice(beforePosts)
      .map((call) => this.h.slack.messages.get(`${String(call.args["channel"])}:${String(call.response["ts"])}`))
      .filter((m): m is StoredMessage => m !== undefined);
    return { reply: ownReply(), posted };
  }

  /** Runs a slash command that must post a plan, and returns the plan message. */
  async planFrom(userId: string, command: string, text: string): Promise<StoredMessage> {
    const { posted, reply } = await this.command(userId, command, text);
    const plan = posted[0];
    if (!plan) throw new Error(`no plan for ${command} ${text}: ${JSON.stringify(reply?.args)}`);
    return plan;
  }

  /** The approval request the bot posts in a confirmed plan's thread, once it is there. */
  approvalRequestFor(plan: StoredMessage): Promise<StoredMessage> {
    return waitFor(() => this.h.slack.messagesIn(plan.channel).find((m) => m.threadTs === plan.ts && JSON.stringify(m.blocks ?? []).includes(PLAN_BUTTONS.approve)), { what: "the approval request" });
  }

  /** Clicks a button on a message as `userId`; resolves once the bot has handled it. */
  async click(userId: string, message: StoredMessage, actionId: string, options: { retryOfPayload?: Record<string, unknown> } = {}): Promise<{ payload: Record<string, unknown>; status: number }> {
    const button = buttonsIn(this.h.slack.messages.get(`${message.channel}:${message.ts}`) ?? message).find((b) => b.actionId === actionId);
    if (!button) throw new Error(`no ${actionId} button on message ${message.ts}`);
    const payload =
      options.retryOfPayload ??
      blockActionsPayload({
        userId,
        teamId: this.h.slack.teamId,
        channelId: message.channel,
        messageTs: message.ts,
        message: { text: message.text, blocks: message.blocks },
        responseUrl: this.h.slack.newResponseUrl({ channel: message.channel, user: userId }),
        click: button,
      });
    const response = await this.h.client.postInteraction(payload);
    return { payload, status: response.status };
  }

  /** The latest version of a message. */
  message(message: StoredMessage): StoredMessage {
    return this.h.slack.messages.get(`${message.channel}:${message.ts}`) ?? message;
  }

  /** Everything the bot said privately to a user through response URLs, newest last. */
  privateRepliesTo(userId: string): string[] {
    return this.h.slack.callsTo("response_url").filter((c) => c.args["user"] === userId).map((c) => JSON.stringify(c.args));
  }
}

/** One harness and workspace for a describe block: started before its tests, closed after. */
export function useHttpHarness(options: HarnessOptions = {}): { readonly h: HttpHarness; readonly ws: Workspace } {
  let harness: HttpHarness | undefined;
  let workspace: Workspace | undefined;
  beforeAll(async () => {
    harness = await startHttpHarness(options);
    workspace = new Workspace(harness);
  });
  afterAll(async () => {
    await harness?.close();
  });
  return {
    get h(): HttpHarness {
      if (!harness) throw new Error("the harness starts in beforeAll");
      return harness;
    },
    get ws(): Workspace {
      if (!workspace) throw new Error("the harness starts in beforeAll");
      return workspace;
    },
  };
}

/**
 * What outlives one bot in a restart story: the fake Slack, the sandbox and a database file, set up
 * before the describe block's tests and closed after. Each story starts bots on them with
 * `startHttpHarness({ slack, sandbox, env: { SAGEOPS_DB: db } })`.
 */
export function useRestartableWorld(): { readonly slack: LocalSlackApi; readonly sandbox: Sandbox; readonly db: string } {
  let world: { slack: LocalSlackApi; sandbox: Sandbox; db: string } | undefined;
  beforeAll(async () => {
    const slack = new LocalSlackApi({ channels: CHANNEL_NAMES });
    await slack.start();
    const sandbox = await startSandbox({ clock: createManualClock(START_MS) });
    world = { slack, sandbox, db: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sageops-restart-")), "sageops.db") };
  });
  afterAll(async () => {
    await world?.sandbox.close();
    await world?.slack.close();
  });
  const started = () => {
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
    get db() {
      return started().db;
    },
  };
}
