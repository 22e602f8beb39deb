import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  UpdateModelPackageCommand,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { useTestSandbox, XGBOOST_IMAGE } from "../support/sandbox.js";

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
