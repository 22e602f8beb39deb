/** Training jobs seeded straight into a sandbox through the SDK, as if started elsewhere. */
import type { CreateTrainingJobRequest, SageMakerPort } from "../src/kernel/sagemaker-port.js";

/**
 * The sandbox allows 20 running instances per instance type (AWS's default quota), so 1,000 jobs
 * at once are spread over 52 instance types.
 */
const FAMILIES = ["m5", "m5d", "m6i", "m7i", "c5", "c5n", "c6i", "c7i", "r5", "r6i", "g4dn", "g5", "p3"];
const SIZES = ["large", "xlarge", "2xlarge", "4xlarge"];
const INSTANCE_TYPES = FAMILIES.flatMap((family) => SIZES.map((size) => `ml.${family}.${size}`));

function benchJob(name: string, index: number): CreateTrainingJobRequest {
  return {
    TrainingJobName: name,
    AlgorithmSpecification: { TrainingImage: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1", TrainingInputMode: "File" },
    RoleArn: "arn:aws:iam::123456789012:role/sageops-dev-execution",
    InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://sageops-demo/churn/train/" } }, ContentType: "text/csv" }],
    OutputDataConfig: { S3OutputPath: "s3://sageops-demo/churn/output/" },
    ResourceConfig: { InstanceType: INSTANCE_TYPES[index % INSTANCE_TYPES.length] ?? "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  };
}

/** Creates `count` training jobs named `<prefix>-0000`…, `parallel` at a time; returns their names. */
export async function seedTrainingJobs(port: Pick<SageMakerPort, "createTrainingJob">, prefix: string, count: number, parallel = 16): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}`);
  for (let start = 0; start < names.length; start += parallel) {
    await Promise.all(names.slice(start, start + parallel).map((name, offset) => port.createTrainingJob(benchJob(name, start + offset))));
  }
  return names;
}
