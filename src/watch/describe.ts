/**
 * One Describe* per resource type, turned into a ResourceStatus. SageMaker's status words are
 * mapped to a phase here, once, so the rest of the code asks "is it over, and how did it end".
 */
import { pipelineNameFromArn, type TrackedResource } from "../kernel/resources.js";
import type {
  EndpointDescription,
  PipelineExecutionDescription,
  PipelineExecutionStep,
  SageMakerPort,
  TrainingJobDescription,
  TransformJobDescription,
  TuningJobDescription,
} from "../kernel/sagemaker-port.js";
import type { EndpointStatus, Phase, PipelineStatus, ResourceStatus, TrainingStatus, TransformStatus, TuningStatus } from "./status.js";

/** The part of the SageMaker port that watching and asking use (all read-only). */
export type WatchPort = Pick<
  SageMakerPort,
  "describeTrainingJob" | "describeTuningJob" | "describeEndpoint" | "describeTransformJob" | "describePipelineExecution" | "listPipelineExecutionSteps" | "listTrainingJobs" | "listEndpoints" | "listPipelines"
>;

const iso = (date: Date | undefined): string | undefined => (date ? date.toISOString() : undefined);

function trainingPhase(status: TrainingJobDescription["TrainingJobStatus"]): Phase {
  switch (status) {
    case "Completed":
      return "succeeded";
    case "Failed":
      return "failed";
    case "Stopped":
    case "Deleting":
      return "stopped";
    default:
      return "running";
  }
}

function tuningPhase(status: TuningJobDescription["HyperParameterTuningJobStatus"]): Phase {
  switch (status) {
    case "Completed":
      return "succeeded";
    case "Failed":
    case "DeleteFailed":
      return "failed";
    case "Stopped":
    case "Deleting":
      return "stopped";
    default:
      return "running";
  }
}

/** An endpoint deploy is over once it serves (InService) or can no longer (Failed, deleted). */
function endpointPhase(status: EndpointDescription["EndpointStatus"], rolledBack: boolean): Phase {
  switch (status) {
    case "InService":
      return rolledBack ? "failed" : "succeeded";
    case "Failed":
    case "UpdateRollbackFailed":
    case "OutOfService":
      return "failed";
    case "Deleting":
      return "stopped";
    default:
      return "running";
  }
}

function transformPhase(status: TransformJobDescription["TransformJobStatus"]): Phase {
  return status === "Completed" ? "succeeded" : status === "Failed" ? "failed" : status === "Stopped" ? "stopped" : "running";
}

function pipelinePhase(status: PipelineExecutionDescription["PipelineExecutionStatus"]): Phase {
  return status === "Succeeded" ? "succeeded" : status === "Failed" ? "failed" : status === "Stopped" ? "stopped" : "running";
}

function trainingStatus(job: TrainingJobDescription): TrainingStatus {
  return {
    type: "training-job",
    name: job.TrainingJobName,
    arn: job.TrainingJobArn,
    status: job.TrainingJobStatus,
    phase: trainingPhase(job.TrainingJobStatus),
    failureReason: job.FailureReason,
    createdAt: iso(job.CreationTime),
    startedAt: iso(job.TrainingStartTime ?? job.CreationTime),
    endedAt: iso(job.TrainingEndTime),
    lastModified: iso(job.LastModifiedTime),
    secondaryStatus: job.SecondaryStatus,
    timeline: (job.SecondaryStatusTransitions ?? []).map((t) => ({ status: t.Status, startedAt: iso(t.StartTime), endedAt: iso(t.EndTime), message: t.StatusMessage })),
    billableSeconds: job.BillableTimeInSeconds,
    instanceType: job.ResourceConfig?.InstanceType,
    instanceCount: job.ResourceConfig?.InstanceCount,
    maxRuntimeSeconds: job.StoppingCondition?.MaxRuntimeInSeconds,
    metrics: (job.FinalMetricDataList ?? []).flatMap((m) => (m.MetricName !== undefined && m.Value !== undefined ? [{ name: m.MetricName, value: m.Value }] : [])),
  };
}

function tuningStatus(job: TuningJobDescription, arn?: string): TuningStatus {
  const counters = job.TrainingJobStatusCounters ?? {};
  const best = job.BestTrainingJob;
  return {
    type: "tuning-job",
    name: job.HyperParameterTuningJobName,
    arn,
    status: job.HyperParameterTuningJobStatus,
    phase: tuningPhase(job.HyperParameterTuningJobStatus),
    failureReason: job.FailureReason,
    createdAt: iso(job.CreationTime),
    startedAt: iso(job.CreationTime),
    endedAt: iso(job.HyperParameterTuningEndTime),
    lastModified: iso(job.LastModifiedTime),
    counters: {
      completed: counters.Completed ?? 0,
      inProgress: counters.InProgress ?? 0,
      failed: (counters.RetryableError ?? 0) + (counters.NonRetryableError ?? 0),
      stopped: counters.Stopped ?? 0,
    },
    best: best?.TrainingJobName
      ? { trainingJobName: best.TrainingJobName, metricName: best.FinalHyperParameterTuningJobObjectiveMetric?.MetricName, value: best.FinalHyperParameterTuningJobObjectiveMetric?.Value }
      : undefined,
  };
}

/**
 * SageMaker keeps no status history for endpoints, so the timeline is what sageops has seen,
 * carried over from the previous snapshot.
 */
function endpointStatus(endpoint: EndpointDescription, previous: EndpointStatus | undefined, observedAt: Date): EndpointStatus {
  const at = (endpoint.LastModifiedTime ?? observedAt).toISOString();
  const timeline = [...(previous?.timeline ?? [])];
  const last = timeline[timeline.length - 1];
  if (last?.status !== endpoint.EndpointStatus) {
    if (last) timeline[timeline.length - 1] = { ...last, endedAt: last.endedAt ?? at };
    timeline.push({ status: endpoint.EndpointStatus, startedAt: at });
  }
  // A failed blue/green update returns the endpoint to InService on its old config, with a FailureReason.
  const wasUpdating = timeline.some((entry) => entry.status === "Updating" || entry.status === "RollingBack");
  const rolledBack = (previous?.rolledBack ?? false) || endpoint.EndpointStatus === "RollingBack" || (endpoint.EndpointStatus === "InService" && wasUpdating && endpoint.FailureReason !== undefined);
  const phase = endpointPhase(endpoint.EndpointStatus, rolledBack);
  return {
    type: "endpoint",
    name: endpoint.EndpointName,
    arn: endpoint.EndpointArn,
    status: endpoint.EndpointStatus,
    phase,
    failureReason: endpoint.FailureReason,
    createdAt: iso(endpoint.CreationTime),
    startedAt: previous?.startedAt ?? timeline[0]?.startedAt,
    endedAt: phase === "running" ? undefined : at,
    lastModified: iso(endpoint.LastModifiedTime),
    configName: endpoint.EndpointConfigName,
    variants: (endpoint.ProductionVariants ?? []).map((v) => ({
      name: v.VariantName ?? "",
      currentWeight: v.CurrentWeight,
      desiredWeight: v.DesiredWeight,
      currentInstances: v.CurrentInstanceCount,
      desiredInstances: v.DesiredInstanceCount,
    })),
    timeline,
    rolledBack,
  };
}

function transformStatus(job: TransformJobDescription, arn?: string): TransformStatus {
  return {
    type: "transform-job",
    name: job.TransformJobName,
    arn,
    status: job.TransformJobStatus,
    phase: transformPhase(job.TransformJobStatus),
    failureReason: job.FailureReason,
    createdAt: iso(job.CreationTime),
    startedAt: iso(job.TransformStartTime ?? job.CreationTime),
    endedAt: iso(job.TransformEndTime),
    outputPath: job.TransformOutput?.S3OutputPath,
  };
}

function pipelineStatus(name: string, execution: PipelineExecutionDescription, steps: readonly PipelineExecutionStep[]): PipelineStatus {
  const phase = pipelinePhase(execution.PipelineExecutionStatus);
  return {
    type: "pipeline-execution",
    name,
    arn: execution.PipelineExecutionArn,
    status: execution.PipelineExecutionStatus,
    phase,
    failureReason: execution.FailureReason ?? steps.find((s) => s.FailureReason)?.FailureReason,
    createdAt: iso(execution.CreationTime),
    startedAt: iso(execution.CreationTime),
    endedAt: phase === "running" ? undefined : iso(execution.LastModifiedTime),
    lastModified: iso(execution.LastModifiedTime),
    pipelineName: pipelineNameFromArn(execution.PipelineExecutionArn),
    displayName: execution.PipelineExecutionDisplayName,
    steps: steps.map((s) => ({ name: s.StepName ?? "", status: s.StepStatus ?? "Unknown", startedAt: iso(s.StartTime), endedAt: iso(s.EndTime), failureReason: s.FailureReason })),
  };
}

/** Why a resource cannot be described at all (as opposed to SageMaker failing to answer). */
export class UndescribableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UndescribableError";
  }
}

/**
 * Describes one resource: one call, two for a pipeline execution (its steps). `previous` carries
 * what SageMaker does not keep (an endpoint's observed timeline).
 */
export async function describeResource(port: WatchPort, resource: TrackedResource, previous: ResourceStatus | undefined, now: Date): Promise<ResourceStatus> {
  switch (resource.type) {
    case "training-job":
      return trainingStatus(await port.describeTrainingJob(resource.name));
    case "tuning-job":
      return tuningStatus(await port.describeTuningJob(resource.name), resource.arn);
    case "endpoint":
      return endpointStatus(await port.describeEndpoint(resource.name), previous?.type === "endpoint" ? previous : undefined, now);
    case "transform-job":
      return transformStatus(await port.describeTransformJob(resource.name), resource.arn);
    case "pipeline-execution": {
      const arn = resource.arn ?? (resource.name.startsWith("arn:") ? resource.name : undefined);
      if (!arn) throw new UndescribableError(`The pipeline execution ${resource.name} has no ARN, and SageMaker describes executions only by ARN.`);
      const [execution, steps] = await Promise.all([port.describePipelineExecution(arn), port.listPipelineExecutionSteps(arn)]);
      return pipelineStatus(resource.name, execution, steps);
    }
  }
}

/** How many SageMaker calls describeResource makes for this type. */
export function describeCost(type: TrackedResource["type"]): number {
  return type === "pipeline-execution" ? 2 : 1;
}

/**
 * The final snapshot of a resource SageMaker no longer knows (deleted, or never created):
 * the last one seen marked gone, or an empty one of its type.
 */
export function goneStatus(resource: TrackedResource, previous: ResourceStatus | undefined, reason: string, now: Date): ResourceStatus {
  const ended = { status: "NotFound", phase: "failed" as const, failureReason: reason, endedAt: now.toISOString() };
  if (previous) return { ...previous, ...ended };
  const base = { name: resource.name, arn: resource.arn, ...ended };
  switch (resource.type) {
    case "training-job":
      return { type: "training-job", ...base, timeline: [], metrics: [] };
    case "tuning-job":
      return { type: "tuning-job", ...base, counters: { completed: 0, inProgress: 0, failed: 0, stopped: 0 } };
    case "endpoint":
      return { type: "endpoint", ...base, variants: [], timeline: [], rolledBack: false };
    case "transform-job":
      return { type: "transform-job", ...base };
    case "pipeline-execution":
      return { type: "pipeline-execution", ...base, steps: [] };
  }
}
