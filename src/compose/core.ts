/**
 * Builds every store, port and service once, in order, around one Slack Web API client that
 * already points where Slack is (Slack itself, SLACK_API_URL, or the console's local stand-in).
 */
import type { WebClient } from "@slack/web-api";
import { createPlanningContextSource } from "../actions/context.js";
import { FeatureStoreView } from "../actions/feature-store.js";
import { ModelRegistryView } from "../actions/model-registry.js";
import type { Plan } from "../actions/plan.js";
import { PlanService } from "../actions/plan-service.js";
import { createPlanRecheck } from "../actions/recheck.js";
import { ActionRequests } from "../actions/requests.js";
import { VersionAnnouncer } from "../actions/version-announcer.js";
import { awsTargetFromConfig, createS3Client, createSageMakerClient } from "../aws/clients.js";
import { S3ObjectReader } from "../aws/s3.js";
import { SdkSageMakerPort } from "../aws/sagemaker.js";
import { createEventSource } from "../aws/sqs.js";
import type { Config } from "../config.js";
import { canApprove, isAdmin } from "../guard/checks.js";
import { systemClock } from "../kernel/clock.js";
import type { SageMakerPort } from "../kernel/sagemaker-port.js";
import type { Logger } from "../logger.js";
import { SageopsMetrics } from "../metrics/metrics.js";
import type { SlackDeps } from "../slack/deps.js";
import { PacedPoster } from "../slack/notify/pacer.js";
import { SlackPlanNotifier } from "../slack/notify/plan-notifier.js";
import { WebApiPoster } from "../slack/notify/slack-poster.js";
import { SlackStatusReporter } from "../slack/notify/status-reporter.js";
import { SlackVersionReporter } from "../slack/notify/version-reporter.js";
import { UserGroupDirectory } from "../slack/user-groups.js";
import { AuditLog } from "../store/audit.js";
import { SqlChoiceLedger } from "../store/choices.js";
import type { Db } from "../store/db.js";
import { SqlLeases } from "../store/leases.js";
import { SqlPlanRepository } from "../store/plans.js";
import { WorkspaceSettings } from "../store/settings.js";
import { SqlRequestInbox } from "../store/slack-requests.js";
import { SqlTrackedStore } from "../store/tracked.js";
import { SqlThreadTurns } from "../store/turns.js";
import { SqlAnnouncementStore } from "../store/version-announcements.js";
import { StatusQuery } from "../watch/ask.js";
import { driftFindings } from "../watch/drift.js";
import type { DriftWatcher } from "../watch/drift-watch.js";
import { EventFeed } from "../watch/events.js";
import { Tracker } from "../watch/tracker.js";
import { type Backend, describeBackend } from "./backend.js";
import { watchersOf } from "./background.js";
import { buildDriftWatching } from "./drift.js";
import { countDriftAlerts, instrumentPoster, instrumentSageMaker, storeReadings } from "./instrumented.js";
import { createLanguageParts } from "./interpreter.js";
import { buildInventory } from "./inventory.js";
import { WatcherLeadership } from "./leader.js";
import { approversOf, describePolicy, policyGroupIds, policyInForce } from "./policy.js";
import { threadSubjects } from "./threads.js";

export interface CoreInputs {
  config: Config;
  db: Db;
  backend: Backend;
  logger: Logger;
  /** The pacer's own client: create it with `rejectRateLimitedCalls: true`, so 429s reach the pacer. */
  slackClient: WebClient;
  /** Messages a channel may send back to back; the console's local Slack API has no rate limit to keep to. */
  burst?: number;
}

/** The running parts that start-up, the background loops and tests reach for. */
export interface Core {
  plans: SqlPlanRepository;
  planService: PlanService;
  sagemaker: SageMakerPort;
  tracker: Tracker;
  /** SageMaker's state-change events feeding the tracker, when there is a queue (polling stays the fallback). */
  eventFeed?: EventFeed;
  status: StatusQuery;
  audit: AuditLog;
  /** Every Slack request, from before it is answered until handled. */
  inbox: SqlRequestInbox;
  /** Reads every watched endpoint's drift sources and tells the subscribed channels. */
  driftWatcher: DriftWatcher;
  /** Tells the channels the policy links to a model group of its new versions. */
  versionAnnouncer: VersionAnnouncer;
  /** Which replica runs the watchers (the tracker's loop, the events feed, drift, announcements). */
  watcherLeadership: WatcherLeadership;
  /** What the bot counts (src/metrics/); `GET /metrics` answers from its registry. */
  metrics: SageopsMetrics;
}

export function buildCore(inputs: CoreInputs): { core: Core; slack: SlackDeps } {
  const { config, db, backend, logger } = inputs;
  const { target } = backend;
  const inForce = policyInForce(config, backend.sandbox !== undefined);
  const { policy } = inForce;
  const backendNote = `${describeBackend(backend)} ${describePolicy(inForce)}`;

  const plans = new SqlPlanRepository(db);
  const settings = new WorkspaceSettings(db);
  const audit = new AuditLog(db);
  const inbox = new SqlRequestInbox(db);
  const trackedStore = new SqlTrackedStore(db);
  // One registry for this bot; the SageMaker port, the Web API poster and drift's poster count into it.
  const metrics = new SageopsMetrics({ onReadError: (error, metric) => logger.warn({ err: error, metric }, "a metric could not be read") });
  const sagemaker = instrumentSageMaker(new SdkSageMakerPort(createSageMakerClient(target)), metrics);
  const objects = new S3ObjectReader(createS3Client(target));
  // Posts are paced per channel (Slack's rate limits).
  const poster = new PacedPoster(instrumentPoster(new WebApiPoster(inputs.slackClient), metrics), { clock: systemClock, burst: inputs.burst });
  metrics.readFrom({ ...storeReadings(db), pacerQueueDepth: () => poster.pending });
  const groups = new UserGroupDirectory(policyGroupIds(policy), inputs.slackClient, logger);

  const tracker = new Tracker({
    port: sagemaker,
    reporter: new SlackStatusReporter(poster),
    store: trackedStore,
    clock: systemClock,
    onError: (error, about) => logger.warn({ err: error, resource: about.resource?.name, stage: about.stage }, "status tracking hit an error"),
    onFinished: (record) => {
      if (record.context.planId) plans.markFinished(record.context.planId, new Date());
    },
  });
  const drift = buildDriftWatching({ db, policy, sagemaker, objects, poster: countDriftAlerts(poster, metrics), groupsOf: (userId) => groups.groupsOf(userId), region: target.region, logger,
    // The sandbox's schedules run on its fast clock; AWS's at most hourly.
    intervalMs: backend.sandbox ? 15_000 : undefined });
  const models = new ModelRegistryView({ port: sagemaker, objects });
  const versionAnnouncer = new VersionAnnouncer({
    policy,
    port: sagemaker,
    registry: models,
    store: new SqlAnnouncementStore(db),
    reporter: new SlackVersionReporter(poster),
    now: () => new Date(),
    onError: (error, group) => logger.warn({ err: error, group }, "could not announce new versions of a model group"),
    intervalMs: backend.sandbox ? 15_000 : undefined,
  });
  // SageMaker's state-change events, from the configured queue or the embedded sandbox's own.
  const eventSource = createEventSource(config.eventsQueueUrl ?? backend.sandbox?.eventsQueue.url, target);
  const eventFeed = eventSource
    ? new EventFeed(eventSource, tracker, systemClock, {
        onError: (error, stage) => logger.warn({ err: error, stage }, "the SageMaker events queue failed; polling SageMaker until it answers again"),
        onProcessingJobFinished: () => drift.watcher.wake(),
        onModelPackageChanged: () => void versionAnnouncer.wake(),
      })
    : undefined;
  const follow = (plan: Plan): void => {
    if (!plan.track) return;
    const env = policy.environments[plan.environment];
    tracker.track(plan.track, { planId: plan.id, requester: plan.requester, channel: plan.channel, threadTs: plan.messageTs, alertChannel: env?.alertChannel, region: env?.region ?? target.region });
  };

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
  const planService = new PlanService({
    plans,
    port: sagemaker,
    audit,
    recheck,
    notifier: new SlackPlanNotifier(poster, { backendNote, approversFor: (plan) => approversOf(policy, plan.approval?.role), current: (id) => plans.get(id) }),
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
  const requests = new ActionRequests({
    policy,
    plans: planService,
    context: createPlanningContextSource({
      policy,
      region: target.region,
      forceDryRun: config.dryRun,
      port: sagemaker,
      plans,
      frozen: () => settings.freezeState().frozen,
      groupsOf: (userId) => groups.groupsOf(userId),
      now: () => new Date(),
    }),
  });
  // The company's names, for the interpreter; read once here so the first message need not wait.
  const inventory = buildInventory({ policy, store: trackedStore, sagemaker, logger });
  void inventory.refresh();
  // Bedrock is always AWS's, even when SageMaker is the sandbox.
  const language = createLanguageParts({ config, target: awsTargetFromConfig(config.aws), logger, inventory });
  const watcherLeadership = new WatcherLeadership({
    leases: new SqlLeases(db),
    logger,
    startWatchers: watchersOf({ tracker, driftWatcher: drift.watcher, versionAnnouncer, eventFeed }),
  });
  const status = new StatusQuery({ port: sagemaker, store: trackedStore, region: target.region, clock: systemClock });

  return {
    core: { plans, planService, sagemaker, tracker, eventFeed, status, audit, inbox, driftWatcher: drift.watcher, versionAnnouncer, watcherLeadership, metrics },
    slack: {
      logger,
      ...language,
      audit,
      inbox,
      backendNote,
      simulationNote: target.simulated ? "Simulated: this comes from the sageops sandbox, not from AWS." : undefined,
      policy,
      policySource: inForce.source,
      requests,
      planLife: planService,
      freeze: settings,
      registry: sagemaker,
      models,
      features: new FeatureStoreView(sagemaker),
      driftFindings: (endpoint) => driftFindings(sagemaker, objects, endpoint),
      driftSubscriptions: drift.subscriptions,
      driftAlerts: drift.store,
      driftReporter: drift.reporter,
      status,
      poster,
      choices: new SqlChoiceLedger(db),
      threads: threadSubjects(trackedStore, plans),
      turns: new SqlThreadTurns(db),
    },
  };
}
