/**
 * Training jobs: CreateTrainingJob, DescribeTrainingJob, ListTrainingJobs, StopTrainingJob.
 * A job's whole course (Starting, Downloading, Training, Uploading, then Completed or Failed) is
 * planned when it is created; what a Describe shows is that plan cut at the simulated now.
 */
import { z } from "zod";
import { joinS3, type SandboxEnv, SECOND, sagemakerArn, wireTime } from "./env.js";
import { inUseError, limitError, notFoundError, validationError } from "./errors.js";
import { eventDetail, type WatchedResource } from "./events.js";
import { finalMetrics } from "./metrics.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { paginate, sortItems, within } from "./paging.js";
import { unitHash } from "./random.js";
import { imageUri, instanceType, LIST_FILTERS, parseRequest, resourceName, roleArn, s3Uri, sortOrder, stringMap, tags, } from "./validate.js";

export const TrainingChannelSchema = z.looseObject({
  ChannelName: z.string().min(1).max(64).regex(/^[A-Za-z0-9.\-_]+$/),
  DataSource: z.looseObject({
    S3DataSource: z
      .looseObject({
        S3DataType: z.enum(["ManifestFile", "S3Prefix", "AugmentedManifestFile"]),
        S3Uri: s3Uri,
        S3DataDistributionType: z.enum(["FullyReplicated", "ShardedByS3Key"]).optional(),
      })
      .optional(),
  }),
  ContentType: z.string().max(256).optional(),
  CompressionType: z.enum(["None", "Gzip"]).optional(),
  InputMode: z.enum(["Pipe", "File", "FastFile"]).optional(),
});

export const AlgorithmSpecificationSchema = z
  .looseObject({
    TrainingImage: imageUri.optional(),
    AlgorithmName: z.string().min(1).max(170).optional(),
    TrainingInputMode: z.enum(["Pipe", "File", "FastFile"]),
  })
  .refine((spec) => spec.TrainingImage !== undefined || spec.AlgorithmName !== undefined, "Either TrainingImage or AlgorithmName is required");

export const ResourceConfigSchema = z.looseObject({
  InstanceType: instanceType.optional(),
  InstanceCount: z.number().int().min(0).optional(),
  VolumeSizeInGB: z.number().int().min(0).max(16384),
});

export const StoppingConditionSchema = z.looseObject({
  MaxRuntimeInSeconds: z.number().int().min(1).optional(),
  MaxWaitTimeInSeconds: z.number().int().min(1).optional(),
});

export const OutputDataConfigSchema = z.looseObject({ S3OutputPath: s3Uri, KmsKeyId: z.string().max(2048).optional() });

const CreateTrainingJobSchema = z.looseObject({
  TrainingJobName: resourceName(),
  AlgorithmSpecification: AlgorithmSpecificationSchema,
  RoleArn: roleArn,
  InputDataConfig: z.array(TrainingChannelSchema).min(1).max(20).optional(),
  OutputDataConfig: OutputDataConfigSchema,
  ResourceConfig: ResourceConfigSchema,
  StoppingCondition: StoppingConditionSchema,
  HyperParameters: stringMap(100).optional(),
  Tags: tags.optional(),
  EnableNetworkIsolation: z.boolean().optional(),
  EnableManagedSpotTraining: z.boolean().optional(),
});
export type CreateTrainingJobInput = z.output<typeof CreateTrainingJobSchema>;

/** Validates a CreateTrainingJob request (for pipeline steps, which carry one as arguments). */
export function parseCreateTrainingJob(input: unknown): CreateTrainingJobInput {
  return parseRequest(CreateTrainingJobSchema, input);
}

const TRAINING_STATUSES = ["InProgress", "Completed", "Failed", "Stopping", "Stopped", "Deleting"] as const;
type TrainingJobStatus = (typeof TRAINING_STATUSES)[number];

const ListTrainingJobsSchema = z.looseObject({
  ...LIST_FILTERS,
  StatusEquals: z.enum(TRAINING_STATUSES).optional(),
  SortBy: z.enum(["Name", "CreationTime", "Status"]).optional(),
  SortOrder: sortOrder.optional(),
});

const NameOnlySchema = z.looseObject({ TrainingJobName: resourceName() });

/** Per instance type, as the default account quotas for training are per type. */
const TRAINING_INSTANCE_QUOTA = 20;
const STOPPING_DURATION = 30 * SECOND;

type Phase = "Starting" | "Downloading" | "Training" | "Uploading";
const PHASE_MESSAGES: Record<Phase, string> = {
  Starting: "Preparing the instances for training",
  Downloading: "Downloading input data",
  Training: "Training image download completed. Training in progress.",
  Uploading: "Uploading generated training model",
};

interface Transition {
  Status: string;
  StartTime: number;
  EndTime?: number;
  StatusMessage: string;
}

interface Terminal {
  status: "Completed" | "Failed" | "Stopped";
  secondary: string;
  at: number;
  message: string;
  failureReason?: string;
}

/** The job's full course, fixed at creation and cut short by a stop request. */
interface Course {
  transitions: Transition[];
  terminal: Terminal;
  trainingStart: number;
}

export interface TrainingJob {
  name: string;
  arn: string;
  request: CreateTrainingJobInput;
  createdAt: number;
  tuningJobArn?: string;
  extraMetricNames: string[];
  /** Final metric values decided ahead (the sandbox's register-version control); the others are simulated. */
  metricValues?: Readonly<Record<string, number>>;
  plannedPhases: { phase: Phase; ms: number }[];
  failure?: { phase: Phase; reason: string };
  stopRequestedAt?: number;
}

/** What a training job looks like at one simulated moment. */
interface TrainingJobView {
  status: TrainingJobStatus;
  secondaryStatus: string;
  transitions: Transition[];
  trainingStart?: number;
  end?: number;
  lastModified: number;
  failureReason?: string;
  metrics?: { MetricName: string; Value: number; Timestamp: number }[];
  modelArtifacts?: string;
}

function plannedPhases(name: string): { phase: Phase; ms: number }[] {
  const jitter = (label: string, low: number, high: number): number => Math.round(low + (high - low) * unitHash(`${name}|${label}`)) * SECOND;
  return [
    { phase: "Starting", ms: jitter("starting", 60, 120) },
    { phase: "Downloading", ms: jitter("downloading", 40, 80) },
    { phase: "Training", ms: jitter("training", 240, 420) },
    { phase: "Uploading", ms: jitter("uploading", 30, 50) },
  ];
}

/** Why a job cannot succeed: input that cannot exist, or a hyperparameter set to fail. */
function plannedFailure(request: CreateTrainingJobInput): TrainingJob["failure"] {
  const missing = (request.InputDataConfig ?? []).find((channel) => channel.DataSource.S3DataSource?.S3Uri.includes("missing"));
  if (missing?.DataSource.S3DataSource) {
    const uri = missing.DataSource.S3DataSource.S3Uri;
    return { phase: "Downloading", reason: `ClientError: Data download failed:Please ensure that the S3 prefix ${uri} for channel '${missing.ChannelName}' exists and contains data. No objects were found under it.` };
  }
  const failing = Object.entries(request.HyperParameters ?? {}).find(([, value]) => value === "fail");
  if (failing) return { phase: "Training", reason: `AlgorithmError: framework error: hyperparameter ${failing[0]}="${failing[1]}" is not a valid value (exit code 1)` };
  return undefined;
}

export function modelArtifactsUri(job: Pick<TrainingJob, "name" | "request">): string {
  return joinS3(job.request.OutputDataConfig.S3OutputPath, job.name, "output", "model.tar.gz");
}

function courseOf(job: TrainingJob): Course {
  const transitions: Transition[] = [];
  let t = job.createdAt;
  let trainingStart = t;
  let terminal: Terminal | undefined;
  const maxRuntime = job.request.StoppingCondition.MaxRuntimeInSeconds;
  for (const { phase, ms } of job.plannedPhases) {
    if (phase === "Downloading") trainingStart = t;
    let duration = ms;
    if (job.failure?.phase === phase) duration = Math.round((ms * 0.4) / SECOND) * SECOND;
    const runtimeEnd = maxRuntime !== undefined && phase !== "Starting" ? trainingStart + maxRuntime * SECOND : Number.POSITIVE_INFINITY;
    if (t + duration > runtimeEnd) {
      transitions.push({ Status: phase, StartTime: t, EndTime: runtimeEnd, StatusMessage: PHASE_MESSAGES[phase] });
      terminal = { status: "Stopped", secondary: "MaxRuntimeExceeded", at: runtimeEnd, message: "Job stopped because max run time was reached" };
      break;
    }
    transitions.push({ Status: phase, StartTime: t, EndTime: t + duration, StatusMessage: PHASE_MESSAGES[phase] });
    t += duration;
    if (job.failure?.phase === phase) {
      terminal = { status: "Failed", secondary: "Failed", at: t, message: job.failure.reason, failureReason: job.failure.reason };
      break;
    }
  }
  terminal ??= { status: "Completed", secondary: "Completed", at: t, message: "Training job completed" };

  const stop = job.stopRequestedAt;
  if (stop !== undefined && stop < terminal.at) {
    const kept = transitions.filter((tr) => tr.StartTime <= stop).map((tr) => (tr.EndTime !== undefined && tr.EndTime > stop ? { ...tr, EndTime: stop } : tr));
    kept.push({ Status: "Stopping", StartTime: stop, EndTime: stop + STOPPING_DURATION, StatusMessage: "Stopping the training job" });
    return { transitions: kept, trainingStart, terminal: { status: "Stopped", secondary: "Stopped", at: stop + STOPPING_DURATION, message: "Training job stopped" } };
  }
  return { transitions, terminal, trainingStart };
}

/** The metrics a job reports once it completes: stable for its name and hyperparameters. */
export function finalMetricsOf(job: TrainingJob): { MetricName: string; Value: number }[] {
  const simulated = finalMetrics(`${job.name}|${JSON.stringify(job.request.HyperParameters ?? {})}`, [...new Set([...job.extraMetricNames, ...Object.keys(job.metricValues ?? {})])]);
  return simulated.map((m) => ({ ...m, Value: job.metricValues?.[m.MetricName] ?? m.Value }));
}

export function viewTrainingJob(job: TrainingJob, now: number): TrainingJobView {
  const course = courseOf(job);
  const { terminal } = course;
  if (now >= terminal.at) {
    const transitions = [...course.transitions, { Status: terminal.secondary, StartTime: terminal.at, EndTime: terminal.at, StatusMessage: terminal.message }];
    const completed = terminal.status === "Completed";
    return {
      status: terminal.status,
      secondaryStatus: terminal.secondary,
      transitions,
      trainingStart: course.trainingStart,
      end: terminal.at,
      lastModified: terminal.at,
      failureReason: terminal.failureReason,
      metrics: completed ? finalMetricsOf(job).map((m) => ({ ...m, Timestamp: terminal.at })) : undefined,
      modelArtifacts: completed ? modelArtifactsUri(job) : undefined,
    };
  }
  const started = course.transitions.filter((tr) => tr.StartTime <= now);
  const current = started[started.length - 1];
  const transitions = started.map((tr) => (tr === current ? { Status: tr.Status, StartTime: tr.StartTime, StatusMessage: tr.StatusMessage } : tr));
  const secondary = current?.Status ?? "Starting";
  return {
    status: secondary === "Stopping" ? "Stopping" : "InProgress",
    secondaryStatus: secondary,
    transitions,
    trainingStart: now >= course.trainingStart && course.trainingStart > job.createdAt ? course.trainingStart : undefined,
    lastModified: current?.StartTime ?? job.createdAt,
  };
}

/** When a job will be over if nobody stops it (for whoever waits on it: tuning jobs, pipelines). */
export function plannedEnd(job: TrainingJob): number {
  return courseOf(job).terminal.at;
}

export class TrainingJobs {
  private readonly jobs = new NameMap<TrainingJob>();

  constructor(private readonly env: SandboxEnv) {}

  get(name: string): TrainingJob | undefined {
    return this.jobs.get(name);
  }

  require(name: string): TrainingJob {
    const job = this.jobs.get(name);
    if (!job) throw notFoundError(`Requested resource not found: training job ${name} does not exist.`);
    return job;
  }

  all(): TrainingJob[] {
    return [...this.jobs.values()];
  }

  /** The job whose model artefact is at `uri` (what a model package's ModelDataUrl or a step's input names). */
  byModelArtifacts(uri: string): TrainingJob | undefined {
    return this.all().find((job) => modelArtifactsUri(job) === uri);
  }

  /** Creates a job (for the API, a tuning job or a pipeline step). */
  create(request: CreateTrainingJobInput, at: number, options: { tuningJobArn?: string; extraMetricNames?: string[]; metricValues?: Readonly<Record<string, number>>; enforceQuota?: boolean } = {}): TrainingJob {
    const name = request.TrainingJobName;
    const existing = this.jobs.get(name);
    if (existing) throw inUseError(`Training job names must be unique within an AWS account and region, and a training job with this name already exists (${existing.arn})`);
    const names = new Set<string>();
    for (const channel of request.InputDataConfig ?? []) {
      if (names.has(channel.ChannelName)) throw validationError(`Channel names must be unique: the channel ${channel.ChannelName} appears more than once in InputDataConfig.`);
      names.add(channel.ChannelName);
    }
    const type = request.ResourceConfig.InstanceType;
    if (options.enforceQuota && type !== undefined) {
      const inUse = this.all()
        .filter((job) => job.request.ResourceConfig.InstanceType === type && ["InProgress", "Stopping"].includes(viewTrainingJob(job, at).status))
        .reduce((sum, job) => sum + (job.request.ResourceConfig.InstanceCount ?? 1), 0);
      const delta = request.ResourceConfig.InstanceCount ?? 1;
      if (inUse + delta > TRAINING_INSTANCE_QUOTA)
        throw limitError(
          `The account-level service limit '${type} for training job usage' is ${TRAINING_INSTANCE_QUOTA} Instances, with current utilization of ${inUse} Instances and a request delta of ${delta} Instances. Please use AWS Service Quotas to request an increase for this quota.`,
        );
    }
    const job: TrainingJob = {
      name,
      arn: sagemakerArn(this.env, "training-job", name),
      request,
      createdAt: at,
      tuningJobArn: options.tuningJobArn,
      extraMetricNames: options.extraMetricNames ?? [],
      metricValues: options.metricValues,
      plannedPhases: plannedPhases(name),
      failure: plannedFailure(request),
    };
    this.jobs.set(name, job);
    // The model artifact appears in S3 when (and if) the job completes.
    this.env.timeline.schedule(plannedEnd(job), (when) => {
      const view = viewTrainingJob(job, when);
      const target = view.modelArtifacts ? /^s3:\/\/([^/]+)\/(.*)$/.exec(view.modelArtifacts) : null;
      if (target?.[1] && target[2]) this.env.s3.put(target[1], target[2], Buffer.from(`simulated model artifact of ${job.name}\n`), { contentType: "application/x-tar", at: when });
    });
    // An event at creation and at each secondary status the job goes through.
    const planned = viewTrainingJob(job, plannedEnd(job));
    this.env.events.checkAt(this.watched(job), [at, ...planned.transitions.map((t) => t.StartTime), plannedEnd(job)]);
    return job;
  }

  private watched(job: TrainingJob): WatchedResource {
    return {
      kind: "training-job",
      arn: job.arn,
      read: (at) => {
        const view = viewTrainingJob(job, at);
        return { status: `${view.status}/${view.secondaryStatus}`, detail: eventDetail(this.describe(job, at)) };
      },
    };
  }

  /** Asks a job to stop; returns when the stop will be complete. */
  stop(name: string, at: number): number {
    const job = this.require(name);
    const status = viewTrainingJob(job, at).status;
    if (status !== "InProgress") throw validationError(`The request was rejected because the training job is in status ${status}.`);
    job.stopRequestedAt = at;
    this.env.events.checkAt(this.watched(job), [at, at + STOPPING_DURATION]);
    return at + STOPPING_DURATION;
  }

  describe(job: TrainingJob, now: number): Record<string, unknown> {
    const view = viewTrainingJob(job, now);
    const r = job.request;
    const billable = view.end !== undefined && view.trainingStart !== undefined ? Math.max(1, Math.round((view.end - view.trainingStart) / SECOND)) : undefined;
    return compact({
      TrainingJobName: job.name,
      TrainingJobArn: job.arn,
      TuningJobArn: job.tuningJobArn,
      ModelArtifacts: view.modelArtifacts ? { S3ModelArtifacts: view.modelArtifacts } : undefined,
      TrainingJobStatus: view.status,
      SecondaryStatus: view.secondaryStatus,
      FailureReason: view.failureReason,
      HyperParameters: r.HyperParameters,
      AlgorithmSpecification: r.AlgorithmSpecification,
      RoleArn: r.RoleArn,
      InputDataConfig: r.InputDataConfig,
      OutputDataConfig: r.OutputDataConfig,
      ResourceConfig: r.ResourceConfig,
      StoppingCondition: r.StoppingCondition,
      CreationTime: wireTime(job.createdAt),
      TrainingStartTime: wireTime(view.trainingStart),
      TrainingEndTime: wireTime(view.end),
      LastModifiedTime: wireTime(view.lastModified),
      SecondaryStatusTransitions: view.transitions.map((t) => compact({ Status: t.Status, StartTime: wireTime(t.StartTime), EndTime: wireTime(t.EndTime), StatusMessage: t.StatusMessage })),
      FinalMetricDataList: view.metrics?.map((m) => ({ MetricName: m.MetricName, Value: m.Value, Timestamp: wireTime(m.Timestamp) })),
      EnableNetworkIsolation: r.EnableNetworkIsolation ?? false,
      EnableInterContainerTrafficEncryption: false,
      EnableManagedSpotTraining: r.EnableManagedSpotTraining ?? false,
      TrainingTimeInSeconds: billable,
      BillableTimeInSeconds: billable === undefined ? undefined : billable * (r.ResourceConfig.InstanceCount ?? 1),
    });
  }

  summary(job: TrainingJob, now: number): Record<string, unknown> {
    const view = viewTrainingJob(job, now);
    return compact({
      TrainingJobName: job.name,
      TrainingJobArn: job.arn,
      CreationTime: wireTime(job.createdAt),
      TrainingEndTime: wireTime(view.end),
      LastModifiedTime: wireTime(view.lastModified),
      TrainingJobStatus: view.status,
      SecondaryStatus: view.secondaryStatus,
    });
  }

  operations(): Operations {
    return {
      CreateTrainingJob: (input, now) => {
        const job = this.create(parseRequest(CreateTrainingJobSchema, input), now, { enforceQuota: true });
        return { TrainingJobArn: job.arn };
      },
      DescribeTrainingJob: (input, now) => this.describe(this.require(parseRequest(NameOnlySchema, input).TrainingJobName), now),
      StopTrainingJob: (input, now) => {
        this.stop(parseRequest(NameOnlySchema, input).TrainingJobName, now);
        return {};
      },
      ListTrainingJobs: (input, now) => {
        const q = parseRequest(ListTrainingJobsSchema, input);
        const rows = this.all()
          .map((job) => ({ job, view: viewTrainingJob(job, now) }))
          .filter(({ job, view }) => (q.NameContains === undefined || job.name.toLowerCase().includes(q.NameContains.toLowerCase())) && (q.StatusEquals === undefined || view.status === q.StatusEquals))
          .filter(({ job, view }) => within(job.createdAt, q.CreationTimeAfter, q.CreationTimeBefore) && within(view.lastModified, q.LastModifiedTimeAfter, q.LastModifiedTimeBefore));
        const sortBy = q.SortBy ?? "CreationTime";
        const sorted = sortItems(rows, ({ job, view }) => (sortBy === "Name" ? job.name : sortBy === "Status" ? view.status : job.createdAt), q.SortOrder ?? "Ascending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({ TrainingJobSummaries: page.map(({ job }) => this.summary(job, now)), NextToken: next });
      },
    };
  }
}
