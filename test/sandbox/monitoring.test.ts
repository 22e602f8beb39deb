import { GetObjectCommand } from "@aws-sdk/client-s3";
import {
  CreateEndpointCommand,
  CreateMonitoringScheduleCommand,
  type CreateMonitoringScheduleCommandInput,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  ListMonitoringSchedulesCommand,
  type MonitoringExecutionSummary,
  ResourceInUse,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { DEFAULT_PACE } from "../../src/sandbox/index.js";
import { START_MS } from "../support/constants.js";
import { advanceUntil, SAGEMAKER_ROLE_ARN, useTestSandbox } from "../support/sandbox.js";

interface ViolationsReport {
  violations: { feature_name: string; constraint_check_type: string; description: string }[];
}

function scheduleRequest(name: string, endpoint: string, expression: string): CreateMonitoringScheduleCommandInput {
  return {
    MonitoringScheduleName: name,
    MonitoringScheduleConfig: {
      ScheduleConfig: { ScheduleExpression: expression },
      MonitoringType: "DataQuality",
      MonitoringJobDefinition: {
        MonitoringInputs: [{ EndpointInput: { EndpointName: endpoint, LocalPath: "/opt/ml/processing/input/endpoint" } }],
        MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: `s3://sageops-demo/monitoring/${name}`, LocalPath: "/opt/ml/processing/output" } }] },
        MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 20 } },
        MonitoringAppSpecification: { ImageUri: "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer" },
        RoleArn: SAGEMAKER_ROLE_ARN,
      },
    },
  };
}

describe("sandbox model monitoring", () => {
  const t = useTestSandbox();

  const executions = async (filter: { EndpointName?: string; MonitoringScheduleName?: string }): Promise<MonitoringExecutionSummary[]> =>
    (await t.sagemaker.send(new ListMonitoringExecutionsCommand({ ...filter, SortBy: "ScheduledTime", SortOrder: "Descending" }))).MonitoringExecutionSummaries ?? [];

  /** What a client does to read a report: execution, its processing job, the job's output URI, then S3. */
  async function violationsOf(execution: MonitoringExecutionSummary): Promise<ViolationsReport> {
    const job = await t.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: execution.ProcessingJobArn?.split("/").pop() }));
    const uri = job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri ?? "";
    const [, bucket = "", key = ""] = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri) ?? [];
    const object = await t.s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${key}/constraint_violations.json` }));
    return JSON.parse((await object.Body?.transformToString()) ?? "{}") as ViolationsReport;
  }

  it("the example schedule on churn-prod has a completed run in its history and its next run finds drift, well within a real minute at the default pace", async () => {
    const schedules = await t.sagemaker.send(new ListMonitoringSchedulesCommand({ EndpointName: "churn-prod" }));
    expect(schedules.MonitoringScheduleSummaries?.map((s) => s.MonitoringScheduleName)).toEqual(["churn-prod-data-quality"]);
    const schedule = await t.sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: "churn-prod-data-quality" }));
    expect(schedule.MonitoringScheduleConfig?.ScheduleConfig?.ScheduleExpression).toBe("cron(0 * ? * * *)");

    const atStart = await executions({ EndpointName: "churn-prod" });
    expect(atStart.map((e) => e.MonitoringExecutionStatus)).toEqual(["Pending", "Completed"]);
    expect(await violationsOf(atStart[1] as MonitoringExecutionSummary)).toEqual({ violations: [] });

    const latest = await advanceUntil(t.clock, async () => (await executions({ EndpointName: "churn-prod" }))[0], (e) => e?.MonitoringExecutionStatus === "CompletedWithViolations", 30);
    const realSecondsAtDefaultPace = ((latest?.LastModifiedTime?.getTime() ?? Infinity) - START_MS) / 1000 / DEFAULT_PACE;
    expect(realSecondsAtDefaultPace).toBeLessThan(60);

    const report = await violationsOf(latest as MonitoringExecutionSummary);
    expect(report.violations.length).toBeGreaterThan(0);
    expect(report.violations.map((v) => v.constraint_check_type)).toContain("baseline_drift_check");
    for (const violation of report.violations) {
      expect(["baseline_drift_check", "data_type_check", "completeness_check"]).toContain(violation.constraint_check_type);
      expect(violation.feature_name).not.toBe("");
      expect(violation.description).not.toBe("");
    }

    const job = await t.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: latest?.ProcessingJobArn?.split("/").pop() }));
    expect(job.ProcessingJobStatus).toBe("Completed");
    expect(job.ExitMessage).toMatch(/^CompletedWithViolations/);
    expect(job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri).toBe("s3://sageops-demo/churn/monitoring/reports/churn-prod/churn-prod-data-quality/2026/11/26/09");
    const statistics = await t.s3.send(new GetObjectCommand({ Bucket: "sageops-demo", Key: "churn/monitoring/reports/churn-prod/churn-prod-data-quality/2026/11/26/09/statistics.json" }));
    expect(JSON.parse((await statistics.Body?.transformToString()) ?? "{}")).toMatchObject({ dataset: { item_count: expect.any(Number) } });

    const described = await t.sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: "churn-prod-data-quality" }));
    expect(described.LastMonitoringExecutionSummary?.MonitoringExecutionStatus).toBe("CompletedWithViolations");
  });

  it("a new hourly schedule runs on the hour, one execution per hour, filterable by schedule and status", async () => {
    await t.sagemaker.send(new CreateEndpointCommand({ EndpointName: "churn-canary", EndpointConfigName: "churn-prod-config-v1" }));
    await t.sagemaker.send(new CreateMonitoringScheduleCommand(scheduleRequest("churn-canary-dq", "churn-canary", "cron(0 * ? * * *)")));
    expect(await executions({ MonitoringScheduleName: "churn-canary-dq" })).toEqual([]);
    t.clock.advance(5 * 3600);
    const runs = await executions({ MonitoringScheduleName: "churn-canary-dq" });
    expect(runs.length).toBe(5);
    for (const run of runs) expect(run.ScheduledTime?.getUTCMinutes()).toBe(0);
    expect(new Set(runs.map((r) => r.ScheduledTime?.getTime())).size).toBe(5);
    for (const run of runs.slice(1)) expect(["Completed", "CompletedWithViolations"]).toContain(run.MonitoringExecutionStatus);

    const withViolations = await t.sagemaker.send(new ListMonitoringExecutionsCommand({ EndpointName: "churn-prod", StatusEquals: "CompletedWithViolations" }));
    expect((withViolations.MonitoringExecutionSummaries ?? []).every((e) => e.MonitoringExecutionStatus === "CompletedWithViolations" && e.EndpointName === "churn-prod")).toBe(true);
  });

  it("a schedule on an endpoint that does not exist, with a bad expression, or a duplicate name is refused", async () => {
    await expect(t.sagemaker.send(new CreateMonitoringScheduleCommand(scheduleRequest("ghost-dq", "no-such-endpoint", "cron(0 * ? * * *)")))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(t.sagemaker.send(new CreateMonitoringScheduleCommand(scheduleRequest("weird-dq", "churn-prod", "rate(5 minutes)")))).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("ScheduleExpression"),
    });
    await expect(t.sagemaker.send(new CreateMonitoringScheduleCommand(scheduleRequest("churn-prod-data-quality", "churn-prod", "cron(0 * ? * * *)")))).rejects.toBeInstanceOf(ResourceInUse);
  });
});
