/**
 * Model Monitor: CreateMonitoringSchedule, DescribeMonitoringSchedule, ListMonitoringSchedules,
 * ListMonitoringExecutions. Each scheduled time starts an execution (a processing job) that runs
 * for a few simulated minutes, then writes constraint_violations.json and statistics.json under
 * `<output S3Uri>/<endpoint>/<schedule>/<yyyy>/<mm>/<dd>/<hh>/`, as Model Monitor lays them out.
 */
import { z } from "zod";
import { type Cadence, parseScheduleExpression } from "./cron.js";
import type { Endpoints } from "./endpoints.js";
import { joinS3, MINUTE, parseS3Uri, type SandboxEnv, SECOND, sagemakerArn, wireTime } from "./env.js";
import { inUseError, notFoundError, validationError } from "./errors.js";
import { constraintViolationsJson, driftViolations, statisticsJson, type Violation } from "./monitor-reports.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { paginate, sortItems, within } from "./paging.js";
import type { ProcessingJob, ProcessingJobs } from "./processing.js";
import { hexId, unitHash } from "./random.js";
import { imageUri, instanceType, LIST_FILTERS, maxResults, nextToken, parseRequest, resourceName, roleArn, s3Uri, sortOrder, stringMap, tags, timestamp } from "./validate.js";

const MONITORING_TYPES = ["DataQuality", "ModelQuality", "ModelBias", "ModelExplainability"] as const;

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

interface Execution {
  scheduledAt: number;
  job: ProcessingJob;
  violations: Violation[];
  failureReason?: string;
}

interface Schedule {
  name: string;
  arn: string;
  request: CreateScheduleInput;
  createdAt: number;
  endpointName: string;
  outputUri: string;
  monitoringType: (typeof MONITORING_TYPES)[number];
  cadence: Cadence;
  executions: Execution[];
  /** Scheduled times from here on find drift; without it, about one execution in three does. */
  driftFrom?: number;
}

function hourPath(ms: number): string[] {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return [String(d.getUTCFullYear()), pad(d.getUTCMonth() + 1), pad(d.getUTCDate()), pad(d.getUTCHours())];
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
    };
    this.schedules.set(name, schedule);
    this.scheduleNext(schedule, at);
    return schedule;
  }

  /** Makes the executions of `name` at scheduled times from `fromMs` on find drift (the seed's story). */
  findDriftFrom(name: string, fromMs: number): void {
    this.require(name).driftFrom = fromMs;
  }

  private scheduleNext(schedule: Schedule, after: number): void {
    const slot = schedule.cadence.next(after);
    this.env.timeline.schedule(slot, (when) => {
      if (!this.schedules.has(schedule.name)) return;
      this.startExecution(schedule, when);
      this.scheduleNext(schedule, when);
    });
  }

  private startExecution(schedule: Schedule, slot: number): void {
    const seed = `${schedule.arn}|${slot}`;
    const drifted = schedule.driftFrom !== undefined ? slot >= schedule.driftFrom : unitHash(seed) < 1 / 3;
    const endpointUp = this.endpoints.statusOf(schedule.endpointName, slot) !== undefined;
    const violations = endpointUp && drifted ? driftViolations(seed) : [];
    const failureReason = endpointUp ? undefined : `Endpoint ${schedule.endpointName} was not found or was not InService when the execution was scheduled.`;
    const definition = schedule.request.MonitoringScheduleConfig.MonitoringJobDefinition;
    const reportUri = joinS3(schedule.outputUri, schedule.endpointName, schedule.name, ...hourPath(slot));
    const stamp = new Date(slot).toISOString().replace(/[-:T]/g, "").slice(0, 12);
    const startsAt = slot + PROVISIONING;
    const runMs = Math.round(300 + 180 * unitHash(`${seed}|run`)) * SECOND;
    const count = violations.length;
    const job = this.processing.create({
      name: `model-monitoring-${stamp}-${hexId(seed, 24)}`,
      imageUri: definition?.MonitoringAppSpecification.ImageUri ?? "",
      roleArn: definition?.RoleArn ?? "",
      instanceType: definition?.MonitoringResources.ClusterConfig.InstanceType ?? "ml.m5.xlarge",
      instanceCount: definition?.MonitoringResources.ClusterConfig.InstanceCount ?? 1,
      inputs: [{ InputName: "input_1", S3Input: { S3Uri: joinS3(`s3://${parseS3Uri(schedule.outputUri)?.bucket ?? "sagemaker"}`, "datacapture", schedule.endpointName, "AllTraffic"), LocalPath: "/opt/ml/processing/input/endpoint", S3DataType: "S3Prefix", S3InputMode: "File" } }],
      outputs: [{ OutputName: "result", S3Output: { S3Uri: reportUri, LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }],
      environment: { dataset_format: '{"sagemakerCaptureJson":{"captureIndexNames":["endpointInput","endpointOutput"]}}', publish_cloudwatch_metrics: "Enabled" },
      monitoringScheduleArn: schedule.arn,
      createdAt: slot,
      startsAt,
      endsAt: failureReason ? startsAt + MINUTE : startsAt + runMs,
      outcome: failureReason
        ? { status: "Failed", failureReason, exitMessage: `Error: ${failureReason}` }
        : { status: "Completed", exitMessage: count > 0 ? `CompletedWithViolations: Job completed successfully with ${count} violations.` : "Completed: Job completed successfully with no violations." },
    });
    schedule.executions.push({ scheduledAt: slot, job, violations, failureReason });
    if (!failureReason) this.env.timeline.schedule(job.endsAt, (when) => this.writeReports(reportUri, seed, violations, drifted, when));
  }

  private writeReports(reportUri: string, seed: string, violations: Violation[], drifted: boolean, at: number): void {
    const target = parseS3Uri(reportUri);
    if (!target) return;
    this.env.s3.put(target.bucket, joinS3(target.key, "constraint_violations.json"), constraintViolationsJson(violations), { contentType: "application/json", at });
    this.env.s3.put(target.bucket, joinS3(target.key, "statistics.json"), statisticsJson(seed, drifted), { contentType: "application/json", at });
  }

  private executionStatus(execution: Execution, now: number): { status: ExecutionStatus; lastModified: number } {
    const view = this.processing.view(execution.job, now);
    if (now < execution.job.startsAt) return { status: "Pending", lastModified: execution.scheduledAt };
    if (view.status === "Completed") return { status: execution.violations.length > 0 ? "CompletedWithViolations" : "Completed", lastModified: view.lastModified };
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
