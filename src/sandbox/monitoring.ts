/**
 * Model Monitor: CreateMonitoringSchedule, DescribeMonitoringSchedule, ListMonitoringSchedules,
 * ListMonitoringExecutions, for all four monitor types. Each scheduled time starts an execution (a
 * processing job) that runs for a few simulated minutes, then writes its type's reports
 * (monitor-reports.ts) under `<output S3Uri>/<endpoint>/<schedule>/<yyyy>/<mm>/<dd>/<hh>/`, as
 * Model Monitor lays them out. About one run in twelve fails, decided by a stable hash of the
 * schedule and the scheduled time, so the same runs fail on every start from the same clock (but
 * never the first run of a drift window the seed's story sets).
 * `runNow` starts a run at once (a sandbox-only control, monitoring-run-now.ts).
 */
import { z } from "zod";
import { type Cadence, parseScheduleExpression } from "./cron.js";
import type { Endpoints } from "./endpoints.js";
import { joinS3, MINUTE, parseS3Uri, type SandboxEnv, SECOND, sagemakerArn, wireTime } from "./env.js";
import { inUseError, notFoundError, validationError } from "./errors.js";
import { problemTypeOf } from "./monitor-model-quality.js";
import { ANALYSIS_OF_MONITORING_TYPE, MONITORING_TYPES, type MonitoringType, type RunReport, runFailureReason, runReport } from "./monitor-reports.js";
import { type MonitoringRunStarted, type RequestedOutcome, type RunNowOptions, RunNowOptionsSchema, requestedOutcome } from "./monitoring-run-now.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { paginate, sortItems, within } from "./paging.js";
import type { ProcessingJob, ProcessingJobs } from "./processing.js";
import { hexId, unitHash } from "./random.js";
import { imageUri, instanceType, LIST_FILTERS, maxResults, nextToken, parseRequest, resourceName, roleArn, s3Uri, sortOrder, stringMap, tags, timestamp } from "./validate.js";

const JobDefinitionSchema = z.looseObject({
  BaselineConfig: z.looseObject({ ConstraintsResource: z.looseObject({ S3Uri: s3Uri.optional() }).optional(), StatisticsResource: z.looseObject({ S3Uri: s3Uri.optional() }).optional() }).optional(),
  MonitoringInputs: z
    .array(
      z.looseObject({
        EndpointInput: z.looseObject({ EndpointName: resourceName(), LocalPath: z.string().max(256), S3InputMode: z.enum(["Pipe", "File"]).optional(), S3DataDistributionType: z.enum(["FullyReplicated", "ShardedByS3Key"]).optional() }).optional(),
      }),
    )
    .min(1)
    .max(1),
  MonitoringOutputConfig: z.looseObject({
    MonitoringOutputs: z.array(z.looseObject({ S3Output: z.looseObject({ S3Uri: s3Uri, LocalPath: z.string().max(256), S3UploadMode: z.enum(["Continuous", "EndOfJob"]).optional() }) })).min(1).max(1),
  }),
  MonitoringResources: z.looseObject({ ClusterConfig: z.looseObject({ InstanceCount: z.number().int().min(1).max(100), InstanceType: instanceType, VolumeSizeInGB: z.number().int().min(1).max(16384) }) }),
  MonitoringAppSpecification: z.looseObject({ ImageUri: imageUri }),
  StoppingCondition: z.looseObject({ MaxRuntimeInSeconds: z.number().int().min(1).max(86400) }).optional(),
  Environment: stringMap(50).optional(),
  RoleArn: roleArn,
});

const CreateScheduleSchema = z.looseObject({
  MonitoringScheduleName: resourceName(),
  MonitoringScheduleConfig: z.looseObject({
    ScheduleConfig: z.looseObject({ ScheduleExpression: z.string().min(1).max(512) }),
    MonitoringJobDefinition: JobDefinitionSchema.optional(),
    MonitoringJobDefinitionName: z.string().max(63).optional(),
    MonitoringType: z.enum(MONITORING_TYPES).optional(),
  }),
  Tags: tags.optional(),
});
type CreateScheduleInput = z.output<typeof CreateScheduleSchema>;

const NameSchema = z.looseObject({ MonitoringScheduleName: resourceName() });

const ListSchedulesSchema = z.looseObject({
  ...LIST_FILTERS,
  EndpointName: resourceName().optional(),
  SortBy: z.enum(["Name", "CreationTime", "Status"]).optional(),
  SortOrder: sortOrder.optional(),
  StatusEquals: z.enum(["Pending", "Failed", "Scheduled", "Stopped"]).optional(),
  MonitoringTypeEquals: z.enum(MONITORING_TYPES).optional(),
});

const EXECUTION_STATUSES = ["Pending", "Completed", "CompletedWithViolations", "InProgress", "Failed", "Stopping", "Stopped"] as const;
type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

const ListExecutionsSchema = z.looseObject({
  MonitoringScheduleName: resourceName().optional(),
  EndpointName: resourceName().optional(),
  SortBy: z.enum(["CreationTime", "ScheduledTime", "Status"]).optional(),
  SortOrder: sortOrder.optional(),
  NextToken: nextToken.optional(),
  MaxResults: maxResults.optional(),
  ScheduledTimeBefore: timestamp.optional(),
  ScheduledTimeAfter: timestamp.optional(),
  CreationTimeBefore: timestamp.optional(),
  CreationTimeAfter: timestamp.optional(),
  LastModifiedTimeBefore: timestamp.optional(),
  LastModifiedTimeAfter: timestamp.optional(),
  StatusEquals: z.enum(EXECUTION_STATUSES).optional(),
  MonitoringTypeEquals: z.enum(MONITORING_TYPES).optional(),
});

/** From the scheduled time: provisioning, then the analysis itself. */
const PROVISIONING = 2 * MINUTE;
/** A run asked for now skips the queue: it starts in half a minute and takes a minute and a half. */
const ON_DEMAND_PROVISIONING = 30 * SECOND;
const ON_DEMAND_RUN = 90 * SECOND;
/** Share of scheduled runs that fail ("now and then"). */
const FAILURE_SHARE = 1 / 12;

interface Execution {
  scheduledAt: number;
  job: ProcessingJob;
  violationCount: number;
  failureReason?: string;
}

interface Schedule {
  name: string;
  arn: string;
  request: CreateScheduleInput;
  createdAt: number;
  endpointName: string;
  outputUri: string;
  monitoringType: MonitoringType;
  cadence: Cadence;
  executions: Execution[];
  /** Runs scheduled within these find drift and others do not; without them, about one run in three does. */
  driftWindows?: readonly DriftWindow[];
  /** Runs asked for with runNow, so each gets its own seed and folder. */
  onDemandCount: number;
}

function hourPath(ms: number): string[] {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return [String(d.getUTCFullYear()), pad(d.getUTCMonth() + 1), pad(d.getUTCDate()), pad(d.getUTCHours())];
}

/** `yyyyMMddHHmm`, as processing job names of monitoring executions carry their time. */
function minuteStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 12);
}

/** A stretch of scheduled times whose runs find drift (`until` excluded; none: open-ended). */
export interface DriftWindow {
  from: number;
  until?: number;
}

interface RunPlan {
  /** Makes the run's figures and name stable. */
  seed: string;
  reportUri: string;
  startsAt: number;
  runMs: number;
  outcome: RequestedOutcome;
}

export class MonitoringSchedules {
  private readonly schedules = new NameMap<Schedule>();

  constructor(
    private readonly env: SandboxEnv,
    private readonly endpoints: Endpoints,
    private readonly processing: ProcessingJobs,
  ) {}

  private require(name: string): Schedule {
    const schedule = this.schedules.get(name);
    if (!schedule) throw notFoundError(`Monitoring schedule ${name} does not exist.`);
    return schedule;
  }

  create(request: CreateScheduleInput, at: number): Schedule {
    const name = request.MonitoringScheduleName;
    const existing = this.schedules.get(name);
    if (existing) throw inUseError(`Monitoring schedule ${existing.arn} already exists.`);
    const config = request.MonitoringScheduleConfig;
    const cadence = parseScheduleExpression(config.ScheduleConfig.ScheduleExpression);
    if (!cadence) throw validationError(`Invalid ScheduleExpression ${config.ScheduleConfig.ScheduleExpression}: use cron(0 * ? * * *) for hourly, cron(0 H ? * * *) for daily or cron(0 */N ? * * *) for every N hours.`);
    const definition = config.MonitoringJobDefinition;
    if (!definition) throw validationError("MonitoringJobDefinition is required: the sandbox does not simulate standalone job definitions (MonitoringJobDefinitionName).");
    const endpointName = definition.MonitoringInputs[0]?.EndpointInput?.EndpointName;
    if (endpointName === undefined) throw validationError("MonitoringInputs[0].EndpointInput is required: the sandbox monitors endpoints only.");
    if (!this.endpoints.find(endpointName, at)) throw validationError(`Endpoint '${endpointName}' does not exist or is not valid`);
    const outputUri = definition.MonitoringOutputConfig.MonitoringOutputs[0]?.S3Output.S3Uri ?? "";
    const schedule: Schedule = {
      name,
      arn: sagemakerArn(this.env, "monitoring-schedule", name),
      request,
      createdAt: at,
      endpointName,
      outputUri,
      monitoringType: config.MonitoringType ?? "DataQuality",
      cadence,
      executions: [],
      onDemandCount: 0,
    };
    this.schedules.set(name, schedule);
    this.scheduleNext(schedule, at);
    return schedule;
  }

  /** Makes the runs of `name` scheduled within `windows` find drift, and its other runs not (the seed's story). */
  findDriftWithin(name: string, windows: readonly DriftWindow[]): void {
    this.require(name).driftWindows = windows;
  }

  /** Starts a run of `name` at `at`, with the outcome asked for (monitoring-run-now.ts). */
  runNow(name: string, options: RunNowOptions, at: number): MonitoringRunStarted {
    const outcome = requestedOutcome(RunNowOptionsSchema.parse(options));
    const schedule = this.require(name);
    schedule.onDemandCount += 1;
    const stamp = new Date(at).toISOString().slice(14, 19).replace(":", "");
    const execution = this.startExecution(schedule, at, {
      seed: `${schedule.arn}|${at}|on-demand-${schedule.onDemandCount}`,
      reportUri: joinS3(schedule.outputUri, schedule.endpointName, schedule.name, ...hourPath(at), `on-demand-${stamp}-${schedule.onDemandCount}`),
      startsAt: at + ON_DEMAND_PROVISIONING,
      runMs: ON_DEMAND_RUN,
      outcome,
    });
    return {
      schedule: schedule.name,
      monitoringType: schedule.monitoringType,
      endpoint: schedule.endpointName,
      outcome: execution.failureReason !== undefined ? "failed" : execution.violationCount > 0 ? "violations" : "clean",
      violationCount: execution.violationCount,
      ...(execution.failureReason !== undefined ? { failureReason: execution.failureReason } : {}),
      scheduledTime: new Date(at).toISOString(),
      finishesAt: new Date(execution.job.endsAt).toISOString(),
      processingJobName: execution.job.name,
      processingJobArn: execution.job.arn,
      outputUri: execution.job.outputs[0]?.S3Output.S3Uri ?? "",
    };
  }

  private scheduleNext(schedule: Schedule, after: number): void {
    const slot = schedule.cadence.next(after);
    this.env.timeline.schedule(slot, (when) => {
      if (!this.schedules.has(schedule.name)) return;
      const seed = `${schedule.arn}|${slot}`;
      this.startExecution(schedule, when, {
        seed,
        reportUri: joinS3(schedule.outputUri, schedule.endpointName, schedule.name, ...hourPath(slot)),
        startsAt: slot + PROVISIONING,
        runMs: Math.round(300 + 180 * unitHash(`${seed}|run`)) * SECOND,
        outcome: unitHash(`${seed}|fails`) < FAILURE_SHARE && !this.firstDriftedRun(schedule, slot) ? "fail" : "natural",
      });
      this.scheduleNext(schedule, when);
    });
  }

  /** The story's turns are always seen: the first run of each drift window completes. */
  private firstDriftedRun(schedule: Schedule, slot: number): boolean {
    return (schedule.driftWindows ?? []).some((w) => schedule.cadence.next(w.from - 1) === slot);
  }

  private startExecution(schedule: Schedule, slot: number, plan: RunPlan): Execution {
    const { seed, reportUri, startsAt, outcome } = plan;
    const analysis = ANALYSIS_OF_MONITORING_TYPE[schedule.monitoringType];
    const windows = schedule.driftWindows;
    const naturallyDrifted = windows ? windows.some((w) => slot >= w.from && (w.until === undefined || slot < w.until)) : unitHash(seed) < 1 / 3;
    const drifted = outcome === "violations" || (outcome === "natural" && naturallyDrifted);
    const definition = schedule.request.MonitoringScheduleConfig.MonitoringJobDefinition;
    const endpointUp = this.endpoints.statusOf(schedule.endpointName, slot) !== undefined;
    const failureReason = !endpointUp
      ? `Endpoint ${schedule.endpointName} was not found or was not InService when the execution was scheduled.`
      : outcome === "fail"
        ? runFailureReason(analysis, schedule.endpointName, slot)
        : undefined;
    const report: RunReport | undefined = failureReason ? undefined : runReport(analysis, { seed, drifted, at: slot, problemType: problemTypeOf(definition?.Environment) });
    const count = report?.violationCount ?? 0;
    const job = this.processing.create({
      name: `model-monitoring-${minuteStamp(slot)}-${hexId(seed, 24)}`,
      imageUri: definition?.MonitoringAppSpecification.ImageUri ?? "",
      roleArn: definition?.RoleArn ?? "",
      instanceType: definition?.MonitoringResources.ClusterConfig.InstanceType ?? "ml.m5.xlarge",
      instanceCount: definition?.MonitoringResources.ClusterConfig.InstanceCount ?? 1,
      inputs: [{ InputName: "input_1", S3Input: { S3Uri: joinS3(`s3://${parseS3Uri(schedule.outputUri)?.bucket ?? "sagemaker"}`, "datacapture", schedule.endpointName, "AllTraffic"), LocalPath: "/opt/ml/processing/input/endpoint", S3DataType: "S3Prefix", S3InputMode: "File" } }],
      outputs: [{ OutputName: "result", S3Output: { S3Uri: reportUri, LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }],
      environment: { dataset_format: '{"sagemakerCaptureJson":{"captureIndexNames":["endpointInput","endpointOutput"]}}', publish_cloudwatch_metrics: "Enabled", ...definition?.Environment },
      monitoringScheduleArn: schedule.arn,
      createdAt: slot,
      startsAt,
      endsAt: failureReason ? startsAt + MINUTE : startsAt + plan.runMs,
      outcome: failureReason
        ? { status: "Failed", failureReason, exitMessage: `Error: ${failureReason}` }
        : { status: "Completed", exitMessage: count > 0 ? `CompletedWithViolations: Job completed successfully with ${count} violations.` : "Completed: Job completed successfully with no violations." },
    });
    const execution: Execution = { scheduledAt: slot, job, violationCount: count, failureReason };
    schedule.executions.push(execution);
    if (report) this.env.timeline.schedule(job.endsAt, (when) => this.writeReports(reportUri, report, when));
    return execution;
  }

  private writeReports(reportUri: string, report: RunReport, at: number): void {
    const target = parseS3Uri(reportUri);
    if (!target) return;
    for (const file of report.files) this.env.s3.put(target.bucket, joinS3(target.key, file.name), file.body, { contentType: "application/json", at });
  }

  private executionStatus(execution: Execution, now: number): { status: ExecutionStatus; lastModified: number } {
    const view = this.processing.view(execution.job, now);
    if (now < execution.job.startsAt) return { status: "Pending", lastModified: execution.scheduledAt };
    if (view.status === "Completed") return { status: execution.violationCount > 0 ? "CompletedWithViolations" : "Completed", lastModified: view.lastModified };
    return { status: view.status, lastModified: view.lastModified };
  }

  private executionSummary(schedule: Schedule, execution: Execution, now: number): Record<string, unknown> {
    const { status, lastModified } = this.executionStatus(execution, now);
    return compact({
      MonitoringScheduleName: schedule.name,
      ScheduledTime: wireTime(execution.scheduledAt),
      CreationTime: wireTime(execution.job.createdAt),
      LastModifiedTime: wireTime(lastModified),
      MonitoringExecutionStatus: status,
      ProcessingJobArn: execution.job.arn,
      EndpointName: schedule.endpointName,
      FailureReason: status === "Failed" ? execution.failureReason : undefined,
      MonitoringType: schedule.monitoringType,
    });
  }

  private lastModified(schedule: Schedule): number {
    return schedule.createdAt;
  }

  private describe(schedule: Schedule, now: number): Record<string, unknown> {
    const last = schedule.executions[schedule.executions.length - 1];
    return compact({
      MonitoringScheduleArn: schedule.arn,
      MonitoringScheduleName: schedule.name,
      MonitoringScheduleStatus: "Scheduled",
      MonitoringType: schedule.monitoringType,
      CreationTime: wireTime(schedule.createdAt),
      LastModifiedTime: wireTime(this.lastModified(schedule)),
      MonitoringScheduleConfig: { ...schedule.request.MonitoringScheduleConfig, MonitoringType: schedule.monitoringType },
      EndpointName: schedule.endpointName,
      LastMonitoringExecutionSummary: last ? this.executionSummary(schedule, last, now) : undefined,
    });
  }

  operations(): Operations {
    return {
      CreateMonitoringSchedule: (input, now) => ({ MonitoringScheduleArn: this.create(parseRequest(CreateScheduleSchema, input), now).arn }),
      DescribeMonitoringSchedule: (input, now) => this.describe(this.require(parseRequest(NameSchema, input).MonitoringScheduleName), now),
      ListMonitoringSchedules: (input) => {
        const q = parseRequest(ListSchedulesSchema, input);
        const rows = [...this.schedules.values()].filter(
          (s) =>
            (q.EndpointName === undefined || s.endpointName === q.EndpointName) &&
            (q.NameContains === undefined || s.name.toLowerCase().includes(q.NameContains.toLowerCase())) &&
            (q.StatusEquals === undefined || q.StatusEquals === "Scheduled") &&
            (q.MonitoringTypeEquals === undefined || s.monitoringType === q.MonitoringTypeEquals) &&
            within(s.createdAt, q.CreationTimeAfter, q.CreationTimeBefore) &&
            within(this.lastModified(s), q.LastModifiedTimeAfter, q.LastModifiedTimeBefore),
        );
        const sortBy = q.SortBy ?? "CreationTime";
        const sorted = sortItems(rows, (s) => (sortBy === "Name" ? s.name : sortBy === "Status" ? "Scheduled" : s.createdAt), q.SortOrder ?? "Descending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({
          MonitoringScheduleSummaries: page.map((s) => ({
            MonitoringScheduleName: s.name,
            MonitoringScheduleArn: s.arn,
            CreationTime: wireTime(s.createdAt),
            LastModifiedTime: wireTime(this.lastModified(s)),
            MonitoringScheduleStatus: "Scheduled",
            EndpointName: s.endpointName,
            MonitoringType: s.monitoringType,
          })),
          NextToken: next,
        });
      },
      ListMonitoringExecutions: (input, now) => {
        const q = parseRequest(ListExecutionsSchema, input);
        const rows = [...this.schedules.values()]
          .filter((s) => (q.MonitoringScheduleName === undefined || s.name === q.MonitoringScheduleName) && (q.EndpointName === undefined || s.endpointName === q.EndpointName))
          .filter((s) => q.MonitoringTypeEquals === undefined || s.monitoringType === q.MonitoringTypeEquals)
          .flatMap((schedule) => schedule.executions.map((execution) => ({ schedule, execution, ...this.executionStatus(execution, now) })))
          .filter(({ execution, status, lastModified }) => (q.StatusEquals === undefined || status === q.StatusEquals) && within(lastModified, q.LastModifiedTimeAfter, q.LastModifiedTimeBefore))
          .filter(({ execution }) => within(execution.scheduledAt, q.ScheduledTimeAfter, q.ScheduledTimeBefore) && within(execution.job.createdAt, q.CreationTimeAfter, q.CreationTimeBefore));
        const sortBy = q.SortBy ?? "ScheduledTime";
        const sorted = sortItems(rows, ({ execution, status }) => (sortBy === "Status" ? status : sortBy === "CreationTime" ? execution.job.createdAt : execution.scheduledAt), q.SortOrder ?? "Descending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({ MonitoringExecutionSummaries: page.map(({ schedule, execution }) => this.executionSummary(schedule, execution, now)), NextToken: next });
      },
    };
  }
}
