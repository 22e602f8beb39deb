import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { CreateTransformJobCommand, type CreateTransformJobCommandInput, DescribeTransformJobCommand, ListTransformJobsCommand, ResourceInUse } from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { advanceUntil, useTestSandbox } from "../support/sandbox.js";

function transformRequest(name: string, inputUri: string, model = "churn-xgb-v1"): CreateTransformJobCommandInput {
  return {
    TransformJobName: name,
    ModelName: model,
    TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: inputUri } }, ContentType: "text/csv", SplitType: "Line" },
    TransformOutput: { S3OutputPath: `s3://sageops-demo/churn/batch/output/${name}` },
    TransformResources: { InstanceType: "ml.m5.xlarge", InstanceCount: 1 },
  };
}

describe("sandbox batch transform jobs", () => {
  const t = useTestSandbox();

  it("a transform job over the example batch input goes InProgress to Completed and writes one .out per input file", async () => {
    const { TransformJobArn } = await t.sagemaker.send(new CreateTransformJobCommand(transformRequest("churn-batch-nov", "s3://sageops-demo/churn/batch/input/")));
    expect(TransformJobArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:transform-job/churn-batch-nov");
    const first = await t.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: "churn-batch-nov" }));
    expect(first.TransformJobStatus).toBe("InProgress");
    const done = await advanceUntil(
      t.clock,
      () => t.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: "churn-batch-nov" })),
      (job) => job.TransformJobStatus !== "InProgress",
    );
    expect(done.TransformJobStatus).toBe("Completed");
    expect(done.TransformEndTime?.getTime()).toBeGreaterThan(done.TransformStartTime?.getTime() ?? Infinity);
    const outputs = await t.s3.send(new ListObjectsV2Command({ Bucket: "sageops-demo", Prefix: "churn/batch/output/churn-batch-nov/" }));
    expect(outputs.Contents?.map((o) => o.Key)).toEqual(["churn/batch/output/churn-batch-nov/customers-2026-11.csv.out"]);
  });

  it("a job on input that cannot exist fails with a reason; a duplicate name is ResourceInUse; an unknown model is a ValidationException", async () => {
    await t.sagemaker.send(new CreateTransformJobCommand(transformRequest("churn-batch-missing", "s3://sageops-demo/churn/missing/")));
    const failed = await advanceUntil(
      t.clock,
      () => t.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: "churn-batch-missing" })),
      (job) => job.TransformJobStatus !== "InProgress",
    );
    expect(failed.TransformJobStatus).toBe("Failed");
    expect(failed.FailureReason).toContain("s3://sageops-demo/churn/missing/");
    await expect(t.sagemaker.send(new CreateTransformJobCommand(transformRequest("churn-batch-missing", "s3://sageops-demo/churn/batch/input/")))).rejects.toBeInstanceOf(ResourceInUse);
    await expect(t.sagemaker.send(new CreateTransformJobCommand(transformRequest("churn-batch-nomodel", "s3://sageops-demo/churn/batch/input/", "no-such-model")))).rejects.toMatchObject({ name: "ValidationException" });

    const failedOnes = await t.sagemaker.send(new ListTransformJobsCommand({ StatusEquals: "Failed" }));
    expect(failedOnes.TransformJobSummaries?.map((j) => j.TransformJobName)).toEqual(["churn-batch-missing"]);
    const all = await t.sagemaker.send(new ListTransformJobsCommand({ NameContains: "churn-batch", SortBy: "Name", SortOrder: "Ascending" }));
    expect(all.TransformJobSummaries?.map((j) => j.TransformJobName)).toEqual(["churn-batch-missing", "churn-batch-nov"]);
  });
});
