import { SageMakerError } from "../port.js";
import { decide, defaultEnvironment, invalid, type PlanningContext, type PlanningResult } from "../planning.js";

/** `/sageops stop <job-name>`: the requester must own the job (admins may stop any). */
export async function planStop(jobName: string, context: PlanningContext): Promise<PlanningResult> {
  let status: string;
  try {
    status = (await context.port.describeTrainingJob(jobName)).TrainingJobStatus;
  } catch (error) {
    if (error instanceof SageMakerError && (error.code === "ResourceNotFound" || error.code === "Validation")) {
      return invalid({ what: `There is no training job named \`${jobName}\`.`, fix: "`/sageops status` lists your running jobs." });
    }
    if (error instanceof SageMakerError) return invalid({ what: `SageMaker did not answer about \`${jobName}\` (${error.code}): ${error.message}`, fix: "Try again in a moment." });
    throw error;
  }
  if (status !== "InProgress") return invalid({ what: `Training job \`${jobName}\` is ${status}; only a job in progress can be stopped.` });
  const origin = context.startedBy(jobName);
  return decide(
    context,
    { action: "stop", environment: origin?.environment ?? defaultEnvironment(context.policy), ownsJob: origin?.requester === context.requester.userId },
    {
      kind: "stop",
      title: `Stop ${jobName}`,
      resourceName: jobName,
      details: [
        { label: "Training job", value: jobName },
        { label: "Started by", value: origin ? origin.requester : "not through sageops" },
      ],
      steps: () => [{ operation: "StopTrainingJob", request: { TrainingJobName: jobName } }],
      track: { type: "training-job", name: jobName },
    },
  );
}
