/**
 * SageMaker Pipelines: CreatePipeline, DescribePipeline, ListPipelines, StartPipelineExecution,
 * DescribePipelineExecution, ListPipelineExecutions, ListPipelineExecutionSteps,
 * StopPipelineExecution. An execution runs its definition's steps one after another; Training
 * and Processing steps run real sandbox jobs, QualityCheck and ClarifyCheck steps run check jobs
 * that write drift reports (check-steps.ts), a RegisterModel step registers a model package
 * version. CreatePipeline and StartPipelineExecution are idempotent on ClientRequestToken.
 */
import { z } from "zod";
import { CheckStep } from "./check-steps.js";
import { MINUTE, type SandboxEnv, SECOND, sagemakerArn, wireTime } from "./env.js";
import { notFoundError, SandboxError, validationError } from "./errors.js";
import type { WatchedResource } from "./events.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { paginate, sortItems, within } from "./paging.js";
import { type Definition, parseDefinition, type StepDefinition } from "./pipeline-definition.js";
import { type ExpressionContext, ExpressionError, resolveExpressions } from "./pipeline-expressions.js";
import type { ProcessingJob, ProcessingJobs } from "./processing.js";
import { alnumId, hexId, unitHash } from "./random.js";
import { type ModelRegistry, parseCreateModelPackage } from "./registry.js";
import { modelArtifactsUri, parseCreateTrainingJob, plannedEnd, type TrainingJob, type TrainingJobs, viewTrainingJob } from "./training.js";
import { maxResults, nameFromArn, nameOrArn, nextToken, parseRequest, resourceName, roleArn, sortOrder, tags, timestamp } from "./validate.js";

const pipelineName = resourceName(256);
const requestToken = z.string().min(32).max(128);

const CreatePipelineSchema = z.looseObject({
  PipelineName: pipelineName,
  PipelineDisplayName: pipelineName.optional(),
  PipelineDefinition: z.string().min(1).max(1_048_576).optional(),
  PipelineDescription: z.string().max(3072).optional(),
  ClientRequestToken: requestToken,
  RoleArn: roleArn,
  Tags: tags.optional(),
});
type CreatePipelineInput = z.output<typeof CreatePipelineSchema>;

const PipelineNameSchema = z.looseObject({ PipelineName: nameOrArn });
const ListPipelinesSchema = z.looseObject({
  PipelineNamePrefix: z.string().max(256).optional(),
  CreatedAfter: timestamp.optional(),
  CreatedBefore: timestamp.optional(),
  SortBy: z.enum(["Name", "CreationTime"]).optional(),
  SortOrder: sortOrder.optional(),
  NextToken: nextToken.optional(),
  MaxResults: maxResults.optional(),
});

const StartExecutionSchema = z.looseObject({
  PipelineName: nameOrArn,
  PipelineExecutionDisplayName: pipelineName.optional(),
  PipelineParameters: z.array(z.looseObject({ Name: z.string().min(1).max(256), Value: z.string().max(1024) })).max(200).optional(),
  PipelineExecutionDescription: z.string().max(3072).optional(),
  ClientRequestToken: requestToken,
});
const ExecutionArnSchema = z.looseObject({ PipelineExecutionArn: z.string().min(1).max(2048) });
const StopExecutionSchema = z.looseObject({ PipelineExecutionArn: z.string().min(1).max(2048), ClientRequestToken: requestToken });
const ListExecutionsSchema = z.looseObject({
  PipelineName: nameOrArn,
  CreatedAfter: timestamp.optional(),
  CreatedBefore: timestamp.optional(),
  SortBy: z.enum(["CreationTime", "PipelineExecutionArn"]).optional(),
  SortOrder: sortOrder.optional(),
  NextToken: nextToken.optional(),
  MaxResults: maxResults.optional(),
});
const ListStepsSchema = z.looseObject({ PipelineExecutionArn: z.string().min(1).max(2048), NextToken: nextToken.optional(), MaxResults: maxResults.optional(), SortOrder: sortOrder.optional() });

const STARTUP = 10 * SECOND;
const BETWEEN_STEPS = 2 * SECOND;
const STOPPING_DURATION = 30 * SECOND;

type StepStatus = "Starting" | "Executing" | "Stopping" | "Stopped" | "Failed" | "Succeeded";
type ExecutionStatus = "Executing" | "Stopping" | "Stopped" | "Failed" | "Succeeded";

interface StepRun {
  definition: StepDefinition;
  startedAt: number;
  /** When the step ends unless stopped (fixed for steps without a job). */
  endsAt: number;
  training?: TrainingJob;
  processing?: ProcessingJob;
  /** QualityCheck and ClarifyCheck steps: the check their processing job runs. */
  check?: CheckStep;
  failureReason?: string;
  metadata: Record<string, unknown>;
  outputs: Record<string, unknown>;
  stoppedAt?: number;
}

interface Pipeline {
  name: string;
  arn: string;
  request: CreatePipelineInput;
  definition: Definition;
  createdAt: number;
  executions: PipelineExecution[];
  /** Executions started from here on find drift in their checks, earlier ones not; without it, about one check in two does. */
  checkDriftFrom?: number;
}

interface PipelineExecution {
  id: string;
  arn: string;
  pipeline: Pipeline;
  token: string;
  request: z.output<typeof StartExecutionSchema>;
  parameters: Record<string, string>;
  createdAt: number;
  steps: StepRun[];
  finished?: { at: number; status: "Succeeded" | "Failed"; failureReason?: string };
  stopRequestedAt?: number;
  stopToken?: string;
}

export class Pipelines {
  private readonly pipelines = new NameMap<Pipeline>();
  private readonly executionsByArn = new NameMap<PipelineExecution>();

  constructor(
    private readonly env: SandboxEnv,
    private readonly training: TrainingJobs,
    private readonly processing: ProcessingJobs,
    private readonly registry: ModelRegistry,
  ) {}

  private require(nameOrArnValue: string): Pipeline {
    const name = nameFromArn(nameOrArnValue);
    const pipeline = this.pipelines.get(name);
    if (!pipeline) throw notFoundError(`Pipeline '${sagemakerArn(this.env, "pipeline", name)}' does not exist.`);
    return pipeline;
  }

  private requireExecution(arn: string): PipelineExecution {
    const execution = this.executionsByArn.get(arn);
    if (!execution) throw notFoundError(`Pipeline execution '${arn}' does not exist.`);
    return execution;
  }

  create(request: CreatePipelineInput, at: number): Pipeline {
    const existing = this.pipelines.get(request.PipelineName);
    if (existing) {
      if (existing.request.ClientRequestToken === request.ClientRequestToken) return existing;
      throw validationError(`Pipeline names must be unique within an AWS account and region. Pipeline with name (${request.PipelineName}) already exists.`);
    }
    const pipeline: Pipeline = { name: request.PipelineName, arn: sagemakerArn(this.env, "pipeline", request.PipelineName), request, definition: parseDefinition(request.PipelineDefinition), createdAt: at, executions: [] };
    this.pipelines.set(pipeline.name, pipeline);
    return pipeline;
  }

  /** Makes the check steps of executions of `name` started from `fromMs` on find drift, and earlier ones not (the seed's story). */
  findCheckDriftFrom(name: string, fromMs: number): void {
    this.require(name).checkDriftFrom = fromMs;
  }

  start(request: z.output<typeof StartExecutionSchema>, at: number): PipelineExecution {
    const pipeline = this.require(request.PipelineName);
    const earlier = pipeline.executions.find((e) => e.token === request.ClientRequestToken);
    if (earlier) return earlier;
    const parameters: Record<string, string> = {};
    for (const parameter of pipeline.definition.Parameters ?? []) {
      if (parameter.DefaultValue !== undefined) parameters[parameter.Name] = String(parameter.DefaultValue);
    }
    for (const given of request.PipelineParameters ?? []) {
      if (!(pipeline.definition.Parameters ?? []).some((p) => p.Name === given.Name)) throw validationError(`Pipeline parameter '${given.Name}' is not defined in pipeline ${pipeline.name}.`);
      parameters[given.Name] = given.Value;
    }
    const id = alnumId(`${pipeline.arn}|${request.ClientRequestToken}`, 12);
    const execution: PipelineExecution = { id, arn: `${pipeline.arn}/execution/${id}`, pipeline, token: request.ClientRequestToken, request, parameters, createdAt: at, steps: [] };
    pipeline.executions.push(execution);
    this.executionsByArn.set(execution.arn, execution);
    this.env.timeline.schedule(at + STARTUP, (when) => this.runStep(execution, 0, when));
    this.env.events.checkAt(this.watched(execution), [at]);
    return execution;
  }

  /** Pipeline events have their own shape: camelCase, with the status moved from. */
  private watched(execution: PipelineExecution): WatchedResource {
    return {
      kind: "pipeline-execution",
      arn: execution.arn,
      resources: [execution.pipeline.arn, execution.arn],
      read: (at) => {
        const state = this.executionState(execution, at);
        const ended = state.status === "Executing" || state.status === "Stopping" ? undefined : new Date(state.lastModified).toISOString();
        const detail: Record<string, unknown> = {
          pipelineExecutionDisplayName: execution.request.PipelineExecutionDisplayName ?? `execution-${execution.createdAt}`,
          currentPipelineExecutionStatus: state.status,
          executionStartTime: new Date(execution.createdAt).toISOString(),
          pipelineExecutionDescription: execution.request.PipelineExecutionDescription,
          pipelineArn: execution.pipeline.arn,
          pipelineExecutionArn: execution.arn,
        };
        if (ended !== undefined) detail.executionEndTime = ended;
        return { status: state.status, detail };
      },
      withPrevious: (detail, previous) => (previous === undefined ? detail : { ...detail, previousPipelineExecutionStatus: previous }),
    };
  }

  private context(execution: PipelineExecution): ExpressionContext {
    return {
      Parameters: execution.parameters,
      Steps: Object.fromEntries(execution.steps.map((s) => [s.definition.Name, s.outputs])),
      Execution: { PipelineExecutionId: execution.id, PipelineExecutionArn: execution.arn, StartDateTime: new Date(execution.createdAt).toISOString() },
    };
  }

  private jobName(execution: PipelineExecution, step: StepDefinition): string {
    const stepPart = step.Name.replace(/[^a-zA-Z0-9-]/g, "-").slice(0, 20);
    return `pipelines-${execution.id}-${stepPart}-${hexId(`${execution.arn}|${step.Name}`, 10)}`.replace(/-+/g, "-");
  }

  /** Starts step `index`: its job, or a fixed duration for steps without one. */
  private runStep(execution: PipelineExecution, index: number, at: number): void {
    const definition = execution.pipeline.definition.Steps[index];
    if (!definition || execution.stopRequestedAt !== undefined) return;
    const run: StepRun = { definition, startedAt: at, endsAt: at + MINUTE, metadata: {}, outputs: {} };
    execution.steps.push(run);
    try {
      const args = resolveExpressions(definition.Arguments ?? {}, this.context(execution));
      const name = this.jobName(execution, definition);
      if (definition.Type === "Training") {
        const job = this.training.create(parseCreateTrainingJob({ ...(typeof args === "object" && args !== null ? args : {}), TrainingJobName: name }), at);
        run.training = job;
        run.endsAt = plannedEnd(job);
        run.metadata = { TrainingJob: { Arn: job.arn } };
        run.outputs = { TrainingJobName: job.name, ModelArtifacts: { S3ModelArtifacts: modelArtifactsUri(job) } };
      } else if (definition.Type === "Processing") {
        const job = this.startProcessing(name, args, at);
        run.processing = job;
        run.endsAt = job.endsAt;
        run.metadata = { ProcessingJob: { Arn: job.arn } };
        run.outputs = { ProcessingJobName: job.name, ProcessingOutputConfig: { Outputs: Object.fromEntries(job.outputs.map((o) => [o.OutputName, o])) } };
      } else if (definition.Type === "QualityCheck" || definition.Type === "ClarifyCheck") {
        // CheckType, SkipCheck and the supplied baselines sit beside Arguments, and may be expressions too.
        const seed = `${execution.arn}|${definition.Name}`;
        const from = execution.pipeline.checkDriftFrom;
        const drifted = from !== undefined ? execution.createdAt >= from : unitHash(`${seed}|violations`) < 0.5;
        const check = new CheckStep(this.env, definition.Type, resolveExpressions(definition, this.context(execution)), { seed, drifted });
        const job = this.startProcessing(name, args, at);
        run.processing = job;
        run.check = check;
        run.endsAt = job.endsAt;
        run.metadata = check.metadata(job);
      } else if (definition.Type === "RegisterModel") {
        run.endsAt = at + 5 * SECOND;
      } else if (definition.Type === "Condition") {
        run.endsAt = at + SECOND;
        run.metadata = { Condition: { Outcome: "True" } };
        run.outputs = { Outcome: "True" };
      } else if (definition.Type === "Fail") {
        run.endsAt = at + SECOND;
        const message = typeof args === "object" && args !== null && "ErrorMessage" in args ? String(args.ErrorMessage) : "The pipeline reached a Fail step.";
        run.failureReason = message;
        run.metadata = { Fail: { ErrorMessage: message } };
      }
    } catch (error) {
      run.endsAt = at + SECOND;
      run.failureReason = error instanceof SandboxError || error instanceof ExpressionError ? error.message : String(error);
    }
    this.env.timeline.schedule(run.endsAt, (when) => this.finishStep(execution, index, when));
  }

  private startProcessing(name: string, args: unknown, at: number): ProcessingJob {
    const a = (typeof args === "object" && args !== null ? args : {}) as {
      AppSpecification?: { ImageUri?: string };
      RoleArn?: string;
      ProcessingResources?: { ClusterConfig?: { InstanceType?: string; InstanceCount?: number } };
      ProcessingInputs?: ProcessingJob["inputs"];
      ProcessingOutputConfig?: { Outputs?: ProcessingJob["outputs"] };
      Environment?: Record<string, string>;
    };
    if (a.AppSpecification?.ImageUri === undefined) throw validationError("A Processing step needs AppSpecification.ImageUri.");
    const runMs = Math.round(240 + 180 * unitHash(name)) * SECOND;
    const startsAt = at + MINUTE;
    const missing = (a.ProcessingInputs ?? []).find((input) => input.S3Input.S3Uri.includes("missing"));
    const failureReason = missing ? `ClientError: Failed to download data. No objects were found under ${missing.S3Input.S3Uri} for input ${missing.InputName}.` : undefined;
    return this.processing.create({
      name,
      imageUri: a.AppSpecification.ImageUri,
      roleArn: a.RoleArn ?? "",
      instanceType: a.ProcessingResources?.ClusterConfig?.InstanceType ?? "ml.m5.xlarge",
      instanceCount: a.ProcessingResources?.ClusterConfig?.InstanceCount ?? 1,
      inputs: a.ProcessingInputs ?? [],
      outputs: a.ProcessingOutputConfig?.Outputs ?? [],
      environment: a.Environment,
      createdAt: at,
      startsAt,
      endsAt: failureReason ? startsAt + MINUTE : startsAt + runMs,
      outcome: failureReason ? { status: "Failed", failureReason } : { status: "Completed" },
    });
  }

  private finishStep(execution: PipelineExecution, index: number, at: number): void {
    const run = execution.steps[index];
    if (!run || execution.stopRequestedAt !== undefined) return;
    if (run.training) {
      const view = viewTrainingJob(run.training, at);
      if (view.status !== "Completed") run.failureReason = view.failureReason ?? `Training job ${run.training.name} ended in status ${view.status}.`;
    }
    if (run.processing) {
      const view = this.processing.view(run.processing, at);
      if (view.status !== "Completed") run.failureReason = run.processing.outcome.failureReason ?? `Processing job ${run.processing.name} ended in status ${view.status}.`;
      else if (run.check) {
        const outcome = run.check.finish(run.processing, at);
        run.metadata = outcome.metadata;
        run.outputs = outcome.outputs;
        if (outcome.failureReason !== undefined) run.failureReason = outcome.failureReason;
      }
    }
    if (run.definition.Type === "RegisterModel" && run.failureReason === undefined) {
      try {
        const args = resolveExpressions(run.definition.Arguments ?? {}, this.context(execution));
        const pkg = this.registry.createPackage(parseCreateModelPackage(args), at);
        run.metadata = { RegisterModel: { Arn: pkg.arn } };
        run.outputs = { ModelPackageArn: pkg.arn };
      } catch (error) {
        run.failureReason = error instanceof SandboxError || error instanceof ExpressionError ? error.message : String(error);
      }
    }
    if (run.failureReason !== undefined) {
      execution.finished = { at, status: "Failed", failureReason: `Step failure: One or multiple steps failed. Step ${run.definition.Name}: ${run.failureReason}` };
      this.env.events.checkAt(this.watched(execution), [at]);
    } else if (index + 1 < execution.pipeline.definition.Steps.length) {
      this.env.timeline.schedule(at + BETWEEN_STEPS, (when) => this.runStep(execution, index + 1, when));
    } else {
      execution.finished = { at, status: "Succeeded" };
      this.env.events.checkAt(this.watched(execution), [at]);
    }
  }

  private executionState(execution: PipelineExecution, now: number): { status: ExecutionStatus; lastModified: number; failureReason?: string } {
    const stop = execution.stopRequestedAt;
    if (stop !== undefined && (execution.finished === undefined || execution.finished.at > stop)) {
      return now >= stop + STOPPING_DURATION ? { status: "Stopped", lastModified: stop + STOPPING_DURATION } : { status: "Stopping", lastModified: stop };
    }
    if (execution.finished) return { status: execution.finished.status, lastModified: execution.finished.at, failureReason: execution.finished.failureReason };
    const lastStep = execution.steps[execution.steps.length - 1];
    return { status: "Executing", lastModified: lastStep?.startedAt ?? execution.createdAt };
  }

  private stepState(run: StepRun, now: number): { status: StepStatus; end?: number } {
    if (run.stoppedAt !== undefined) return now >= run.stoppedAt + STOPPING_DURATION ? { status: "Stopped", end: run.stoppedAt + STOPPING_DURATION } : { status: "Stopping" };
    if (now < run.endsAt) return { status: now < run.startedAt + 5 * SECOND ? "Starting" : "Executing" };
    return { status: run.failureReason === undefined ? "Succeeded" : "Failed", end: run.endsAt };
  }

  private stop(execution: PipelineExecution, token: string, at: number): void {
    if (execution.stopToken === token) return;
    const status = this.executionState(execution, at).status;
    if (status !== "Executing") throw validationError(`Pipeline execution ${execution.arn} is in status ${status} and cannot be stopped.`);
    execution.stopRequestedAt = at;
    execution.stopToken = token;
    this.env.events.checkAt(this.watched(execution), [at, at + STOPPING_DURATION]);
    const current = execution.steps[execution.steps.length - 1];
    if (current && at < current.endsAt) {
      current.stoppedAt = at;
      if (current.training && viewTrainingJob(current.training, at).status === "InProgress") this.training.stop(current.training.name, at);
      if (current.processing) this.processing.stop(current.processing, at);
    }
  }

  private describePipeline(pipeline: Pipeline): Record<string, unknown> {
    const last = pipeline.executions[pipeline.executions.length - 1];
    return compact({
      PipelineArn: pipeline.arn,
      PipelineName: pipeline.name,
      PipelineDisplayName: pipeline.request.PipelineDisplayName ?? pipeline.name,
      PipelineDefinition: pipeline.request.PipelineDefinition,
      PipelineDescription: pipeline.request.PipelineDescription,
      RoleArn: pipeline.request.RoleArn,
      PipelineStatus: "Active",
      CreationTime: wireTime(pipeline.createdAt),
      LastModifiedTime: wireTime(pipeline.createdAt),
      LastRunTime: wireTime(last?.createdAt),
      CreatedBy: {},
      LastModifiedBy: {},
    });
  }

  private describeExecution(execution: PipelineExecution, now: number): Record<string, unknown> {
    const state = this.executionState(execution, now);
    return compact({
      PipelineArn: execution.pipeline.arn,
      PipelineExecutionArn: execution.arn,
      PipelineExecutionDisplayName: execution.request.PipelineExecutionDisplayName ?? `execution-${execution.createdAt}`,
      PipelineExecutionStatus: state.status,
      PipelineExecutionDescription: execution.request.PipelineExecutionDescription,
      PipelineExperimentConfig: { ExperimentName: execution.pipeline.name, TrialName: execution.id },
      FailureReason: state.failureReason,
      CreationTime: wireTime(execution.createdAt),
      LastModifiedTime: wireTime(state.lastModified),
      CreatedBy: {},
      LastModifiedBy: {},
    });
  }

  operations(): Operations {
    return {
      CreatePipeline: (input, now) => ({ PipelineArn: this.create(parseRequest(CreatePipelineSchema, input), now).arn }),
      DescribePipeline: (input) => this.describePipeline(this.require(parseRequest(PipelineNameSchema, input).PipelineName)),
      ListPipelines: (input) => {
        const q = parseRequest(ListPipelinesSchema, input);
        const rows = [...this.pipelines.values()].filter((p) => (q.PipelineNamePrefix === undefined || p.name.startsWith(q.PipelineNamePrefix)) && within(p.createdAt, q.CreatedAfter, q.CreatedBefore));
        const sorted = sortItems(rows, (p) => (q.SortBy === "Name" ? p.name : p.createdAt), q.SortOrder ?? "Descending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({
          PipelineSummaries: page.map((p) =>
            compact({
              PipelineArn: p.arn,
              PipelineName: p.name,
              PipelineDisplayName: p.request.PipelineDisplayName ?? p.name,
              PipelineDescription: p.request.PipelineDescription,
              RoleArn: p.request.RoleArn,
              CreationTime: wireTime(p.createdAt),
              LastModifiedTime: wireTime(p.createdAt),
              LastExecutionTime: wireTime(p.executions[p.executions.length - 1]?.createdAt),
            }),
          ),
          NextToken: next,
        });
      },
      StartPipelineExecution: (input, now) => ({ PipelineExecutionArn: this.start(parseRequest(StartExecutionSchema, input), now).arn }),
      DescribePipelineExecution: (input, now) => this.describeExecution(this.requireExecution(parseRequest(ExecutionArnSchema, input).PipelineExecutionArn), now),
      StopPipelineExecution: (input, now) => {
        const q = parseRequest(StopExecutionSchema, input);
        const execution = this.requireExecution(q.PipelineExecutionArn);
        this.stop(execution, q.ClientRequestToken, now);
        return { PipelineExecutionArn: execution.arn };
      },
      ListPipelineExecutions: (input, now) => {
        const q = parseRequest(ListExecutionsSchema, input);
        const pipeline = this.require(q.PipelineName);
        const rows = pipeline.executions.filter((e) => within(e.createdAt, q.CreatedAfter, q.CreatedBefore));
        const sorted = sortItems(rows, (e) => (q.SortBy === "PipelineExecutionArn" ? e.arn : e.createdAt), q.SortOrder ?? "Descending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({
          PipelineExecutionSummaries: page.map((e) => {
            const state = this.executionState(e, now);
            return compact({
              PipelineExecutionArn: e.arn,
              StartTime: wireTime(e.createdAt),
              PipelineExecutionStatus: state.status,
              PipelineExecutionDescription: e.request.PipelineExecutionDescription,
              PipelineExecutionDisplayName: e.request.PipelineExecutionDisplayName ?? `execution-${e.createdAt}`,
              PipelineExecutionFailureReason: state.failureReason,
            });
          }),
          NextToken: next,
        });
      },
      ListPipelineExecutionSteps: (input, now) => {
        const q = parseRequest(ListStepsSchema, input);
        const execution = this.requireExecution(q.PipelineExecutionArn);
        const rows = execution.steps.filter((run) => run.startedAt <= now);
        const sorted = sortItems(rows, (run) => run.startedAt, q.SortOrder ?? "Descending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken, defaultMax: 100 });
        return compact({
          PipelineExecutionSteps: page.map((run) => {
            const state = this.stepState(run, now);
            return compact({
              StepName: run.definition.Name,
              StepDisplayName: run.definition.DisplayName,
              StepDescription: run.definition.Description,
              StartTime: wireTime(run.startedAt),
              EndTime: wireTime(state.end),
              StepStatus: state.status,
              FailureReason: state.status === "Failed" ? run.failureReason : undefined,
              Metadata: run.metadata,
              AttemptCount: 1,
            });
          }),
          NextToken: next,
        });
      },
    };
  }
}
