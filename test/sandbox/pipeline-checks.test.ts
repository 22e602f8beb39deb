import {
  CreatePipelineCommand,
  DescribePipelineExecutionCommand,
  DescribeProcessingJobCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  type PipelineExecutionStep,
  StartPipelineExecutionCommand,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { SEED } from "../../src/sandbox/index.js";
import { parseConstraints, parseStatistics } from "../../src/watch/monitor-baseline.js";
import { parseConstraintViolations } from "../../src/watch/monitor-report.js";
import { advanceUntil, SAGEMAKER_ROLE_ARN, s3Report, s3Text, useTestSandbox } from "../support/sandbox.js";

/** A one-step pipeline around a QualityCheck of the example's training data, its step fields overridden. */
function checkPipeline(name: string, fields: Record<string, unknown>): string {
  return JSON.stringify({
    Version: "2020-12-01",
    Parameters: [{ Name: "SkipCheck", Type: "Boolean", DefaultValue: false }],
    Steps: [
      {
        Name: "CheckData",
        Type: "QualityCheck",
        Arguments: {
          ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 } },
          AppSpecification: { ImageUri: SEED.modelMonitorImage },
          RoleArn: SAGEMAKER_ROLE_ARN,
          ProcessingInputs: [{ InputName: "baseline_dataset_input", S3Input: { S3Uri: "s3://sageops-demo/churn/train/", LocalPath: "/opt/ml/processing/input/baseline_dataset_input", S3DataType: "S3Prefix", S3InputMode: "File" } }],
          ProcessingOutputConfig: {
            Outputs: [{ OutputName: "quality_check_output", S3Output: { S3Uri: { "Std:Join": { On: "/", Values: [`s3://sageops-demo/checks/${name}`, { Get: "Execution.PipelineExecutionId" }] } }, LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }],
          },
        },
        CheckType: "DATA_QUALITY",
        SkipCheck: { Get: "Parameters.SkipCheck" },
        SuppliedBaselineStatistics: SEED.baselines.DataQuality.statistics,
        SuppliedBaselineConstraints: SEED.baselines.DataQuality.constraints,
        ...fields,
      },
    ],
  });
}

describe("sandbox pipeline check steps, through the real SDK", () => {
  const t = useTestSandbox();

  const steps = async (arn: string): Promise<PipelineExecutionStep[]> => (await t.sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn, SortOrder: "Ascending" }))).PipelineExecutionSteps ?? [];
  const stepNamed = async (arn: string, name: string): Promise<PipelineExecutionStep> => {
    const found = (await steps(arn)).find((s) => s.StepName === name);
    if (!found) throw new Error(`no step ${name}`);
    return found;
  };
  const finished = (arn: string) => advanceUntil(t.clock, () => t.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn })), (e) => e.PipelineExecutionStatus !== "Executing", 90);
  const createPipeline = (name: string, fields: Record<string, unknown>) =>
    t.sagemaker.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinition: checkPipeline(name, fields), RoleArn: SAGEMAKER_ROLE_ARN, ClientRequestToken: `create-${name}`.padEnd(32, "0") }));
  const start = async (pipeline: string, token: string, parameters: { Name: string; Value: string }[] = []): Promise<string> =>
    (await t.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: pipeline, ClientRequestToken: token.padEnd(32, "0"), PipelineParameters: parameters }))).PipelineExecutionArn ?? "";

  it("the seeded weekly retrain's QualityCheck and ClarifyCheck steps carry SageMaker's check metadata; their checks were clean, their calculated baselines are in S3", async () => {
    const [weekly] = (await t.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: SEED.pipeline }))).PipelineExecutionSummaries ?? [];
    const arn = weekly?.PipelineExecutionArn ?? "";
    const quality = (await stepNamed(arn, "CheckDataQuality")).Metadata?.QualityCheck;
    expect(quality).toEqual({
      CheckType: "DATA_QUALITY",
      BaselineUsedForDriftCheckStatistics: SEED.baselines.DataQuality.statistics,
      BaselineUsedForDriftCheckConstraints: SEED.baselines.DataQuality.constraints,
      CalculatedBaselineStatistics: expect.stringMatching(/^s3:\/\/sageops-demo\/churn\/checks\/[a-z0-9]{12}\/data-quality\/statistics\.json$/),
      CalculatedBaselineConstraints: expect.stringMatching(/\/data-quality\/constraints\.json$/),
      ModelPackageGroupName: SEED.packageGroup,
      CheckJobArn: expect.stringMatching(/^arn:aws:sagemaker:us-east-1:123456789012:processing-job\//),
      SkipCheck: false,
      RegisterNewBaseline: false,
    });
    expect((await s3Report(t.s3, quality?.CalculatedBaselineStatistics ?? "", parseStatistics)).skippedCount).toBe(0);
    expect((await s3Report(t.s3, quality?.CalculatedBaselineConstraints ?? "", parseConstraints)).driftThreshold).toBe(0.1);
    const job = await t.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: quality?.CheckJobArn?.split("/").pop() }));
    expect(job.ProcessingJobStatus).toBe("Completed");

    const clarify = (await stepNamed(arn, "CheckModelBias")).Metadata?.ClarifyCheck;
    expect(clarify).toMatchObject({ CheckType: "MODEL_BIAS", BaselineUsedForDriftCheckConstraints: SEED.baselines.ModelBias.constraints, SkipCheck: false, RegisterNewBaseline: false });
    expect(clarify?.ViolationReport).toBeUndefined();
    expect((await s3Report(t.s3, clarify?.CalculatedBaselineConstraints ?? "", parseConstraints)).biasMetrics.length).toBeGreaterThan(0);
  });

  it("a retrain started once churn-prod's traffic drifted finds it in both checks: each ViolationReport is a report the bot's parser reads whole, and the run still succeeds", async () => {
    const arn = await start(SEED.pipeline, "retrain-after-drift");
    expect((await finished(arn)).PipelineExecutionStatus).toBe("Succeeded");
    const quality = await stepNamed(arn, "CheckDataQuality");
    const clarify = await stepNamed(arn, "CheckModelBias");
    for (const [step, subject] of [
      [quality, "feature"],
      [clarify, "facet"],
    ] as const) {
      const check = step.Metadata?.QualityCheck ?? step.Metadata?.ClarifyCheck;
      expect(step.StepStatus).toBe("Succeeded");
      expect(check?.ViolationReport).toMatch(/^s3:\/\/sageops-demo\/churn\/checks\/[a-z0-9]{12}\/[a-z-]+\/constraint_violations\.json$/);
      const report = await s3Report(t.s3, check?.ViolationReport ?? "", parseConstraintViolations);
      expect(report.entryCount).toBeGreaterThan(0);
      expect(report.unrecognisedCount).toBe(0);
      expect(report.violations.every((v) => v.subject.kind === subject)).toBe(true);
      const job = await t.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: check?.CheckJobArn?.split("/").pop() }));
      expect(check?.ViolationReport).toBe(`${job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri}/constraint_violations.json`);
    }
  });

  it("with FailOnViolation (the SDK's default) a check that finds violations fails its step, naming the report; one that finds none succeeds without a ViolationReport", async () => {
    await createPipeline("strict-check", {});
    const arns = await Promise.all(Array.from({ length: 6 }, (_, i) => start("strict-check", `strict-check-run-${i}`)));
    await advanceUntil(t.clock, async () => Promise.all(arns.map((arn) => t.sagemaker.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn })))), (all) => all.every((e) => e.PipelineExecutionStatus !== "Executing"), 30);
    const outcomes = await Promise.all(arns.map((arn) => stepNamed(arn, "CheckData")));
    for (const step of outcomes) {
      const report = step.Metadata?.QualityCheck?.ViolationReport;
      if (report) {
        expect(step.StepStatus).toBe("Failed");
        expect(step.FailureReason).toMatch(/^ClientError: Quality check DATA_QUALITY found \d+ violation\(s\)/);
        expect(step.FailureReason).toContain(report);
      } else {
        expect(step.StepStatus).toBe("Succeeded");
      }
    }
    expect(new Set(outcomes.map((s) => s.StepStatus))).toEqual(new Set(["Failed", "Succeeded"]));
  });

  it("SkipCheck (a Boolean parameter) checks nothing and writes no violations report; RegisterNewBaseline hands on the calculated baseline; a missing baseline or check type fails the step", async () => {
    await createPipeline("skip-or-register", { RegisterNewBaseline: true, FailOnViolation: false });
    const skipped = await start("skip-or-register", "skip-the-check", [{ Name: "SkipCheck", Value: "true" }]);
    await finished(skipped);
    const skip = (await stepNamed(skipped, "CheckData")).Metadata?.QualityCheck;
    expect(skip).toMatchObject({ SkipCheck: true, RegisterNewBaseline: true });
    expect(skip?.ViolationReport).toBeUndefined();
    expect(skip?.BaselineUsedForDriftCheckConstraints).toBe(skip?.CalculatedBaselineConstraints);
    expect(skip?.BaselineUsedForDriftCheckStatistics).toBe(skip?.CalculatedBaselineStatistics);
    const folder = skip?.CalculatedBaselineConstraints?.replace(/\/constraints\.json$/, "") ?? "";
    await expect(s3Text(t.s3, `${folder}/constraint_violations.json`)).rejects.toMatchObject({ name: "NoSuchKey" });
    expect(JSON.parse(await s3Text(t.s3, `${folder}/statistics.json`))).toMatchObject({ dataset: { item_count: expect.any(Number) } });

    await createPipeline("no-baseline", { SuppliedBaselineConstraints: "s3://sageops-demo/churn/monitoring/nowhere/constraints.json" });
    const missing = await start("no-baseline", "check-against-nothing");
    expect((await finished(missing)).PipelineExecutionStatus).toBe("Failed");
    expect((await stepNamed(missing, "CheckData")).FailureReason).toBe("ClientError: The baseline constraints s3://sageops-demo/churn/monitoring/nowhere/constraints.json do not exist.");

    await createPipeline("wrong-type", { CheckType: "MODEL_BIAS" });
    const wrong = await start("wrong-type", "quality-check-of-bias");
    await finished(wrong);
    expect((await stepNamed(wrong, "CheckData")).FailureReason).toContain("CheckType MODEL_BIAS is not one of DATA_QUALITY, MODEL_QUALITY");
  });
});
