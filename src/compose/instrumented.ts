/**
 * The decorators that count (src/metrics/): around the SageMaker port, the Web API poster, the
 * drift reporter's poster and the Slack app's entry point. Each passes everything through
 * unchanged, results and errors alike, and only counts.
 */
import { performance } from "node:perf_hooks";
import type { App, ReceiverEvent } from "@slack/bolt";
import { z } from "zod";
import { SageMakerError, type SageMakerPort } from "../kernel/sagemaker-port.js";
import type { SageopsMetrics, ScrapeSources, SlackCallOutcome, SlackRequestKind } from "../metrics/metrics.js";
import { SlackRateLimited, SlackRefused } from "../slack/notify/errors.js";
import type { SlackPoster } from "../slack/notify/poster.js";
import { followedResourceCount, planCountsByStatus } from "../store/counts.js";
import type { Db } from "../store/db.js";

/** Runs a call and passes its result or error through, telling `record` how it went: undefined for done, else what it threw. */
async function recorded<T>(call: () => Promise<T>, record: (failure: { error: unknown } | undefined) => void): Promise<T> {
  let result: T;
  try {
    result = await call();
  } catch (error) {
    record({ error });
    throw error;
  }
  record(undefined);
  return result;
}

/** Counts every call by its SageMaker operation and outcome: "ok", or the SageMakerError's code (Throttling counted as a throttle too). */
export function instrumentSageMaker(port: SageMakerPort, metrics: SageopsMetrics): SageMakerPort {
  const counted = <T>(operation: string, call: () => Promise<T>): Promise<T> =>
    recorded(call, (failure) => metrics.sagemakerCall(operation, failure === undefined ? "ok" : failure.error instanceof SageMakerError ? failure.error.code : "Other"));
  return {
    createTrainingJob: (request) => counted("CreateTrainingJob", () => port.createTrainingJob(request)),
    describeTrainingJob: (name) => counted("DescribeTrainingJob", () => port.describeTrainingJob(name)),
    listTrainingJobs: (filter) => counted("ListTrainingJobs", () => port.listTrainingJobs(filter)),
    stopTrainingJob: (name) => counted("StopTrainingJob", () => port.stopTrainingJob(name)),
    createTuningJob: (request) => counted("CreateHyperParameterTuningJob", () => port.createTuningJob(request)),
    describeTuningJob: (name) => counted("DescribeHyperParameterTuningJob", () => port.describeTuningJob(name)),
    stopTuningJob: (name) => counted("StopHyperParameterTuningJob", () => port.stopTuningJob(name)),
    startPipelineExecution: (request) => counted("StartPipelineExecution", () => port.startPipelineExecution(request)),
    describePipelineExecution: (arn) => counted("DescribePipelineExecution", () => port.describePipelineExecution(arn)),
    listPipelineExecutionSteps: (arn) => counted("ListPipelineExecutionSteps", () => port.listPipelineExecutionSteps(arn)),
    stopPipelineExecution: (request) => counted("StopPipelineExecution", () => port.stopPipelineExecution(request)),
    listPipelineExecutions: (pipeline, filter) => counted("ListPipelineExecutions", () => port.listPipelineExecutions(pipeline, filter)),
    listPipelines: () => counted("ListPipelines", () => port.listPipelines()),
    listModelPackageGroups: () => counted("ListModelPackageGroups", () => port.listModelPackageGroups()),
    listModelPackages: (group, status, createdAfter) => counted("ListModelPackages", () => port.listModelPackages(group, status, createdAfter)),
    describeModelPackage: (nameOrArn) => counted("DescribeModelPackage", () => port.describeModelPackage(nameOrArn)),
    updateModelPackage: (request) => counted("UpdateModelPackage", () => port.updateModelPackage(request)),
    listFeatureGroups: (filter) => counted("ListFeatureGroups", () => port.listFeatureGroups(filter)),
    describeFeatureGroup: (name) => counted("DescribeFeatureGroup", () => port.describeFeatureGroup(name)),
    createModel: (request) => counted("CreateModel", () => port.createModel(request)),
    describeModel: (name) => counted("DescribeModel", () => port.describeModel(name)),
    createEndpointConfig: (request) => counted("CreateEndpointConfig", () => port.createEndpointConfig(request)),
    describeEndpointConfig: (name) => counted("DescribeEndpointConfig", () => port.describeEndpointConfig(name)),
    createEndpoint: (request) => counted("CreateEndpoint", () => port.createEndpoint(request)),
    updateEndpoint: (request) => counted("UpdateEndpoint", () => port.updateEndpoint(request)),
    describeEndpoint: (name) => counted("DescribeEndpoint", () => port.describeEndpoint(name)),
    listEndpoints: (filter) => counted("ListEndpoints", () => port.listEndpoints(filter)),
    createTransformJob: (request) => counted("CreateTransformJob", () => port.createTransformJob(request)),
    describeTransformJob: (name) => counted("DescribeTransformJob", () => port.describeTransformJob(name)),
    listTags: (arn) => counted("ListTags", () => port.listTags(arn)),
    listMonitoringExecutions: (filter) => counted("ListMonitoringExecutions", () => port.listMonitoringExecutions(filter)),
    describeMonitoringSchedule: (name) => counted("DescribeMonitoringSchedule", () => port.describeMonitoringSchedule(name)),
    // The report's location is read from the monitoring run's processing job.
    monitoringReportUri: (processingJobArn) => counted("DescribeProcessingJob", () => port.monitoringReportUri(processingJobArn)),
  };
}

function outcomeOf(error: unknown): SlackCallOutcome {
  if (error instanceof SlackRateLimited) return "rate_limited";
  if (error instanceof SlackRefused) return "refused";
  return "error";
}

/**
 * Counts each call the pacer hands to the Web API poster, by Slack method and outcome; put it
 * between the two, so every attempt the pacer makes after a 429 is counted, 429s included.
 */
export function instrumentPoster(inner: SlackPoster, metrics: SageopsMetrics): SlackPoster {
  const counted = <T>(method: string, call: () => Promise<T>): Promise<T> => recorded(call, (failure) => metrics.slackCall(method, failure === undefined ? "ok" : outcomeOf(failure.error)));
  return {
    post: (channel, message, options) => counted("chat.postMessage", () => inner.post(channel, message, options)),
    update: (channel, ts, message) => counted("chat.update", () => inner.update(channel, ts, message)),
    ephemeral: (channel, user, message, options) => counted("chat.postEphemeral", () => inner.ephemeral(channel, user, message, options)),
    upload: (channel, file, options) => counted("files.uploadV2", () => inner.upload(channel, file, options)),
  };
}

/** The key the drift reporter gives an alert's post (src/slack/notify/drift-reporter.ts); its thread replies have none. */
const DRIFT_ALERT_KEY = "drift:";

/** The drift reporter's poster: counts each alert posted (a post under a drift alert's key that went out). */
export function countDriftAlerts(poster: SlackPoster, metrics: SageopsMetrics): SlackPoster {
  return {
    post: async (channel, message, options) => {
      const posted = await poster.post(channel, message, options);
      if (options?.key?.startsWith(DRIFT_ALERT_KEY)) metrics.driftAlertPosted();
      return posted;
    },
    update: (channel, ts, message) => poster.update(channel, ts, message),
    ephemeral: (channel, user, message, options) => poster.ephemeral(channel, user, message, options),
    upload: (channel, file, options) => poster.upload(channel, file, options),
  };
}

/** The gauges' readings from the store, taken at scrape time. */
export function storeReadings(db: Db): ScrapeSources {
  return { plansByStatus: () => planCountsByStatus(db), trackedFollowed: () => followedResourceCount(db) };
}

const RequestShape = z.object({ command: z.string().optional(), type: z.string().optional() });
const KINDS: Readonly<Record<string, SlackRequestKind>> = {
  event_callback: "event",
  block_actions: "action",
  interactive_message: "action",
  shortcut: "action",
  message_action: "action",
  view_submission: "view",
  view_closed: "view",
  block_suggestion: "options",
  dialog_suggestion: "options",
};

/** What a Slack request body is: a slash command carries `command`; everything else says its `type`. */
export function slackRequestKind(body: unknown): SlackRequestKind {
  const shape = RequestShape.safeParse(body);
  if (!shape.success) return "other";
  if (shape.data.command !== undefined) return "command";
  const type = shape.data.type;
  return type !== undefined && Object.hasOwn(KINDS, type) ? (KINDS[type] ?? "other") : "other";
}

/**
 * Wraps the App's entry point (outside the inbox's wrapper, so a redelivery dropped as already
 * handled counts too): each request's time to its first acknowledgement, and each request once
 * handled, by kind. A request the sweep handles again after a crash is counted again.
 */
export function countSlackRequests(app: App, metrics: SageopsMetrics): void {
  const handle = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const kind = slackRequestKind(event.body);
    const started = performance.now();
    let acknowledged = false;
    const ack: ReceiverEvent["ack"] = (response) => {
      if (!acknowledged) {
        acknowledged = true;
        metrics.slackRequestAcknowledged(kind, (performance.now() - started) / 1000);
      }
      return event.ack(response);
    };
    try {
      await handle({ ...event, ack });
    } finally {
      metrics.slackRequestHandled(kind);
    }
  };
}
