import { SageMakerError, type SageMakerPort } from "../kernel/sagemaker-port.js";
import type { PlanStep } from "./plan.js";

/**
 * Sends a plan's steps in order. Each step is safe to send again after a crash: names are
 * fixed in the plan and pipeline runs carry the plan's token, so SageMaker itself refuses a
 * duplicate; "already exists" from a step is taken as that step being done.
 */
export async function runSteps(port: SageMakerPort, steps: readonly PlanStep[], pause: (ms: number) => Promise<void> = sleep): Promise<{ arn?: string }> {
  let arn: string | undefined;
  for (const step of steps) {
    try {
      arn = (await withThrottlingRetries(() => runStep(port, step), pause)) ?? arn;
    } catch (error) {
      if (!(error instanceof SageMakerError) || !(await alreadyDone(port, step, error))) throw error;
    }
  }
  return { arn };
}

/** Waits after a throttled step, on top of the SDK's own retries: a burst at Confirm should not fail a plan for good. */
const THROTTLE_PAUSES_MS = [1000, 2000, 4000, 8000];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A throttled call was not accepted, so sending it again is safe; anything else goes back at once. */
async function withThrottlingRetries<T>(call: () => Promise<T>, pause: (ms: number) => Promise<void>): Promise<T> {
  for (const wait of THROTTLE_PAUSES_MS) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof SageMakerError && error.code === "Throttling")) throw error;
      await pause(wait);
    }
  }
  return call();
}

async function runStep(port: SageMakerPort, step: PlanStep): Promise<string | undefined> {
  switch (step.operation) {
    case "CreateTrainingJob":
      return (await port.createTrainingJob(step.request)).arn;
    case "CreateHyperParameterTuningJob":
      return (await port.createTuningJob(step.request)).arn;
    case "StartPipelineExecution":
      return (await port.startPipelineExecution(step.request)).arn;
    case "StopTrainingJob":
      await port.stopTrainingJob(step.request.TrainingJobName);
      return undefined;
    case "StopHyperParameterTuningJob":
      await port.stopTuningJob(step.request.HyperParameterTuningJobName);
      return undefined;
    case "StopPipelineExecution":
      await port.stopPipelineExecution(step.request);
      return undefined;
    case "CreateModel":
      return (await port.createModel(step.request)).arn;
    case "CreateEndpointConfig":
      return (await port.createEndpointConfig(step.request)).arn;
    case "CreateEndpoint":
      return (await port.createEndpoint(step.request)).arn;
    case "UpdateEndpoint":
      return (await port.updateEndpoint(step.request)).arn;
    case "CreateTransformJob":
      return (await port.createTransformJob(step.request)).arn;
    case "UpdateModelPackage":
      return (await port.updateModelPackage(step.request)).arn;
  }
}

/** True when the error says this step already happened (an earlier attempt got through). */
async function alreadyDone(port: SageMakerPort, step: PlanStep, error: SageMakerError): Promise<boolean> {
  if (error.code === "ResourceInUse") return true;
  if (error.code !== "Validation") return false;
  if (/already exist/i.test(error.message)) return true;
  if (step.operation === "UpdateEndpoint") {
    const endpoint = await port.describeEndpoint(step.request.EndpointName);
    return endpoint.EndpointConfigName === step.request.EndpointConfigName || endpoint.PendingEndpointConfigName === step.request.EndpointConfigName;
  }
  if (step.operation === "StopTrainingJob") {
    const job = await port.describeTrainingJob(step.request.TrainingJobName);
    return job.TrainingJobStatus === "Stopping" || job.TrainingJobStatus === "Stopped";
  }
  if (step.operation === "StopHyperParameterTuningJob") {
    const job = await port.describeTuningJob(step.request.HyperParameterTuningJobName);
    return job.HyperParameterTuningJobStatus === "Stopping" || job.HyperParameterTuningJobStatus === "Stopped";
  }
  if (step.operation === "StopPipelineExecution") {
    const execution = await port.describePipelineExecution(step.request.PipelineExecutionArn);
    return execution.PipelineExecutionStatus === "Stopping" || execution.PipelineExecutionStatus === "Stopped";
  }
  return false;
}
