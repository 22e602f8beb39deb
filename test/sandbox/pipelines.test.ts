import {
  CreatePipelineCommand,
  DescribePipelineCommand,
  DescribePipelineExecutionCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  type PipelineExecutionStep,
  ResourceNotFound,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { advanceUntil, SAGEMAKER_ROLE_ARN, useTestSandbox } from "../support/sandbox.js";

describe("sandbox pipelines", () => {
  const t = useTestSandbox();

  const steps = async (arn: string): Promise<PipelineExecutionStep[]> => (await t.sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn, SortOrder: "Ascending" }))).PipelineExecutionSteps ?? [];

  it("the example pipeline churn-retrain exists with one earlier Succeeded execution", async () => {
    const pipelines = await t.sagemaker.send(new ListPipelinesCommand({}));
    expect(pipelines.PipelineSummaries?.map((p) => p.PipelineName)).toEqual(["churn-retrain"]);
    const executions = await t.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: "churn-retrain" }));
    expect(executions.PipelineExecutionSummaries?.map((e) => e.PipelineExecutionStatus)).toEqual(["Succeeded"]);
    const definition = JSON.parse((await t.sagemaker.send(new DescribePipelineCommand({ PipelineName: "churn-retrain" }))).PipelineDefinition ?? "{}") as { Steps: { Name: string; Type: string }[] };
    expect(definition.Steps.map((s) => `${s.Name}:${s.Type}`)).toEqual(["Preprocess:Processing", "CheckDataQuality:QualityCheck", "Train:Training", "Evaluate:Processing", "CheckModelBias:ClarifyCheck", "RegisterModel:RegisterModel"]);
  });

  it("an execution runs Preprocess, CheckDataQuality, Train, Evaluate, CheckModelBias and RegisterModel in order, then Succeeds and registers a new version; the same token starts it only once", async () => {
    const token = "retrain-requested-by-U0ENGINEER-0001";
    const { PipelineExecutionArn: arn = "" } = await t.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: "churn-retrain", ClientRequestToken: token, PipelineExecutionDisplayName: "manual-retrain" }));
    const again = await t.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: "churn-retrain", ClientRequestToken: token }));
    expect(again.PipelineExecutionArn).toBe(arn);
    expect(arn).toMatch(/^arn:aws:sagemaker:us-east-1:123456789012:pipeline\/churn-retrain\/execution\/[a-z0-9]{12}$/);

    const first = await t.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
    expect(first).toMatchObject({ PipelineExecutionStatus: "Executing", PipelineExecutionDisplayName: "manual-retrain" });

    const running = await advanceUntil(t.clock, () => steps(arn), (s) => s.some((step) => step.StepName === "Train"));
    expect(running.map((s) => s.StepName)).toEqual(["Preprocess", "CheckDataQuality", "Train"]);
    expect(running.slice(0, 2).map((s) => s.StepStatus)).toEqual(["Succeeded", "Succeeded"]);
    expect(["Starting", "Executing"]).toContain(running[2]?.StepStatus);

    const done = await advanceUntil(
      t.clock,
      () => t.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn })),
      (e) => e.PipelineExecutionStatus !== "Executing",
    );
    expect(done.PipelineExecutionStatus).toBe("Succeeded");
    const finished = await steps(arn);
    expect(finished.map((s) => [s.StepName, s.StepStatus])).toEqual([
      ["Preprocess", "Succeeded"],
      ["CheckDataQuality", "Succeeded"],
      ["Train", "Succeeded"],
      ["Evaluate", "Succeeded"],
      ["CheckModelBias", "Succeeded"],
      ["RegisterModel", "Succeeded"],
    ]);
    for (let i = 1; i < finished.length; i += 1) expect(finished[i]?.StartTime?.getTime()).toBeGreaterThanOrEqual(finished[i - 1]?.EndTime?.getTime() ?? Infinity);

    const step = (name: string): PipelineExecutionStep | undefined => finished.find((s) => s.StepName === name);
    const trainingArn = step("Train")?.Metadata?.TrainingJob?.Arn ?? "";
    const training = await t.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: trainingArn.split("/").pop() }));
    expect(training.TrainingJobStatus).toBe("Completed");
    expect(training.InputDataConfig?.[0]?.DataSource?.S3DataSource?.S3Uri).toBe("s3://sageops-demo/churn/processed/train");

    const registered = step("RegisterModel")?.Metadata?.RegisterModel?.Arn;
    expect(registered).toBe("arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/3");
    const versions = await t.sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: "churn-xgb", ModelApprovalStatus: "PendingManualApproval" }));
    expect(versions.ModelPackageSummaryList?.map((p) => p.ModelPackageVersion)).toEqual([2, 3]);

    const listed = await t.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: "churn-retrain", SortOrder: "Descending" }));
    expect(listed.PipelineExecutionSummaries?.[0]?.PipelineExecutionArn).toBe(arn);
  });

  it("an execution whose input cannot exist fails at Preprocess and runs no later step", async () => {
    const { PipelineExecutionArn: arn = "" } = await t.sagemaker.send(
      new StartPipelineExecutionCommand({ PipelineName: "churn-retrain", ClientRequestToken: "retrain-on-missing-data-000000001", PipelineParameters: [{ Name: "InputData", Value: "s3://sageops-demo/churn/missing/" }] }),
    );
    const done = await advanceUntil(t.clock, () => t.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn })), (e) => e.PipelineExecutionStatus !== "Executing");
    expect(done.PipelineExecutionStatus).toBe("Failed");
    expect(done.FailureReason).toContain("Preprocess");
    const ran = await steps(arn);
    expect(ran.map((s) => [s.StepName, s.StepStatus])).toEqual([["Preprocess", "Failed"]]);
    expect(ran[0]?.FailureReason).toContain("s3://sageops-demo/churn/missing/");
  });

  it("stopping an execution stops its running step; unknown parameters and pipelines are refused", async () => {
    const { PipelineExecutionArn: arn = "" } = await t.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: "churn-retrain", ClientRequestToken: "retrain-then-stop-it-000000000001" }));
    t.clock.advance(120);
    await t.sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: "stop-retrain-000000000000000000001" }));
    expect((await t.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }))).PipelineExecutionStatus).toBe("Stopping");
    t.clock.advance(60);
    expect((await t.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }))).PipelineExecutionStatus).toBe("Stopped");
    expect((await steps(arn)).map((s) => [s.StepName, s.StepStatus])).toEqual([["Preprocess", "Stopped"]]);

    await expect(
      t.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: "churn-retrain", ClientRequestToken: "retrain-bad-param-00000000000001", PipelineParameters: [{ Name: "Nope", Value: "x" }] })),
    ).rejects.toMatchObject({ name: "ValidationException" });
    await expect(t.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: "no-such-pipeline", ClientRequestToken: "whatever-000000000000000000000001" }))).rejects.toBeInstanceOf(ResourceNotFound);
  });

  it("CreatePipeline validates the definition and is idempotent on its ClientRequestToken", async () => {
    const definition = JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "Check", Type: "Condition", Arguments: {} }] });
    const request = { PipelineName: "tiny", PipelineDefinition: definition, RoleArn: SAGEMAKER_ROLE_ARN, ClientRequestToken: "create-tiny-pipeline-0000000000001" };
    const first = await t.sagemaker.send(new CreatePipelineCommand(request));
    const again = await t.sagemaker.send(new CreatePipelineCommand(request));
    expect(again.PipelineArn).toBe(first.PipelineArn);
    await expect(t.sagemaker.send(new CreatePipelineCommand({ ...request, ClientRequestToken: "create-tiny-pipeline-0000000000002" }))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(t.sagemaker.send(new CreatePipelineCommand({ ...request, PipelineName: "broken", PipelineDefinition: "{not json" }))).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("not valid JSON") });
  });
});
