/**
 * Hyperparameter tuning jobs. A tuning job starts training jobs (real ones, visible through
 * DescribeTrainingJob) with hyperparameters drawn from its ranges, at most MaxParallelTrainingJobs
 * at a time, until MaxNumberOfTrainingJobs have run; its best job is the best objective value.
 */
import { z } from "zod";
import { type SandboxEnv, SECOND, sagemakerArn, wireTime } from "./env.js";
import { inUseError, notFoundError, validationError } from "./errors.js";
import { eventDetail, type WatchedResource } from "./events.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { paginate, sortItems, within } from "./paging.js";
import { hexId, round, unitHash } from "./random.js";
import {
  AlgorithmSpecificationSchema,
  type CreateTrainingJobInput,
  OutputDataConfigSchema,
  plannedEnd,
  ResourceConfigSchema,
  StoppingConditionSchema,
  TrainingChannelSchema,
  type TrainingJob,
  type TrainingJobs,
  viewTrainingJob,
} from "./training.js";
import { LIST_FILTERS, maxResults, nextToken, parseRequest, resourceName, roleArn, sortOrder, stringMap, tags, } from "./validate.js";

const ScalingType = z.enum(["Auto", "Linear", "Logarithmic", "ReverseLogarithmic"]);
const NumericRange = z.looseObject({ Name: z.string().min(1).max(256), MinValue: z.string().max(256), MaxValue: z.string().max(256), ScalingType: ScalingType.optional() });
const ParameterRangesSchema = z.looseObject({
  IntegerParameterRanges: z.array(NumericRange).max(30).optional(),
  ContinuousParameterRanges: z.array(NumericRange).max(30).optional(),
  CategoricalParameterRanges: z.array(z.looseObject({ Name: z.string().min(1).max(256), Values: z.array(z.string().max(256)).min(1).max(30) })).max(30).optional(),
});
const ObjectiveSchema = z.looseObject({ Type: z.enum(["Maximize", "Minimize"]), MetricName: z.string().min(1).max(255) });

const CreateTuningJobSchema = z.looseObject({
  HyperParameterTuningJobName: resourceName(32),
  HyperParameterTuningJobConfig: z.looseObject({
    Strategy: z.enum(["Bayesian", "Random", "Hyperband", "Grid"]),
    HyperParameterTuningJobObjective: ObjectiveSchema.optional(),
    ResourceLimits: z.looseObject({ MaxNumberOfTrainingJobs: z.number().int().min(1).optional(), MaxParallelTrainingJobs: z.number().int().min(1) }),
    ParameterRanges: ParameterRangesSchema.optional(),
    TrainingJobEarlyStoppingType: z.enum(["Off", "Auto"]).optional(),
  }),
  TrainingJobDefinition: z
    .looseObject({
      TuningObjective: ObjectiveSchema.optional(),
      StaticHyperParameters: stringMap(100).optional(),
      AlgorithmSpecification: AlgorithmSpecificationSchema,
      RoleArn: roleArn,
      InputDataConfig: z.array(TrainingChannelSchema).min(1).max(20).optional(),
      OutputDataConfig: OutputDataConfigSchema,
      ResourceConfig: ResourceConfigSchema.optional(),
      StoppingCondition: StoppingConditionSchema,
    })
    .optional(),
  Tags: tags.optional(),
});
type CreateTuningJobInput = z.output<typeof CreateTuningJobSchema>;
type Definition = NonNullable<CreateTuningJobInput["TrainingJobDefinition"]>;
type Objective = z.output<typeof ObjectiveSchema>;

const TUNING_STATUSES = ["Completed", "InProgress", "Failed", "Stopped", "Stopping", "Deleting", "DeleteFailed"] as const;
type TuningStatus = (typeof TUNING_STATUSES)[number];

const NameSchema = z.looseObject({ HyperParameterTuningJobName: resourceName(32) });

const ListTuningJobsSchema = z.looseObject({
  ...LIST_FILTERS,
  SortBy: z.enum(["Name", "Status", "CreationTime"]).optional(),
  SortOrder: sortOrder.optional(),
  StatusEquals: z.enum(TUNING_STATUSES).optional(),
});

const ListChildrenSchema = z.looseObject({
  HyperParameterTuningJobName: resourceName(32),
  NextToken: nextToken.optional(),
  MaxResults: maxResults.optional(),
  StatusEquals: z.enum(["InProgress", "Completed", "Failed", "Stopping", "Stopped"]).optional(),
  SortBy: z.enum(["Name", "CreationTime", "Status", "FinalObjectiveMetricValue"]).optional(),
  SortOrder: sortOrder.optional(),
});

/** How long a tuning job takes to start its first training jobs. */
const LAUNCH_DELAY = 20 * SECOND;
const DEFAULT_MAX_JOBS = 10;

interface TuningJob {
  name: string;
  arn: string;
  request: CreateTuningJobInput;
  definition: Definition;
  objective: Objective;
  maxJobs: number;
  parallel: number;
  createdAt: number;
  children: TrainingJob[];
  stopRequestedAt?: number;
}

/** The hyperparameters of the n-th training job: stable draws from the ranges (or the grid's n-th point). */
function tunedHyperParameters(job: Pick<TuningJob, "name" | "request">, n: number): Record<string, string> {
  const ranges = job.request.HyperParameterTuningJobConfig.ParameterRanges ?? {};
  const values: Record<string, string> = {};
  const draw = (param: string): number => unitHash(`${job.name}|${n}|${param}`);
  for (const range of ranges.IntegerParameterRanges ?? []) {
    const min = Math.ceil(Number(range.MinValue));
    const max = Math.floor(Number(range.MaxValue));
    values[range.Name] = String(min + Math.floor(draw(range.Name) * (max - min + 1)));
  }
  for (const range of ranges.ContinuousParameterRanges ?? []) {
    const min = Number(range.MinValue);
    const max = Number(range.MaxValue);
    const logarithmic = range.ScalingType === "Logarithmic" && min > 0;
    const value = logarithmic ? Math.exp(Math.log(min) + draw(range.Name) * (Math.log(max) - Math.log(min))) : min + draw(range.Name) * (max - min);
    values[range.Name] = String(round(value, 6));
  }
  let gridIndex = n;
  for (const range of ranges.CategoricalParameterRanges ?? []) {
    const index = job.request.HyperParameterTuningJobConfig.Strategy === "Grid" ? gridIndex % range.Values.length : Math.floor(draw(range.Name) * range.Values.length);
    gridIndex = Math.floor(gridIndex / range.Values.length);
    values[range.Name] = range.Values[index] ?? range.Values[0] ?? "";
  }
  return values;
}

function checkRanges(request: CreateTuningJobInput, definition: Definition): void {
  const ranges = request.HyperParameterTuningJobConfig.ParameterRanges ?? {};
  const numeric = [...(ranges.IntegerParameterRanges ?? []), ...(ranges.ContinuousParameterRanges ?? [])];
  for (const range of numeric) {
    const min = Number(range.MinValue);
    const max = Number(range.MaxValue);
    if (!Number.isFinite(min) || !Number.isFinite(max)) throw validationError(`The hyperparameter range for ${range.Name} must have numeric MinValue and MaxValue.`);
    if (min > max) throw validationError(`The MinValue (${range.MinValue}) of the hyperparameter range ${range.Name} must not be greater than its MaxValue (${range.MaxValue}).`);
  }
  const tuned = [...numeric.map((r) => r.Name), ...(ranges.CategoricalParameterRanges ?? []).map((r) => r.Name)];
  const clash = tuned.find((name) => definition.StaticHyperParameters?.[name] !== undefined);
  if (clash) throw validationError(`The hyperparameter ${clash} is both static and tunable; a hyperparameter may be one or the other.`);
}

export class TuningJobs {
  private readonly jobs = new NameMap<TuningJob>();

  constructor(
    private readonly env: SandboxEnv,
    private readonly training: TrainingJobs,
  ) {}

  private require(name: string): TuningJob {
    const job = this.jobs.get(name);
    if (!job) throw notFoundError(`Amazon SageMaker can't find a tuning job with name ${name}`);
    return job;
  }

  create(request: CreateTuningJobInput, at: number): TuningJob {
    const name = request.HyperParameterTuningJobName;
    const existing = this.jobs.get(name);
    if (existing) throw inUseError(`Hyperparameter tuning job names must be unique within an AWS account and region, and a tuning job with this name already exists (${existing.arn})`);
    const definition = request.TrainingJobDefinition;
    if (!definition) throw validationError("TrainingJobDefinition is required: the sandbox does not simulate TrainingJobDefinitions (several algorithms per tuning job).");
    const objective = request.HyperParameterTuningJobConfig.HyperParameterTuningJobObjective ?? definition.TuningObjective;
    if (!objective) throw validationError("A tuning objective is required: set HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.");
    checkRanges(request, definition);
    const limits = request.HyperParameterTuningJobConfig.ResourceLimits;
    const maxJobs = limits.MaxNumberOfTrainingJobs ?? DEFAULT_MAX_JOBS;
    if (limits.MaxParallelTrainingJobs > maxJobs) throw validationError(`MaxParallelTrainingJobs (${limits.MaxParallelTrainingJobs}) must not be greater than MaxNumberOfTrainingJobs (${maxJobs}).`);
    const job: TuningJob = { name, arn: sagemakerArn(this.env, "hyper-parameter-tuning-job", name), request, definition, objective, maxJobs, parallel: limits.MaxParallelTrainingJobs, createdAt: at, children: [] };
    this.jobs.set(name, job);
    this.env.timeline.schedule(at + LAUNCH_DELAY, (when) => this.launch(job, when));
    this.env.events.checkAt(this.watched(job), [at]);
    return job;
  }

  private watched(job: TuningJob): WatchedResource {
    return { kind: "tuning-job", arn: job.arn, read: (at) => ({ status: this.state(job, at).status, detail: eventDetail(this.describe(job, at)) }) };
  }

  /** Fills free slots with new training jobs; runs again whenever one of them ends. */
  private launch(job: TuningJob, at: number): void {
    if (job.stopRequestedAt !== undefined) return;
    const running = job.children.filter((child) => ["InProgress", "Stopping"].includes(viewTrainingJob(child, at).status)).length;
    let free = job.parallel - running;
    while (free > 0 && job.children.length < job.maxJobs) {
      const n = job.children.length;
      const d = job.definition;
      const request: CreateTrainingJobInput = {
        TrainingJobName: `${job.name}-${String(n + 1).padStart(3, "0")}-${hexId(`${job.name}|${n}`, 8)}`,
        AlgorithmSpecification: d.AlgorithmSpecification,
        RoleArn: d.RoleArn,
        InputDataConfig: d.InputDataConfig,
        OutputDataConfig: d.OutputDataConfig,
        ResourceConfig: d.ResourceConfig ?? { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 10 },
        StoppingCondition: d.StoppingCondition,
        HyperParameters: { ...d.StaticHyperParameters, ...tunedHyperParameters(job, n), _tuning_objective_metric: job.objective.MetricName },
      };
      const child = this.training.create(request, at, { tuningJobArn: job.arn, extraMetricNames: [job.objective.MetricName] });
      job.children.push(child);
      this.env.timeline.schedule(plannedEnd(child), (when) => this.launch(job, when));
      // The tuning job's own status can only move when one of its training jobs ends.
      this.env.events.checkAt(this.watched(job), [plannedEnd(child)]);
      free -= 1;
    }
  }

  private objectiveValue(job: TuningJob, child: TrainingJob, now: number): number | undefined {
    return viewTrainingJob(child, now).metrics?.find((m) => m.MetricName === job.objective.MetricName)?.Value;
  }

  private state(job: TuningJob, now: number): { status: TuningStatus; end?: number; lastModified: number; failureReason?: string } {
    const views = job.children.map((child) => viewTrainingJob(child, now));
    const allDone = views.every((v) => v.end !== undefined);
    const lastEnd = Math.max(job.createdAt, ...views.map((v) => v.end ?? job.createdAt));
    if (job.stopRequestedAt !== undefined) {
      return allDone ? { status: "Stopped", end: lastEnd, lastModified: lastEnd } : { status: "Stopping", lastModified: job.stopRequestedAt };
    }
    if (job.children.length === job.maxJobs && allDone) {
      const allFailed = views.every((v) => v.status === "Failed");
      return allFailed
        ? { status: "Failed", end: lastEnd, lastModified: lastEnd, failureReason: `All training jobs failed. One of them: ${views[0]?.failureReason ?? "unknown"}` }
        : { status: "Completed", end: lastEnd, lastModified: lastEnd };
    }
    return { status: "InProgress", lastModified: Math.max(job.createdAt, ...views.map((v) => v.lastModified)) };
  }

  private counters(job: TuningJob, now: number): { training: Record<string, number>; objective: Record<string, number> } {
    const statuses = job.children.map((child) => viewTrainingJob(child, now).status);
    const count = (...wanted: string[]): number => statuses.filter((s) => wanted.includes(s)).length;
    return {
      training: { Completed: count("Completed"), InProgress: count("InProgress", "Stopping"), RetryableError: 0, NonRetryableError: count("Failed"), Stopped: count("Stopped") },
      objective: { Succeeded: count("Completed"), Pending: count("InProgress", "Stopping"), Failed: count("Failed", "Stopped") },
    };
  }

  private childSummary(job: TuningJob, child: TrainingJob, now: number): Record<string, unknown> {
    const view = viewTrainingJob(child, now);
    const value = this.objectiveValue(job, child, now);
    const tuned = tunedHyperParameters(job, job.children.indexOf(child));
    return compact({
      TrainingJobName: child.name,
      TrainingJobArn: child.arn,
      TuningJobName: job.name,
      CreationTime: wireTime(child.createdAt),
      TrainingStartTime: wireTime(view.trainingStart),
      TrainingEndTime: wireTime(view.end),
      TrainingJobStatus: view.status,
      TunedHyperParameters: tuned,
      FailureReason: view.failureReason,
      FinalHyperParameterTuningJobObjectiveMetric: value === undefined ? undefined : { Type: job.objective.Type, MetricName: job.objective.MetricName, Value: value },
      ObjectiveStatus: view.status === "Completed" ? "Succeeded" : view.end === undefined ? "Pending" : "Failed",
    });
  }

  private best(job: TuningJob, now: number): TrainingJob | undefined {
    const scored = job.children.flatMap((child) => {
      const value = this.objectiveValue(job, child, now);
      return value === undefined ? [] : [{ child, value }];
    });
    const sign = job.objective.Type === "Maximize" ? -1 : 1;
    return scored.sort((a, b) => sign * (a.value - b.value))[0]?.child;
  }

  private describe(job: TuningJob, now: number): Record<string, unknown> {
    const state = this.state(job, now);
    const counters = this.counters(job, now);
    const best = this.best(job, now);
    return compact({
      HyperParameterTuningJobName: job.name,
      HyperParameterTuningJobArn: job.arn,
      HyperParameterTuningJobConfig: job.request.HyperParameterTuningJobConfig,
      TrainingJobDefinition: job.definition,
      HyperParameterTuningJobStatus: state.status,
      CreationTime: wireTime(job.createdAt),
      HyperParameterTuningEndTime: wireTime(state.end),
      LastModifiedTime: wireTime(state.lastModified),
      TrainingJobStatusCounters: counters.training,
      ObjectiveStatusCounters: counters.objective,
      BestTrainingJob: best ? this.childSummary(job, best, now) : undefined,
      FailureReason: state.failureReason,
    });
  }

  operations(): Operations {
    return {
      CreateHyperParameterTuningJob: (input, now) => ({ HyperParameterTuningJobArn: this.create(parseRequest(CreateTuningJobSchema, input), now).arn }),
      DescribeHyperParameterTuningJob: (input, now) => this.describe(this.require(parseRequest(NameSchema, input).HyperParameterTuningJobName), now),
      StopHyperParameterTuningJob: (input, now) => {
        const job = this.require(parseRequest(NameSchema, input).HyperParameterTuningJobName);
        const status = this.state(job, now).status;
        if (status !== "InProgress") throw validationError(`The request was rejected because the tuning job is in status ${status}.`);
        job.stopRequestedAt = now;
        const ends = job.children.filter((child) => viewTrainingJob(child, now).status === "InProgress").map((child) => this.training.stop(child.name, now));
        this.env.events.checkAt(this.watched(job), [now, ...ends]);
        return {};
      },
      ListHyperParameterTuningJobs: (input, now) => {
        const q = parseRequest(ListTuningJobsSchema, input);
        const rows = [...this.jobs.values()]
          .map((job) => ({ job, state: this.state(job, now) }))
          .filter(({ job, state }) => (q.NameContains === undefined || job.name.toLowerCase().includes(q.NameContains.toLowerCase())) && (q.StatusEquals === undefined || state.status === q.StatusEquals))
          .filter(({ job, state }) => within(job.createdAt, q.CreationTimeAfter, q.CreationTimeBefore) && within(state.lastModified, q.LastModifiedTimeAfter, q.LastModifiedTimeBefore));
        const sortBy = q.SortBy ?? "Name";
        const sorted = sortItems(rows, ({ job, state }) => (sortBy === "Name" ? job.name : sortBy === "Status" ? state.status : job.createdAt), q.SortOrder ?? "Ascending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({
          HyperParameterTuningJobSummaries: page.map(({ job, state }) => {
            const counters = this.counters(job, now);
            return compact({
              HyperParameterTuningJobName: job.name,
              HyperParameterTuningJobArn: job.arn,
              HyperParameterTuningJobStatus: state.status,
              Strategy: job.request.HyperParameterTuningJobConfig.Strategy,
              CreationTime: wireTime(job.createdAt),
              HyperParameterTuningEndTime: wireTime(state.end),
              LastModifiedTime: wireTime(state.lastModified),
              TrainingJobStatusCounters: counters.training,
              ObjectiveStatusCounters: counters.objective,
              ResourceLimits: job.request.HyperParameterTuningJobConfig.ResourceLimits,
            });
          }),
          NextToken: next,
        });
      },
      ListTrainingJobsForHyperParameterTuningJob: (input, now) => {
        const q = parseRequest(ListChildrenSchema, input);
        const job = this.require(q.HyperParameterTuningJobName);
        const rows = job.children
          .map((child) => ({ child, view: viewTrainingJob(child, now), value: this.objectiveValue(job, child, now) }))
          .filter(({ view }) => q.StatusEquals === undefined || view.status === q.StatusEquals)
          .filter(({ value }) => q.SortBy !== "FinalObjectiveMetricValue" || value !== undefined);
        const sortBy = q.SortBy ?? "Name";
        const sorted = sortItems(
          rows,
          ({ child, view, value }) => (sortBy === "Name" ? child.name : sortBy === "Status" ? view.status : sortBy === "CreationTime" ? child.createdAt : (value ?? 0)),
          q.SortOrder ?? "Ascending",
        );
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({ TrainingJobSummaries: page.map(({ child }) => this.childSummary(job, child, now)), NextToken: next });
      },
    };
  }
}
