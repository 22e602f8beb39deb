import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  SageMakerClient,
  UpdateModelPackageCommand,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { SEED } from "../../src/sandbox/index.js";
import { s3Text, useTestSandbox, XGBOOST_IMAGE } from "../support/sandbox.js";

const versionArn = (version: number): string => `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/${version}`;

/** A model quality report's metric values, as SageMaker writes them ({ value, standard_deviation }). */
const ReportMetric = { value: expect.any(Number), standard_deviation: "NaN" };
type Report = { binary_classification_metrics: Record<string, { value: number; standard_deviation: string }> };

const finalMetric = (job: DescribeTrainingJobCommandOutput, name: string): number | undefined => job.FinalMetricDataList?.find((m) => m.MetricName === name)?.Value;

describe("sandbox model registry", () => {
  const t = useTestSandbox();

  it("the example group churn-xgb has version 1 Approved and version 2 PendingManualApproval, filterable by approval", async () => {
    const all = await t.sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: "churn-xgb", SortBy: "CreationTime", SortOrder: "Descending" }));
    expect(all.ModelPackageSummaryList?.map((p) => [p.ModelPackageVersion, p.ModelApprovalStatus])).toEqual([
      [2, "PendingManualApproval"],
      [1, "Approved"],
    ]);
    const approved = await t.sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: "churn-xgb", ModelApprovalStatus: "Approved" }));
    expect(approved.ModelPackageSummaryList?.map((p) => p.ModelPackageArn)).toEqual(["arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/1"]);

    const v1 = await t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/1" }));
    expect(v1.InferenceSpecification?.Containers?.[0]).toMatchObject({ Image: XGBOOST_IMAGE, ModelDataUrl: expect.stringMatching(/^s3:\/\/sageops-demo\/churn\/models\//) });
    expect(v1.ModelPackageStatus).toBe("Completed");

    const groups = await t.sagemaker.send(new ListModelPackageGroupsCommand({}));
    expect(groups.ModelPackageGroupSummaryList?.map((g) => g.ModelPackageGroupName)).toEqual(["churn-xgb"]);
  });

  it("an approver approves version 2: the update shows in Describe and in the Approved filter", async () => {
    const arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/2";
    const updated = await t.sagemaker.send(new UpdateModelPackageCommand({ ModelPackageArn: arn, ModelApprovalStatus: "Approved", ApprovalDescription: "Approved by U0APPROVER in #mlops" }));
    expect(updated.ModelPackageArn).toBe(arn);
    const described = await t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
    expect(described).toMatchObject({ ModelApprovalStatus: "Approved", ApprovalDescription: "Approved by U0APPROVER in #mlops" });
    const approved = await t.sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: "churn-xgb", ModelApprovalStatus: "Approved" }));
    expect(approved.ModelPackageSummaryList?.map((p) => p.ModelPackageVersion).sort()).toEqual([1, 2]);
  });

  it("a new group gets numbered versions; the same ClientToken registers once; unknown packages and groups are ValidationExceptions", async () => {
    await t.sagemaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: "fraud-xgb", ModelPackageGroupDescription: "fraud" }));
    const group = await t.sagemaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: "fraud-xgb" }));
    expect(group).toMatchObject({ ModelPackageGroupArn: "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/fraud-xgb", ModelPackageGroupStatus: "Completed" });
    await expect(t.sagemaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: "fraud-xgb" }))).rejects.toMatchObject({ name: "ValidationException" });

    const request = {
      ModelPackageGroupName: "fraud-xgb",
      InferenceSpecification: { Containers: [{ Image: XGBOOST_IMAGE, ModelDataUrl: "s3://sageops-demo/fraud/model.tar.gz" }], SupportedContentTypes: ["text/csv"], SupportedResponseMIMETypes: ["text/csv"] },
      ClientToken: "register-fraud-once",
    };
    const first = await t.sagemaker.send(new CreateModelPackageCommand(request));
    const again = await t.sagemaker.send(new CreateModelPackageCommand(request));
    expect(again.ModelPackageArn).toBe(first.ModelPackageArn);
    const second = await t.sagemaker.send(new CreateModelPackageCommand({ ...request, ClientToken: "register-fraud-twice" }));
    expect(second.ModelPackageArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-xgb/2");

    const fresh = await t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: second.ModelPackageArn }));
    expect(fresh.ModelApprovalStatus).toBe("PendingManualApproval");

    await expect(t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-xgb/9" }))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(t.sagemaker.send(new CreateModelPackageCommand({ ...request, ModelPackageGroupName: "no-such-group", ClientToken: undefined }))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(t.sagemaker.send(new UpdateModelPackageCommand({ ModelPackageArn: "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-xgb/1", ModelApprovalStatus: "Maybe" as "Approved" }))).rejects.toMatchObject({
      name: "ValidationException",
    });
  });
});

describe("sandbox model registry: what the seeded versions were made from and measured at", () => {
  const t = useTestSandbox();

  const report = async (uri: string | undefined): Promise<Report> => JSON.parse(await s3Text(t.s3, uri ?? "")) as Report;

  it("version 1: alice registered it with her evaluation report, generated by its training job; bob approved it", async () => {
    const v1 = await t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: versionArn(1) }));
    expect(v1.ModelMetrics).toEqual({ ModelQuality: { Statistics: { ContentType: "application/json", S3Uri: "s3://sageops-demo/churn/evaluation/churn-xgb-20261101-0900/evaluation.json" } } });
    expect(v1.MetadataProperties).toEqual({ GeneratedBy: "arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-20261101-0900" });
    expect(v1.CustomerMetadataProperties).toEqual({ "training-data": "s3://sageops-demo/churn/train/" });
    expect(v1.CreatedBy).toEqual({
      UserProfileArn: "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-sageops0demo/alice",
      UserProfileName: "alice",
      DomainId: "d-sageops0demo",
      IamIdentity: { Arn: "arn:aws:sts::123456789012:assumed-role/ml-engineer/alice", PrincipalId: expect.stringMatching(/^AROA[0-9A-F]{17}:alice$/) },
    });
    expect(v1.LastModifiedBy).toMatchObject({ UserProfileName: "bob", IamIdentity: { Arn: "arn:aws:sts::123456789012:assumed-role/ml-approver/bob" } });
    const group = await t.sagemaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: SEED.packageGroup }));
    expect(group.CreatedBy?.UserProfileName).toBe("alice");

    const metrics = (await report(v1.ModelMetrics?.ModelQuality?.Statistics?.S3Uri)).binary_classification_metrics;
    for (const name of ["auc", "accuracy", "f1", "precision", "recall"]) expect(metrics[name]).toEqual(ReportMetric);
    expect([metrics.auc?.value, metrics.recall?.value, metrics.precision?.value]).toEqual([0.8203, 0.54, 0.6545]);
    expect(metrics.confusion_matrix).toEqual({ "0": { "0": 743, "1": 57 }, "1": { "0": 92, "1": 108 } });

    const job = await t.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: SEED.trainingJob }));
    expect(job.TrainingJobStatus).toBe("Completed");
    expect(finalMetric(job, "validation:auc")).toBe(metrics.auc?.value);
    expect(job.FinalMetricDataList?.map((m) => m.MetricName)).toEqual(["train:logloss", "validation:logloss", "validation:auc"]);
    expect(job.HyperParameters).toMatchObject({ max_depth: "6", eta: "0.2", num_round: "200" });
  });

  it("version 2: the churn-retrain pipeline registered it as its role, generated by the execution, with its Evaluate step's report; better AUC, lower recall", async () => {
    const [execution] = (await t.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: SEED.pipeline }))).PipelineExecutionSummaries ?? [];
    const executionArn = execution?.PipelineExecutionArn ?? "";
    const executionId = executionArn.split("/").pop() ?? "";
    const v2 = await t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: versionArn(2) }));
    expect(v2.MetadataProperties).toEqual({ GeneratedBy: executionArn });
    expect(v2.ModelMetrics?.ModelQuality?.Statistics).toEqual({ ContentType: "application/json", S3Uri: `s3://sageops-demo/churn/evaluation/${executionId}/evaluation.json` });
    expect(v2.CustomerMetadataProperties).toEqual({ "training-data": "s3://sageops-demo/churn/train/" });
    expect(v2.CreatedBy).toEqual({ IamIdentity: { Arn: "arn:aws:sts::123456789012:assumed-role/SageOpsSageMakerRole/SageMaker", PrincipalId: expect.stringMatching(/^AROA[0-9A-F]{17}:SageMaker$/) } });
    expect(v2.LastModifiedBy).toBeUndefined();

    // The execution's Train step is the training job behind it, and its model is the one the version serves.
    const steps = (await t.sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: executionArn }))).PipelineExecutionSteps ?? [];
    const trainArn = steps.find((s) => s.StepName === "Train")?.Metadata?.TrainingJob?.Arn ?? "";
    const job = await t.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: trainArn.split("/").pop() }));
    expect(job.TrainingJobStatus).toBe("Completed");
    expect(v2.InferenceSpecification?.Containers?.[0]?.ModelDataUrl).toBe(job.ModelArtifacts?.S3ModelArtifacts);
    expect(job.HyperParameters).toMatchObject({ max_depth: "5", eta: "0.05", num_round: "300" });

    const v1 = await t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: versionArn(1) }));
    const [first, second] = [await report(v1.ModelMetrics?.ModelQuality?.Statistics?.S3Uri), await report(v2.ModelMetrics?.ModelQuality?.Statistics?.S3Uri)].map((r) => r.binary_classification_metrics);
    expect([second?.auc?.value, second?.recall?.value, second?.precision?.value]).toEqual([0.8742, 0.535, 0.7483]);
    expect(finalMetric(job, "validation:auc")).toBe(second?.auc?.value);
    expect(second?.auc?.value).toBeGreaterThan(first?.auc?.value ?? 1);
    expect(second?.recall?.value).toBeLessThan(first?.recall?.value ?? 0);
  });

  it("a package created or changed over the API is recorded as by the caller: an assumed role of the sandbox's, in a session named after the request's access key", async () => {
    await t.sagemaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: "callers" }));
    expect((await t.sagemaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: "callers" }))).CreatedBy?.IamIdentity?.Arn).toBe("arn:aws:sts::123456789012:assumed-role/sageops-sandbox/sandbox");
    const { ModelPackageArn } = await t.sagemaker.send(
      new CreateModelPackageCommand({ ModelPackageGroupName: "callers", InferenceSpecification: { Containers: [{ Image: XGBOOST_IMAGE, ModelDataUrl: "s3://sageops-demo/callers/model.tar.gz" }], SupportedContentTypes: ["text/csv"], SupportedResponseMIMETypes: ["text/csv"] } }),
    );
    const created = await t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: ModelPackageArn }));
    expect(created.CreatedBy).toEqual({ IamIdentity: { Arn: "arn:aws:sts::123456789012:assumed-role/sageops-sandbox/sandbox", PrincipalId: expect.stringMatching(/^AROA[0-9A-F]{17}:sandbox$/) } });
    expect(created.LastModifiedBy).toBeUndefined();

    const approver = new SageMakerClient({ endpoint: t.sandbox.url, region: t.sandbox.region, credentials: { accessKeyId: "AKIAAPPROVER0000001", secretAccessKey: "x" } });
    try {
      await approver.send(new UpdateModelPackageCommand({ ModelPackageArn, ModelApprovalStatus: "Approved" }));
    } finally {
      approver.destroy();
    }
    const approved = await t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: ModelPackageArn }));
    expect(approved.LastModifiedBy?.IamIdentity?.Arn).toBe("arn:aws:sts::123456789012:assumed-role/sageops-sandbox/AKIAAPPROVER0000001");
    expect(approved.CreatedBy?.IamIdentity?.Arn).toBe("arn:aws:sts::123456789012:assumed-role/sageops-sandbox/sandbox");

    await expect(
      t.sagemaker.send(new CreateModelPackageCommand({ ModelPackageGroupName: "callers", InferenceSpecification: created.InferenceSpecification, ModelMetrics: { ModelQuality: { Statistics: { ContentType: "application/json", S3Uri: "not-s3" } } } })),
    ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("modelMetrics.modelQuality.statistics.s3Uri") });
  });
});
