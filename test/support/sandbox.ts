/** A sandbox on an ephemeral port with a manual clock, and the real AWS SDK clients pointed at it. */

import { S3Client } from "@aws-sdk/client-s3";
import { type CreateHyperParameterTuningJobCommandInput, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { createManualClock, type ManualClock, type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/index.js";

export const START = Date.parse("2026-11-26T09:00:00Z");
export const ROLE = "arn:aws:iam::123456789012:role/SageOpsSageMakerRole";
export const XGBOOST = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const CREDENTIALS = { accessKeyId: "sandbox", secretAccessKey: "sandbox" };

export interface TestSandbox {
  sandbox: Sandbox;
  clock: ManualClock;
  sagemaker: SageMakerClient;
  s3: S3Client;
  close(): Promise<void>;
}

export async function startTestSandbox(options: Omit<SandboxOptions, "clock"> & { maxAttempts?: number } = {}): Promise<TestSandbox> {
  const clock = createManualClock(START);
  const { maxAttempts, ...sandboxOptions } = options;
  const sandbox = await startSandbox({ ...sandboxOptions, clock });
  const region = sandbox.region;
  const sagemaker = new SageMakerClient({ endpoint: sandbox.url, region, credentials: CREDENTIALS, maxAttempts });
  const s3 = new S3Client({ endpoint: sandbox.url, region, credentials: CREDENTIALS, forcePathStyle: true, maxAttempts });
  return {
    sandbox,
    clock,
    sagemaker,
    s3,
    async close() {
      sagemaker.destroy();
      s3.destroy();
      await sandbox.close();
    },
  };
}

/** A CreateTrainingJob request for the built-in XGBoost on the example data, with overrides. */
export function trainingRequest(name: string, overrides: { trainUri?: string; hyperParameters?: Record<string, string> } = {}) {
  return {
    TrainingJobName: name,
    AlgorithmSpecification: { TrainingImage: XGBOOST, TrainingInputMode: "File" as const },
    RoleArn: ROLE,
    InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix" as const, S3Uri: overrides.trainUri ?? "s3://sageops-demo/churn/train/" } }, ContentType: "text/csv" }],
    OutputDataConfig: { S3OutputPath: "s3://sageops-demo/churn/models/" },
    ResourceConfig: { InstanceType: "ml.m5.xlarge" as const, InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    HyperParameters: overrides.hyperParameters ?? { objective: "binary:logistic", num_round: "100" },
  };
}

/** Runs `read` after each simulated minute until `done` holds; fails after `maxMinutes`. */
export async function advanceUntil<T>(clock: ManualClock, read: () => Promise<T>, done: (value: T) => boolean, maxMinutes = 120): Promise<T> {
  for (let minute = 0; minute <= maxMinutes; minute += 1) {
    const value = await read();
    if (done(value)) return value;
    clock.advance(60);
  }
  throw new Error(`condition not reached within ${maxMinutes} simulated minutes`);
}

/** A Bayesian XGBoost tuning job over eta and max_depth on the seed data. */
export function tuningRequest(name: string, maxJobs: number, parallel: number): CreateHyperParameterTuningJobCommandInput {
  return {
    HyperParameterTuningJobName: name,
    HyperParameterTuningJobConfig: {
      Strategy: "Bayesian",
      HyperParameterTuningJobObjective: { Type: "Maximize", MetricName: "validation:auc" },
      ResourceLimits: { MaxNumberOfTrainingJobs: maxJobs, MaxParallelTrainingJobs: parallel },
      ParameterRanges: {
        ContinuousParameterRanges: [{ Name: "eta", MinValue: "0.05", MaxValue: "0.5", ScalingType: "Logarithmic" }],
        IntegerParameterRanges: [{ Name: "max_depth", MinValue: "3", MaxValue: "10" }],
      },
    },
    TrainingJobDefinition: {
      StaticHyperParameters: { objective: "binary:logistic", num_round: "100" },
      AlgorithmSpecification: { TrainingImage: XGBOOST, TrainingInputMode: "File" },
      RoleArn: ROLE,
      InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://sageops-demo/churn/train/" } } }],
      OutputDataConfig: { S3OutputPath: "s3://sageops-demo/churn/tuning/" },
      ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    },
  };
}
