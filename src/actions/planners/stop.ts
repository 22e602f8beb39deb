import { SageMakerError } from "../../kernel/sagemaker-port.js";
import { decide, defaultEnvironment, invalid, type PlanningContext, type PlanningResult, tagsOf, tagValue } from "../planning.js";

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

/** `/sageops stop <job-name>`, a training or a tuning job: the requester must own the job (admins may stop any). */
export async function planStop(jobName: string, context: PlanningContext): Promise<PlanningResult> {
  let job: Awaited<ReturnType<typeof jobNamed>>;
  try {
    job = await jobNamed(jobName, context);
  } catch (error) {
    if (error instanceof SageMakerError) return invalid({ what: `SageMaker did not answer about \`${jobName}\` (${error.code}): ${error.message}`, fix: "Try again in a moment." });
    throw error;
  }
  if (!job) return invalid({ what: `There is no training or tuning job named \`${jobName}\`.`, fix: "`/sageops status` lists your running jobs." });
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
