import { GetObjectCommand } from "@aws-sdk/client-s3";
import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  ListTrainingJobsCommand,
  ResourceInUse,
  ResourceLimitExceeded,
  ResourceNotFound,
  StopTrainingJobCommand,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { DEFAULT_PACE } from "../../src/sandbox/index.js";
import { advanceUntil, trainingRequest, useTestSandbox } from "../support/sandbox.js";

describe("sandbox training jobs, through the real SageMaker SDK", () => {
  const t = useTestSandbox();

  const describeJob = (name: string): Promise<DescribeTrainingJobCommandOutput> => t.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));

  it("a new job passes through Starting, Downloading, Training and Uploading to Completed, with metrics, billing and a model artifact", async () => {
    const { TrainingJobArn } = await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-lifecycle")));
    expect(TrainingJobArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-lifecycle");

    const seen: string[] = [];
    const done = await advanceUntil(
      t.clock,
      async () => {
        const job = await describeJob("churn-xgb-lifecycle");
        if (seen[seen.length - 1] !== job.SecondaryStatus) seen.push(job.SecondaryStatus ?? "");
        return job;
      },
      (job) => job.TrainingJobStatus === "Completed",
    );
    expect(seen).toEqual(["Starting", "Downloading", "Training", "Uploading", "Completed"]);
    expect(done.SecondaryStatusTransitions?.map((s) => s.Status)).toEqual(["Starting", "Downloading", "Training", "Uploading", "Completed"]);
    for (const transition of done.SecondaryStatusTransitions ?? []) expect(transition.EndTime?.getTime()).toBeGreaterThanOrEqual(transition.StartTime?.getTime() ?? Infinity);
    expect(done.TrainingStartTime?.getTime()).toBe(done.SecondaryStatusTransitions?.[1]?.StartTime?.getTime());
    expect(done.BillableTimeInSeconds).toBe(Math.round(((done.TrainingEndTime?.getTime() ?? 0) - (done.TrainingStartTime?.getTime() ?? 0)) / 1000));
    const auc = done.FinalMetricDataList?.find((m) => m.MetricName === "validation:auc")?.Value;
    expect(auc).toBeGreaterThan(0.5);
    expect(auc).toBeLessThan(1);
    expect(done.FinalMetricDataList?.map((m) => m.MetricName)).toContain("train:logloss");
    expect(done.ModelArtifacts?.S3ModelArtifacts).toBe("s3://sageops-demo/churn/models/churn-xgb-lifecycle/output/model.tar.gz");
    const artifact = await t.s3.send(new GetObjectCommand({ Bucket: "sageops-demo", Key: "churn/models/churn-xgb-lifecycle/output/model.tar.gz" }));
    expect(await artifact.Body?.transformToString()).toContain("churn-xgb-lifecycle");

    // At the default pace, a job like this one takes roughly 20 to 40 real seconds.
    const simulatedSeconds = ((done.TrainingEndTime?.getTime() ?? 0) - (done.CreationTime?.getTime() ?? 0)) / 1000;
    expect(simulatedSeconds / DEFAULT_PACE).toBeGreaterThanOrEqual(20);
    expect(simulatedSeconds / DEFAULT_PACE).toBeLessThanOrEqual(40);
  });

  it("a second job with the same name is ResourceInUse, and a bad name is a ValidationException naming the field", async () => {
    await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-twice")));
    await expect(t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-twice")))).rejects.toBeInstanceOf(ResourceInUse);

    const error = await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn_xgb_underscores"))).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
    expect(String((error as Error).message)).toMatch(/Value 'churn_xgb_underscores' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern/);

    const badEnum = await t.sagemaker
      .send(new CreateTrainingJobCommand({ ...trainingRequest("churn-xgb-bad-mode"), AlgorithmSpecification: { TrainingImage: "x", TrainingInputMode: "Stream" as "File" } }))
      .catch((e: unknown) => e);
    expect(String((badEnum as Error).message)).toContain("'algorithmSpecification.trainingInputMode' failed to satisfy constraint: Member must satisfy enum value set: [Pipe, File, FastFile]");
  });

  it("describing a job that does not exist is ResourceNotFound", async () => {
    await expect(describeJob("churn-xgb-never-created")).rejects.toBeInstanceOf(ResourceNotFound);
  });

  it("a job whose input prefix cannot exist fails while downloading, and says why", async () => {
    await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-no-data", { trainUri: "s3://sageops-demo/churn/missing/" })));
    const failed = await advanceUntil(t.clock, () => describeJob("churn-xgb-no-data"), (job) => job.TrainingJobStatus !== "InProgress");
    expect(failed.TrainingJobStatus).toBe("Failed");
    expect(failed.SecondaryStatusTransitions?.map((s) => s.Status)).toEqual(["Starting", "Downloading", "Failed"]);
    expect(failed.FailureReason).toContain("s3://sageops-demo/churn/missing/");
    expect(failed.ModelArtifacts).toBeUndefined();
    expect(failed.FinalMetricDataList).toBeUndefined();
  });

  it("a hyperparameter set to fail fails the job during training with an AlgorithmError", async () => {
    await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-bad-param", { hyperParameters: { objective: "fail" } })));
    const failed = await advanceUntil(t.clock, () => describeJob("churn-xgb-bad-param"), (job) => job.TrainingJobStatus !== "InProgress");
    expect(failed.TrainingJobStatus).toBe("Failed");
    expect(failed.SecondaryStatusTransitions?.map((s) => s.Status)).toContain("Training");
    expect(failed.FailureReason).toMatch(/^AlgorithmError: .*objective/);
  });

  it("StopTrainingJob takes a running job through Stopping to Stopped; stopping it again is a ValidationException", async () => {
    await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-stop-me")));
    t.clock.advance(200);
    await t.sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: "churn-xgb-stop-me" }));
    expect((await describeJob("churn-xgb-stop-me")).TrainingJobStatus).toBe("Stopping");
    t.clock.advance(60);
    const stopped = await describeJob("churn-xgb-stop-me");
    expect(stopped.TrainingJobStatus).toBe("Stopped");
    expect(stopped.SecondaryStatusTransitions?.slice(-2).map((s) => s.Status)).toEqual(["Stopping", "Stopped"]);
    await expect(t.sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: "churn-xgb-stop-me" }))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(t.sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: "churn-xgb-nobody" }))).rejects.toBeInstanceOf(ResourceNotFound);
  });

  it("ListTrainingJobs filters by name, status and time, sorts, and pages with NextToken", async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest(`paging-job-${n}`)));
      t.clock.advance(1);
    }
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await t.sagemaker.send(new ListTrainingJobsCommand({ NameContains: "paging-job", MaxResults: 2, NextToken: token, SortBy: "Name", SortOrder: "Descending" }));
      names.push(...(page.TrainingJobSummaries ?? []).map((s) => s.TrainingJobName ?? ""));
      token = page.NextToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(["paging-job-5", "paging-job-4", "paging-job-3", "paging-job-2", "paging-job-1"]);

    const failed = await t.sagemaker.send(new ListTrainingJobsCommand({ StatusEquals: "Failed", MaxResults: 100 }));
    const failedNames = (failed.TrainingJobSummaries ?? []).map((s) => s.TrainingJobName);
    expect(failedNames).toContain("churn-xgb-20261102-1400");
    expect(failedNames).toContain("churn-xgb-no-data");
    expect(failedNames).not.toContain("churn-xgb-20261101-0900");

    const seededBefore = await t.sagemaker.send(new ListTrainingJobsCommand({ CreationTimeBefore: new Date("2026-11-20T00:00:00Z"), MaxResults: 100 }));
    expect((seededBefore.TrainingJobSummaries ?? []).map((s) => s.TrainingJobName).sort()).toEqual(["churn-xgb-20261101-0900", "churn-xgb-20261102-1400"]);

    await expect(t.sagemaker.send(new ListTrainingJobsCommand({ NextToken: "not-a-token" }))).rejects.toMatchObject({ name: "ValidationException" });
  });

  it("starting more ml.m5.xlarge instances than the account quota allows is ResourceLimitExceeded", async () => {
    const big = { ...trainingRequest("too-many-instances"), ResourceConfig: { InstanceType: "ml.m5.xlarge" as const, InstanceCount: 21, VolumeSizeInGB: 30 } };
    const error = await t.sagemaker.send(new CreateTrainingJobCommand(big)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceLimitExceeded);
    expect(String((error as Error).message)).toContain("'ml.m5.xlarge for training job usage' is 20 Instances");
  });
});
