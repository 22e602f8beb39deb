/**
 * The sandbox in tests: one on an ephemeral port with a manual clock and the real AWS SDK clients
 * pointed at it, and the requests the tests send it for the example account's data.
 */

import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type CreateHyperParameterTuningJobCommandInput, SageMakerClient, type TrainingInstanceType } from "@aws-sdk/client-sagemaker";
import { afterAll, beforeAll } from "vitest";
import type { Result } from "../../src/kernel/result.js";
import type { CreateTrainingJobRequest } from "../../src/kernel/sagemaker-port.js";
import { createManualClock, type ManualClock, type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/index.js";
import { START_MS } from "./constants.js";

/** The example account's SageMaker execution role and built-in XGBoost image, as a user would write them. */
export const SAGEMAKER_ROLE_ARN = "arn:aws:iam::123456789012:role/SageOpsSageMakerRole";
export const XGBOOST_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
/** The sandbox takes any credentials; the SDK clients just need some. */
export const SANDBOX_CREDENTIALS = { accessKeyId: "sandbox", secretAccessKey: "sandbox" };

export interface TestSandbox {
  sandbox: Sandbox;
  clock: ManualClock;
  sagemaker: SageMakerClient;
  s3: S3Client;
  close(): Promise<void>;
}

/** The sandbox's own options but its clock (always manual here), and how often the SDK clients try a call. */
type TestSandboxOptions = Omit<SandboxOptions, "clock"> & { maxAttempts?: number };

export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const clock = createManualClock(START_MS);
  const { maxAttempts, ...sandboxOptions } = options;
  const sandbox = await startSandbox({ ...sandboxOptions, clock });
  const region = sandbox.region;
  const sagemaker = new SageMakerClient({ endpoint: sandbox.url, region, credentials: SANDBOX_CREDENTIALS, maxAttempts });
  const s3 = new S3Client({ endpoint: sandbox.url, region, credentials: SANDBOX_CREDENTIALS, forcePathStyle: true, maxAttempts });
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

/** One sandbox for a describe block: started before its tests, closed after. */
export function useTestSandbox(options: TestSandboxOptions = {}): Omit<TestSandbox, "close"> {
  let started: TestSandbox | undefined;
  beforeAll(async () => {
    started = await startTestSandbox(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): TestSandbox => {
    if (!started) throw new Error("the sandbox starts in beforeAll");
    return started;
  };
  return {
    get sandbox(): Sandbox {
      return current().sandbox;
    },
    get clock(): ManualClock {
      return current().clock;
    },
    get sagemaker(): SageMakerClient {
      return current().sagemaker;
    },
    get s3(): S3Client {
      return current().s3;
    },
  };
}

/** An object's text, by its s3:// URI, through the real S3 SDK. */
export async function s3Text(s3: S3Client, uri: string): Promise<string> {
  const [, bucket = "", key = ""] = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri) ?? [];
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await object.Body?.transformToString()) ?? "";
}

/** A report file in the sandbox's S3, parsed as the bot parses it (src/watch); throws why it does not parse. */
export async function s3Report<T>(s3: S3Client, uri: string, parse: (text: string) => Result<T>): Promise<T> {
  const parsed = parse(await s3Text(s3, uri));
  if (!parsed.ok) throw new Error(`${uri}: ${parsed.problem.what}`);
  return parsed.value;
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

interface TrainingRequestOptions {
  /** Where the train channel reads (default: the example training data). */
  trainUri?: string;
  instanceType?: TrainingInstanceType;
  hyperParameters?: Record<string, string>;
}

/** The core's request shape with an instance type the SDK knows, so both the port and the SDK's command take it. */
type TrainingRequest = CreateTrainingJobRequest & { ResourceConfig: { InstanceType: TrainingInstanceType } };

/** A CreateTrainingJob request for the built-in XGBoost on the example data. */
export function trainingRequest(name: string, options: TrainingRequestOptions = {}): TrainingRequest {
  return {
    TrainingJobName: name,
    AlgorithmSpecification: { TrainingImage: XGBOOST_IMAGE, TrainingInputMode: "File" },
    RoleArn: SAGEMAKER_ROLE_ARN,
    InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: options.trainUri ?? "s3://sageops-demo/churn/train/" } }, ContentType: "text/csv" }],
    OutputDataConfig: { S3OutputPath: "s3://sageops-demo/churn/models/" },
    ResourceConfig: { InstanceType: options.instanceType ?? "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    HyperParameters: options.hyperParameters ?? { objective: "binary:logistic", eval_metric: "auc", num_round: "50" },
  };
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
      AlgorithmSpecification: { TrainingImage: XGBOOST_IMAGE, TrainingInputMode: "File" },
      RoleArn: SAGEMAKER_ROLE_ARN,
      InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://sageops-demo/churn/train/" } } }],
      OutputDataConfig: { S3OutputPath: "s3://sageops-demo/churn/tuning/" },
      ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    },
  };
}
