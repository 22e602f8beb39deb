import { describe, expect, it } from "vitest";
import { consoleUrl } from "../../src/watch/console-links.js";
import { explainFailure } from "../../src/watch/failure-reason.js";

describe("failure reasons in plain words", () => {
  it("names the missing input prefix", () => {
    const words = explainFailure("ClientError: Data download failed:Please ensure that the S3 prefix s3://sageops-demo/missing/train/ for channel 'train' exists and contains data.");
    expect(words).toContain("s3://sageops-demo/missing/train/");
    expect(words).toMatch(/could not read the input data/);
  });

  it("recognises quotas, capacity, permissions and the training code's own errors", () => {
    expect(explainFailure("ResourceLimitExceeded: The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 Instances")).toMatch(/quota/);
    expect(explainFailure("CapacityError: Unable to provision requested ML compute capacity. InsufficientInstanceCapacity")).toMatch(/capacity/);
    expect(explainFailure("ClientError: Access Denied when calling GetObject")).toMatch(/IAM role/);
    expect(explainFailure('AlgorithmError: framework error: hyperparameter eta="fail" is not a valid value (exit code 1)')).toMatch(/training code/);
  });

  it("adds nothing when it does not know the reason", () => {
    expect(explainFailure("Something unusual happened")).toBeUndefined();
    expect(explainFailure(undefined)).toBeUndefined();
  });
});

describe("console links", () => {
  it("point at the resource's page in its region's console", () => {
    expect(consoleUrl("training-job", "churn-xgb-1", "eu-west-1")).toBe("https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/jobs/churn-xgb-1");
    expect(consoleUrl("endpoint", "churn-prod", "us-east-1")).toBe("https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/endpoints/churn-prod");
    expect(consoleUrl("tuning-job", "t1", "us-east-1")).toContain("#/hyper-tuning-jobs/t1");
    expect(consoleUrl("transform-job", "b1", "us-east-1")).toContain("#/transform-jobs/b1");
    expect(consoleUrl("pipeline-execution", "x", "us-east-1", "arn:aws:sagemaker:us-east-1:1:pipeline/churn-retrain/execution/abc")).toContain("#/pipelines/churn-retrain");
    expect(consoleUrl("training-job", "j", "cn-north-1")).toMatch(/^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
  });
});
