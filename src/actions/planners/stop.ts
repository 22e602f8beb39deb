import { SageMakerError } from "../../kernel/sagemaker-port.js";
import { decide, defaultEnvironment, invalid, type PlanningContext, type PlanningResult, tagsOf, tagValue } from "../planning.js";

async function originFromTags(context: PlanningContext, arn: string | undefined): Promise<{ requester: string; environment: string } | undefined> {
  const tags = await tagsOf(context.port, arn);
  const requester = tagValue(tags, "sageops:requester");
  return requester ? { requester, environment: tagValue(tags, "sageops:environment") ?? defaultEnvironment(context.policy) } : undefined;
}

/** `/sageops stop <job-name>`: the requester must own the job (admins may stop any). */
export async function planStop(jobName: string, context: PlanningContext): Promise<PlanningResult> {
  let status: string;
  let arn: string | undefined;
  try {
    const job = await context.port.describeTrainingJob(jobName);
    status = job.TrainingJobStatus;
    arn = job.TrainingJobArn;
  } catch (error) {
    if (error instanceof SageMakerError && (error.code === "ResourceNotFound" || error.code === "Validation")) {
      return invalid({ what: `There is no training job named \`${jobName}\`.`, fix: "`/sageops status` lists your running jobs." });
    }
    if (error instanceof SageMakerError) return invalid({ what: `SageMaker did not answer about \`${jobName}\` (${error.code}): ${error.message}`, fix: "Try again in a moment." });
    throw error;
  }
  if (status !== "InProgress") return invalid({ what: `Training job \`${jobName}\` is ${status}; only a job in progress can be stopped.` });
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
        { label: "Training job", value: jobName },
        { label: "Started by", value: origin ? `${origin.requester} in ${origin.environment}` : "not through sageops" },
      ],
      steps: () => [{ operation: "StopTrainingJob", request: { TrainingJobName: jobName } }],
      track: { type: "training-job", name: jobName },
    },
  );
}
