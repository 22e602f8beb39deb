import { pipelineNameFromArn } from "../../kernel/resources.js";
import { SageMakerError } from "../../kernel/sagemaker-port.js";
import { clientRequestToken, decide, defaultEnvironment, invalid, MAX_CHOICES, type PlanningContext, type PlanningResult, tagsOf, tagValue } from "../planning.js";

async function originFromTags(context: PlanningContext, arn: string | undefined): Promise<{ requester: string; environment: string } | undefined> {
  const tags = await tagsOf(context.port, arn);
  const requester = tagValue(tags, "sageops:requester");
  return requester ? { requester, environment: tagValue(tags, "sageops:environment") ?? defaultEnvironment(context.policy) } : undefined;
}

const notFound = (error: unknown): boolean => error instanceof SageMakerError && (error.code === "ResourceNotFound" || error.code === "Validation");

/** The job of that name: a training job, else a tuning job; undefined when SageMaker has neither. */
async function jobNamed(jobName: string, context: PlanningContext): Promise<{ kind: "training" | "tuning"; status: string; arn?: string } | undefined> {
  try {
    const job = await context.port.describeTrainingJob(jobName);
    return { kind: "training", status: job.TrainingJobStatus, arn: job.TrainingJobArn };
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  try {
    return { kind: "tuning", status: (await context.port.describeTuningJob(jobName)).HyperParameterTuningJobStatus };
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}

/** A running execution of a pipeline, found by the pipeline's name or by the execution's ARN. */
type RunningExecution = { kind: "found"; pipeline: string; arn: string } | { kind: "invalid"; result: PlanningResult };

async function runningExecution(name: string, context: PlanningContext): Promise<RunningExecution | undefined> {
  const fromArn = pipelineNameFromArn(name);
  if (fromArn) {
    const status = (await context.port.describePipelineExecution(name)).PipelineExecutionStatus;
    if (status !== "Executing") return { kind: "invalid", result: invalid({ what: `That run of pipeline \`${fromArn}\` is ${status}; only a run in progress can be stopped.` }) };
    return { kind: "found", pipeline: fromArn, arn: name };
  }
  if (!(await context.port.listPipelines()).some((pipeline) => pipeline.name === name)) return undefined;
  const executions = await context.port.listPipelineExecutions(name, { maxResults: 20 });
  const running = executions.filter((execution) => execution.status === "Executing");
  const [only] = running;
  if (only && running.length === 1) return { kind: "found", pipeline: name, arn: only.arn };
  if (running.length === 0) {
    const last = executions[0];
    return { kind: "invalid", result: invalid({ what: `Pipeline \`${name}\` has no run in progress${last ? `; its last run is ${last.status}` : ""}.`, fix: `\`/sageops status ${name}\` shows its runs.` }) };
  }
  const shown = running.slice(0, MAX_CHOICES);
  const listed = shown.map((execution) => `\`${execution.arn}\``);
  const more = running.length > MAX_CHOICES ? `, and ${running.length - MAX_CHOICES} more` : "";
  // Each run a button that asks for its stop as if its ARN had been typed: the same plan, guard and confirmation.
  const choices = shown.map((execution) => ({ label: `Stop run ${runLabel(execution)}`, text: `stop ${execution.arn}` }));
  return {
    kind: "invalid",
    result: invalid({ what: `Pipeline \`${name}\` has ${running.length} runs in progress: ${listed.join(", ")}${more}.`, fix: "Pick one to stop, or stop one by its ARN: `/sageops stop <execution ARN>`.", choices }),
  };
}

/** A run as a person tells it apart, within a button's 75 characters: the end of its ARN and when it started. */
function runLabel(execution: { arn: string; startTime?: Date }): string {
  const id = execution.arn.slice(execution.arn.lastIndexOf("/") + 1).slice(-16);
  return execution.startTime ? `${id}, started ${execution.startTime.toISOString().slice(0, 16).replace("T", " ")} UTC` : id;
}

/** Stopping a pipeline run: whoever started it through sageops owns it (admins may stop any). */
function planPipelineStop(pipeline: string, arn: string, context: PlanningContext): PlanningResult {
  const started = context.startedBy(pipeline);
  // The pipeline's last sageops start names its requester only when it started this very run.
  const origin = started?.arn === arn ? started : undefined;
  const planId = context.newPlanId();
  return decide(
    context,
    { action: "stop", environment: origin?.environment ?? defaultEnvironment(context.policy), ownsJob: origin?.requester === context.requester.userId },
    {
      id: planId,
      kind: "stop",
      title: `Stop the ${pipeline} run`,
      // The run, not the pipeline: this plan must not pass for the pipeline's last start.
      resourceName: arn,
      details: [
        { label: "Pipeline run", value: arn },
        { label: "Started by", value: origin ? `${origin.requester} in ${origin.environment}` : "not through sageops" },
      ],
      // A retry of this plan asks SageMaker for the same stop.
      steps: () => [{ operation: "StopPipelineExecution", request: { PipelineExecutionArn: arn, ClientRequestToken: clientRequestToken("stop", planId) } }],
      track: { type: "pipeline-execution", name: pipeline, arn },
    },
  );
}

/** Stopping a training or tuning job in progress: whoever started it owns it (admins may stop any). */
async function planJobStop(jobName: string, job: NonNullable<Awaited<ReturnType<typeof jobNamed>>>, context: PlanningContext): Promise<PlanningResult> {
  const { kind, status, arn } = job;
  const label = kind === "training" ? "Training job" : "Tuning job";
  if (status !== "InProgress") return invalid({ what: `${label} \`${jobName}\` is ${status}; only a job in progress can be stopped.` });
  // Who started the job and where: the plan that started it, else the tags sageops put on it.
  const origin = context.startedBy(jobName) ?? (await originFromTags(context, arn));
  return decide(
    context,
    { action: "stop", environment: origin?.environment ?? defaultEnvironment(context.policy), ownsJob: origin?.requester === context.requester.userId },
    {
      kind: "stop",
      title: `Stop ${jobName}`,
      resourceName: jobName,
      details: [
        { label, value: jobName },
        { label: "Started by", value: origin ? `${origin.requester} in ${origin.environment}` : "not through sageops" },
      ],
      steps: () =>
        kind === "training"
          ? [{ operation: "StopTrainingJob", request: { TrainingJobName: jobName } }]
          : [{ operation: "StopHyperParameterTuningJob", request: { HyperParameterTuningJobName: jobName } }],
      track: { type: kind === "training" ? "training-job" : "tuning-job", name: jobName },
    },
  );
}

/**
 * `/sageops stop <name>`: a training or a tuning job, else the run in progress of the pipeline of
 * that name (or the run whose ARN is given). The requester must own it (admins may stop any).
 */
export async function planStop(name: string, context: PlanningContext): Promise<PlanningResult> {
  let job: Awaited<ReturnType<typeof jobNamed>>;
  let execution: RunningExecution | undefined;
  try {
    job = pipelineNameFromArn(name) ? undefined : await jobNamed(name, context);
    execution = job ? undefined : await runningExecution(name, context);
  } catch (error) {
    if (error instanceof SageMakerError) return invalid({ what: `SageMaker did not answer about \`${name}\` (${error.code}): ${error.message}`, fix: "Try again in a moment." });
    throw error;
  }
  if (execution?.kind === "invalid") return execution.result;
  if (execution) return planPipelineStop(execution.pipeline, execution.arn, context);
  if (!job) return invalid({ what: `There is no training job, tuning job or pipeline named \`${name}\`.`, fix: "`/sageops status` lists your running jobs." });
  return planJobStop(name, job, context);
}
