/**
 * The composition root: from a Config, build the store, the AWS side (the configured account
 * or the embedded sandbox), the interpreter and the Slack App with the receiver the run mode
 * asks for; start it, and stop it cleanly.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HTTPReceiver, SocketModeReceiver, type App, type Receiver } from "@slack/bolt";
import { awsTargetFromConfig, sandboxTarget, type AwsTarget } from "./aws/clients.js";
import type { Config, RunMode } from "./config.js";
import { ConsoleReceiver, type ConsoleIdentity } from "./console/receiver.js";
import { LocalSlackApi } from "./console/slack-api.js";
import { ConsoleView } from "./console/view.js";
import { createInterpreter } from "./compose/interpreter.js";
import { createLogger, type Logger } from "./logger.js";
import { startSandbox, type Sandbox } from "./sandbox/index.js";
import { randomBytes } from "node:crypto";
import { WebClient } from "@slack/web-api";
import { ActionService } from "./actions/service.js";
import { createPlanRecheck } from "./actions/recheck.js";
import type { PlanningContext } from "./actions/planning.js";
import { createS3Client, createSageMakerClient } from "./aws/clients.js";
import { SdkSageMakerPort } from "./aws/sagemaker.js";
import { S3ObjectReader } from "./aws/s3.js";
import { ConfigError } from "./config.js";
import { canApprove, isAdmin } from "./guard/checks.js";
import { loadPolicy, resolvePolicy, type Policy } from "./guard/policy.js";
import { fileURLToPath } from "node:url";
import { SlackPlanNotifier } from "./slack/notify/plan-notifier.js";
import { PacedPoster } from "./slack/notify/pacer.js";
import { SqliteTrackedStore } from "./store/tracked.js";
import { StatusQuery } from "./watch/ask.js";
import { systemClock } from "./kernel/clock.js";
import { Tracker } from "./watch/tracker.js";
import { createEventSource } from "./aws/sqs.js";
import { EventFeed } from "./watch/events.js";
import type { Plan } from "./actions/plan.js";
import { WebApiPoster } from "./slack/notify/slack-poster.js";
import { SlackStatusReporter } from "./slack/notify/status-reporter.js";
import type { BotServices } from "./services.js";
import { SqlitePlanRepository } from "./store/plans.js";
import { UserGroupDirectory } from "./slack/user-groups.js";
import { WorkspaceSettings } from "./store/settings.js";
import { createSlackApp } from "./slack/app.js";
import { REQUEST_SIGNATURE } from "./slack/middleware/dedupe.js";
import { AuditLog } from "./store/audit.js";
import { openDatabase, type Db } from "./store/db.js";
import { DeliveryLedger } from "./store/deliveries.js";

export interface BotIo {
  stdin: NodeJS.ReadableStream;
  write: (text: string) => void;
}

export interface StartOptions {
  config: Config;
  io: BotIo;
  /** Run the console whatever the environment says (`sageops console`). */
  forceConsole?: boolean;
  consoleIdentity?: Partial<ConsoleIdentity>;
  /** HTTP port override (tests pass 0 for an ephemeral one). */
  port?: number;
  /** Run the status tracker's polling loop (default true; tests drive `tracker.pollOnce()` themselves). */
  trackerLoop?: boolean;
  /** Where SageMaker is, overriding the environment (tests point it at their own sandbox). */
  awsTarget?: AwsTarget;
  logger?: Logger;
}

export interface RunningBot {
  mode: RunMode;
  app: App;
  services: BotServices;
  /** HTTP mode: the base URL the receiver listens on. */
  url?: string;
  /** Console mode: settles once input has ended and every line was handled. */
  consoleFinished?: Promise<void>;
  sandbox?: Sandbox;
  stop(): Promise<void>;
}

/** The example policy shipped with the package: the company the sandbox's seed data describes. */
export const EXAMPLE_POLICY_PATH = fileURLToPath(new URL("../policy.example.yml", import.meta.url));

/**
 * The policy in force; a broken policy file is bad configuration (exit 2), named by its first
 * problem. With no policy file on the embedded sandbox, the example policy applies (it describes
 * the sandbox's seed data, and nothing there reaches AWS); against AWS, the built-in one.
 */
function loadPolicyOrFail(config: Config, onSandbox: boolean): { policy: Policy; source: "file" | "builtin" | "example"; path?: string } {
  const result = resolvePolicy({ path: config.policyPath, explicit: config.policyPathExplicit });
  if (result.ok && result.source === "builtin" && onSandbox) {
    const example = loadPolicy(EXAMPLE_POLICY_PATH);
    if (example.ok) return { policy: example.policy, source: "example", path: EXAMPLE_POLICY_PATH };
  }
  if (result.ok) return { policy: result.policy, source: result.source, path: result.source === "file" ? config.policyPath : undefined };
  const first = result.problems[0];
  const where = first ? `${config.policyPath}${first.line ? `:${first.line}` : ""}: ${first.path ? `${first.path}: ` : ""}${first.message}` : config.policyPath;
  const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more; run: sageops policy check ${config.policyPath})` : "";
  throw new ConfigError("SAGEOPS_POLICY", `names an invalid policy: ${where}${more}`);
}

function describePolicy(source: "file" | "builtin" | "example", path: string | undefined): string {
  if (source === "example") return "Policy: policy.example.yml, the example set-up that matches the sandbox (set SAGEOPS_POLICY to use your own).";
  if (source === "builtin") return "Policy: built-in (no policy file), so every action is a dry run; set SAGEOPS_POLICY to a policy file.";
  return `Policy: ${path ?? "policy file"}.`;
}

/** Every Slack user group the policy's roles name. */
function policyGroupIds(policy: Policy): string[] {
  return [...new Set(Object.values(policy.roles).flatMap((role) => role.groups))];
}

/** Approvers to mention for a plan: the users of the role its approval needs. */
function approversOf(policy: Policy, role: string | undefined): string[] {
  if (!role) return [];
  return (policy.roles[role]?.users ?? []).filter((user) => user !== "*");
}

export const CONSOLE_DEFAULT_IDENTITY: ConsoleIdentity = { userId: "U0ENGINEER", channelId: "C0MLOPS" };

/** An endpoint URL as it may be shown: no user, password, query or fragment, which can carry credentials. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "a custom endpoint (its URL could not be read)";
  }
}

function describeBackend(target: AwsTarget, sandbox: Sandbox | undefined): string {
  if (sandbox) return `SageMaker: the embedded sandbox at ${sandbox.url}, a local simulation; nothing here touches AWS.`;
  return `SageMaker: ${target.sagemakerEndpoint ? withoutCredentials(target.sagemakerEndpoint) : `AWS ${target.region}`}.`;
}

export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { config, io } = options;
  const mode: RunMode = options.forceConsole ? "console" : config.mode;
  const logger = options.logger ?? createLogger({ level: config.logLevel ?? (mode === "console" ? "warn" : "info") });
  const closers: (() => unknown)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        logger.warn({ err: error }, "error while shutting down");
      }
    }
  };

  try {
    let sandbox: Sandbox | undefined;
    let target = options.awsTarget ?? awsTargetFromConfig(config.aws);
    if (!options.awsTarget && !config.aws.configured) {
      sandbox = await startSandbox({ region: config.aws.region });
      closers.push(() => sandbox?.close());
      target = sandboxTarget(sandbox.url, config.aws.region);
    }

    // The embedded sandbox forgets everything when it stops; a store that remembered its jobs
    // would count them as running forever. So on the sandbox the default store is in memory too.
    const dbPath = sandbox && !config.dbPathExplicit ? ":memory:" : config.dbPath;
    const db: Db = openDatabase(dbPath);
    closers.push(() => db.close());

    const services = buildServices({ config, db, target, sandbox, logger });

    if (mode === "console") {
      const api = new LocalSlackApi({ channels: { C0MLOPS: "mlops", C0ALERTS: "ml-alerts" } });
      const apiUrl = await api.start();
      closers.push(() => api.close());
      services.useSlack(new WebClient(CONSOLE_BOT_TOKEN, { slackApiUrl: apiUrl, rejectRateLimitedCalls: true }));
      const view = new ConsoleView(api, io.write);
      const identity: ConsoleIdentity = {
        userId: options.consoleIdentity?.userId ?? CONSOLE_DEFAULT_IDENTITY.userId,
        channelId: options.consoleIdentity?.channelId ?? CONSOLE_DEFAULT_IDENTITY.channelId,
      };
      const receiver = new ConsoleReceiver({ input: io.stdin, write: io.write, api, view, identity, logger });
      const app = createSlackApp({ receiver, botToken: CONSOLE_BOT_TOKEN, apiUrl, services });
      await app.start();
      closers.push(() => app.stop());
      io.write(
        `sageops console: you are ${identity.userId} in ${identity.channelId}. Type /sageops help, ask a question, or a button's number to press it; ":as U0APPROVER" switches user. End input (Ctrl-D) to quit.\n${services.backendNote}\n\n`,
      );
      await startBackgroundWork(services, closers, true);
      return { mode, app, services, sandbox, consoleFinished: receiver.finished, stop: stopAll };
    }

    const botToken = config.slack.botToken;
    if (!botToken) throw new Error("Slack modes need SLACK_BOT_TOKEN");
    let receiver: Receiver;
    let httpReceiver: HTTPReceiver | undefined;
    if (mode === "socket") {
      const appToken = config.slack.appToken ?? "";
      receiver = new SocketModeReceiver({ appToken, installerOptions: { clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {} } });
    } else {
      httpReceiver = new HTTPReceiver({
        signingSecret: config.slack.signingSecret ?? "",
        endpoints: "/slack/events",
        // The signature identifies one request from Slack: a replayed slash command is recognised by it.
        customPropertiesExtractor: (request) => {
          const signature = request.headers["x-slack-signature"];
          return { [REQUEST_SIGNATURE]: typeof signature === "string" ? signature : "" };
        },
        customRoutes: [
          {
            path: "/healthz",
            method: ["GET"],
            handler: (_req, res) => {
              res.writeHead(200, { "content-type": "application/json" });
              res.end(JSON.stringify({ ok: true }));
            },
          },
        ],
      });
      receiver = httpReceiver;
    }
    // The pacer's own client: rate-limit errors reach the pacer, which honours Retry-After per channel.
    services.useSlack(new WebClient(botToken, { rejectRateLimitedCalls: true, ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}) }));
    const app = createSlackApp({ receiver, botToken, apiUrl: config.slack.apiUrl, services });
    let url: string | undefined;
    if (httpReceiver) {
      const server = (await httpReceiver.start(options.port ?? config.port)) as Server;
      const address = server.address() as AddressInfo;
      url = `http://127.0.0.1:${address.port}`;
      closers.push(() => httpReceiver.stop());
      logger.info({ port: address.port }, "sageops listening for Slack over HTTP at /slack/events");
    } else {
      await app.start();
      closers.push(() => app.stop());
      logger.info("sageops connected to Slack in Socket Mode");
    }
    await startBackgroundWork(services, closers, options.trackerLoop !== false);
    return { mode, app, services, url, sandbox, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

const CONSOLE_BOT_TOKEN = "xoxb-local-console";

/**
 * Once Slack is connected: runs plans a restart interrupted, starts the status tracker's loop
 * (and, when there is a queue, the SageMaker events feed) and the plan sweeper.
 */
async function startBackgroundWork(services: BotServices, closers: (() => unknown)[], trackerLoop: boolean): Promise<void> {
  await services.actions.resume();
  if (trackerLoop) {
    services.tracker.start();
    closers.push(() => services.tracker.stop());
    const feed = services.eventFeed;
    if (feed) {
      feed.start();
      closers.push(() => feed.stop());
    }
  }
  closers.push(sweepExpiredPlans(services));
}

/**
 * Every minute: marks plans that waited too long as expired (so their buttons go away) and
 * forgets Slack deliveries older than a day (Slack stops retrying long before). Returns the stop.
 */
function sweepExpiredPlans(services: BotServices): () => void {
  const timer = setInterval(() => {
    services.actions.expireStale().catch((error: unknown) => services.logger.warn({ err: error }, "could not expire stale plans"));
    services.deliveries.prune(new Date(Date.now() - 24 * 3600_000));
  }, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Plan ids: "p-" and 24 hex digits, unguessable so a forged button value finds nothing. */
function newPlanId(): string {
  return `p-${randomBytes(12).toString("hex")}`;
}

interface ServiceInputs {
  config: Config;
  db: Db;
  target: AwsTarget;
  sandbox: Sandbox | undefined;
  logger: Logger;
}

/**
 * Builds the services the listeners use. The Slack Web API client is attached with
 * `useSlack` once the mode knows where Slack is (the console's stand-in, or Slack).
 */
function buildServices(inputs: ServiceInputs): BotServices & { useSlack(client: WebClient): void } {
  const { config, db, target, sandbox, logger } = inputs;
  const { policy, source, path: policyPath } = loadPolicyOrFail(config, sandbox !== undefined);
  const plans = new SqlitePlanRepository(db);
  const settings = new WorkspaceSettings(db);
  const audit = new AuditLog(db);
  const sagemaker = new SdkSageMakerPort(createSageMakerClient(target));
  const backendNote = `${describeBackend(target, sandbox)} ${describePolicy(source, policyPath)}`;
  // Slack's client arrives with `useSlack`; posts are paced per channel (Slack's rate limits).
  let slackClient: WebClient | undefined;
  const groups = new UserGroupDirectory(policyGroupIds(policy), () => slackClient, logger);
  let poster: PacedPoster | undefined;
  const posterOrFail = (): PacedPoster => {
    if (!poster) throw new Error("Slack is not connected yet");
    return poster;
  };
  const lazyPoster = {
    post: (...args: Parameters<PacedPoster["post"]>) => posterOrFail().post(...args),
    update: (...args: Parameters<PacedPoster["update"]>) => posterOrFail().update(...args),
    ephemeral: (...args: Parameters<PacedPoster["ephemeral"]>) => posterOrFail().ephemeral(...args),
  };
  const trackedStore = new SqliteTrackedStore(db);
  const tracker = new Tracker({
    port: sagemaker,
    reporter: new SlackStatusReporter(lazyPoster),
    store: trackedStore,
    clock: systemClock,
    onError: (error, about) => logger.warn({ err: error, resource: about.resource?.name, stage: about.stage }, "status tracking hit an error"),
    onFinished: (record) => {
      if (record.context.planId) plans.markFinished(record.context.planId, new Date());
    },
  });
  // SageMaker's state-change events, from the configured queue or the embedded sandbox's own; polling stays the fallback.
  const eventSource = createEventSource(config.eventsQueueUrl ?? sandbox?.eventsQueue.url, target);
  const eventFeed = eventSource
    ? new EventFeed(eventSource, tracker, systemClock, {
        onError: (error, stage) => logger.warn({ err: error, stage }, "the SageMaker events queue failed; polling SageMaker until it answers again"),
      })
    : undefined;
  const follow = (plan: Plan): void => {
    if (!plan.track) return;
    const env = policy.environments[plan.environment];
    tracker.track(plan.track, { planId: plan.id, requester: plan.requester, channel: plan.channel, threadTs: plan.messageTs, alertChannel: env?.alertChannel, region: env?.region ?? target.region });
  };
  const usageOf = (userId: string, channelId: string, now: Date) => ({
    ...plans.usageOf(userId, now),
    plansLastMinute: plans.plansAskedSince(new Date(now.getTime() - 60_000), { requester: userId }),
    channelPlansLastMinute: plans.plansAskedSince(new Date(now.getTime() - 60_000), { channel: channelId }),
  });
  const recheck = createPlanRecheck({
    policy,
    region: target.region,
    forceDryRun: config.dryRun,
    frozen: () => settings.freezeState().frozen,
    groupsOf: (userId) => groups.groupsOf(userId),
    // Plan-rate limits apply only when a plan is made, so a recheck counts jobs alone.
    usage: (plan) => plans.usageOf(plan.requester, new Date(), plan.id),
    modelApproval: async (arn) => {
      try {
        return (await sagemaker.describeModelPackage(arn)).ModelApprovalStatus;
      } catch (error) {
        logger.warn({ err: error }, "could not read a model version's approval again; using the one the plan was made with");
        return undefined;
      }
    },
  });
  const actions = new ActionService({
    plans,
    port: sagemaker,
    audit,
    recheck,
    notifier: new SlackPlanNotifier(lazyPoster, { backendNote, approversFor: (plan) => approversOf(policy, plan.approval?.role) }),
    approvals: {
      whyCannotApprove: async (plan, userId) => {
        const check = canApprove(policy, plan.environment, userId, plan.requester, await groups.groupsOf(userId));
        return check.allowed ? undefined : check.message;
      },
      isAdmin: (userId) => isAdmin(policy, userId),
    },
    freeze: settings,
    now: () => new Date(),
    onNotifyError: (error, plan) => logger.error({ err: error, plan: plan.id }, "could not update the plan message in Slack"),
    onStarted: follow,
  });
  const planningContext = async (requester: { userId: string; channelId: string }): Promise<PlanningContext> => {
    const groupIds = await groups.groupsOf(requester.userId);
    const now = new Date();
    return {
      policy,
      requester: { userId: requester.userId, groupIds },
      channelId: requester.channelId,
      region: target.region,
      now,
      newPlanId,
      frozen: settings.freezeState().frozen,
      usage: usageOf(requester.userId, requester.channelId, now),
      forceDryRun: config.dryRun,
      port: sagemaker,
      // The plan that started the resource, never a draft that merely names it.
      startedBy: (name) => {
        const plan = plans.latestStarted(name);
        return plan ? { requester: plan.requester, environment: plan.environment } : undefined;
      },
      previousConfigOf: (endpoint) => plans.latestStarted(endpoint)?.previousEndpointConfig,
    };
  };
  return {
    logger,
    interpreter: createInterpreter({ config, target: awsTargetFromConfig(config.aws), logger }),
    audit,
    deliveries: new DeliveryLedger(db),
    backendNote,
    simulationNote: target.simulated ? "Simulated: this comes from the sageops sandbox, not from AWS." : undefined,
    policy,
    policySource: source,
    plans,
    actions,
    settings,
    poster: lazyPoster,
    sagemaker,
    eventFeed,
    objects: new S3ObjectReader(createS3Client(target)),
    tracker,
    status: new StatusQuery({ port: sagemaker, store: trackedStore, region: target.region, clock: systemClock }),
    planningContext,
    useSlack(client: WebClient) {
      slackClient = client;
      poster = new PacedPoster(new WebApiPoster(client), { clock: systemClock });
    },
  };
}
