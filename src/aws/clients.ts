import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { Config } from "../config.js";

/** Where the AWS clients point: the configured account, or the embedded sandbox. */
export interface AwsTarget {
  region: string;
  sagemakerEndpoint?: string;
  s3Endpoint?: string;
  bedrockEndpoint?: string;
  sqsEndpoint?: string;
  /** Fixed credentials (the sandbox accepts any); otherwise the SDK's standard chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** SDK retry attempts (the SDK's default is 3). */
  maxAttempts?: number;
  /** How long one request may take before it is abandoned and retried (default 10 s; the queue's long poll gets 20 s more). */
  requestTimeoutMs?: number;
  /** True when this is the sageops sandbox, a simulation, not AWS. */
  simulated?: boolean;
}

export function awsTargetFromConfig(aws: Config["aws"]): AwsTarget {
  return { region: aws.region, sagemakerEndpoint: aws.endpoints.sagemaker, s3Endpoint: aws.endpoints.s3, bedrockEndpoint: aws.endpoints.bedrockRuntime, sqsEndpoint: aws.endpoints.sqs };
}

export function sandboxTarget(url: string, region: string): AwsTarget {
  return { region, sagemakerEndpoint: url, s3Endpoint: url, sqsEndpoint: url, credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" }, simulated: true };
}

/** No call waits forever: a SageMaker, S3 or Bedrock that holds an answer fails the call, which the SDK retries (bounded by maxAttempts). */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const CONNECTION_TIMEOUT_MS = 3_000;

function timeouts(target: AwsTarget, extraMs = 0): { requestHandler: { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: boolean } } {
  return {
    requestHandler: {
      requestTimeout: (target.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) + extraMs,
      connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, target.requestTimeoutMs ?? CONNECTION_TIMEOUT_MS),
      // Without it the handler only warns when the time is up, and the call keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
}

export function createSageMakerClient(target: AwsTarget): SageMakerClient {
  return new SageMakerClient({ region: target.region, endpoint: target.sagemakerEndpoint, credentials: target.credentials, maxAttempts: target.maxAttempts, ...timeouts(target) });
}

export function createS3Client(target: AwsTarget): S3Client {
  return new S3Client({ region: target.region, endpoint: target.s3Endpoint, credentials: target.credentials, forcePathStyle: target.s3Endpoint !== undefined, maxAttempts: target.maxAttempts, ...timeouts(target) });
}

export function createBedrockClient(target: AwsTarget): BedrockRuntimeClient {
  // A model's answer can take longer than an API call; the interpreter falls back to offline when it does.
  return new BedrockRuntimeClient({ region: target.region, endpoint: target.bedrockEndpoint, credentials: target.credentials, maxAttempts: target.maxAttempts, ...timeouts(target, 20_000) });
}

/** SQS reads the host from each queue URL itself; the endpoint only matters for calls without one. */
export function createSqsClient(target: AwsTarget): SQSClient {
  // A receive long-polls for up to 20 s: its answer may take that long on a healthy queue.
  return new SQSClient({ region: target.region, endpoint: target.sqsEndpoint, credentials: target.credentials, maxAttempts: target.maxAttempts, ...timeouts(target, 20_000) });
}
