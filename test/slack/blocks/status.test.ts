import { describe, expect, it } from "vitest";
import { formatElapsed, renderFailureAlert, renderFinalReply, renderHomeStatus, renderStatusAnswer, renderStatusMessage } from "../../../src/slack/blocks/status.js";
import type { EndpointStatus, PipelineStatus, TrainingStatus } from "../../../src/watch/status.js";
import type { ResourceView } from "../../../src/watch/view.js";

const NOW = new Date("2026-11-26T09:20:00Z");
const tracking = { requester: "U0ENGINEER", channel: "C0MLOPS", threadTs: "1700000000.000100", planId: "plan-42" };

const training = (overrides: Partial<TrainingStatus> = {}): TrainingStatus => ({
  type: "training-job",
  name: "churn-xgb-20261126-0900",
  arn: "arn:aws:sagemaker:eu-west-1:123456789012:training-job/churn-xgb-20261126-0900",
  status: "InProgress",
  phase: "running",
  startedAt: "2026-11-26T09:00:00.000Z",
  secondaryStatus: "Training",
  timeline: [
    { status: "Starting", startedAt: "2026-11-26T09:00:00.000Z", endedAt: "2026-11-26T09:02:00.000Z", message: "Preparing the instances for training" },
    { status: "Downloading", startedAt: "2026-11-26T09:02:00.000Z", endedAt: "2026-11-26T09:03:00.000Z", message: "Downloading input data" },
    { status: "Training", startedAt: "2026-11-26T09:03:00.000Z", message: "Training in progress." },
  ],
  instanceType: "ml.m5.xlarge",
  instanceCount: 1,
  metrics: [],
  ...overrides,
});

const view = <S extends ResourceView["status"]>(status: S & {}): ResourceView & { status: S & {} } => ({
  resource: { type: status.type, name: status.name, arn: status.arn },
  region: "eu-west-1",
  status,
  tracking,
});

const everything = (rendered: { text: string; blocks: unknown[] }): string => `${rendered.text}\n${JSON.stringify(rendered.blocks)}`;

describe("status rendering", () => {
  it("shows a running training job with its secondary status, timeline, instance, elapsed time and console link", () => {
    const shown = everything(renderStatusMessage(view(training()), NOW));
    expect(shown).toContain("churn-xgb-20261126-0900");
    expect(shown).toContain("InProgress (Training)");
    expect(shown).toContain("ml.m5.xlarge × 1");
    expect(shown).toContain("20m 00s");
    expect(shown).toContain("Downloading");
    expect(shown).toContain("https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/jobs/churn-xgb-20261126-0900");
    expect(shown).toContain("<@U0ENGINEER>");
    expect(shown).toContain("plan-42");
  });

  it("shows a completed job's final metrics and billable seconds", () => {
    const done = training({ status: "Completed", phase: "succeeded", secondaryStatus: "Completed", endedAt: "2026-11-26T09:12:30.000Z", billableSeconds: 630, metrics: [{ name: "validation:auc", value: 0.91234 }] });
    const shown = everything(renderStatusMessage(view(done), NOW));
    expect(shown).toContain("validation:auc");
    expect(shown).toContain("0.9123");
    expect(shown).toContain("630 s");
    const reply = renderFinalReply(view(done), NOW);
    expect(reply.text).toContain("<@U0ENGINEER>");
    expect(reply.text).toContain("completed in 12m 30s");
    expect(reply.text).toContain("validation:auc 0.9123");
  });

  it("explains a failure in plain words and keeps SageMaker's own reason", () => {
    const reason = "ClientError: Data download failed:Please ensure that the S3 prefix s3://sageops-demo/missing/ for channel 'train' exists and contains data.";
    const failed = training({ status: "Failed", phase: "failed", secondaryStatus: "Failed", endedAt: "2026-11-26T09:03:30.000Z", failureReason: reason });
    const message = everything(renderStatusMessage(view(failed), NOW));
    expect(message).toContain("could not read the input data at s3://sageops-demo/missing/");
    expect(message).toContain("Data download failed");
    const alert = renderFailureAlert(view(failed), NOW);
    expect(alert.text).toContain("failed");
    expect(alert.text).toContain("<#C0MLOPS>");
    expect(everything(alert)).toContain("s3://sageops-demo/missing/");
  });

  it("shows an endpoint's traffic shift, then InService", () => {
    const updating: EndpointStatus = {
      type: "endpoint",
      name: "churn-prod",
      status: "Updating",
      phase: "running",
      configName: "churn-prod-v2",
      variants: [{ name: "AllTraffic", currentWeight: 0.2, desiredWeight: 1, currentInstances: 1, desiredInstances: 2 }],
      timeline: [{ status: "InService", startedAt: "2026-11-26T08:00:00.000Z", endedAt: "2026-11-26T09:00:00.000Z" }, { status: "Updating", startedAt: "2026-11-26T09:00:00.000Z" }],
      rolledBack: false,
    };
    expect(everything(renderStatusMessage(view(updating), NOW))).toContain("0.2 → 1 (shifting)");
    const serving: EndpointStatus = { ...updating, status: "InService", phase: "succeeded", variants: [{ name: "AllTraffic", currentWeight: 1, desiredWeight: 1, currentInstances: 2, desiredInstances: 2 }] };
    const shown = everything(renderStatusMessage(view(serving), NOW));
    expect(shown).toContain("InService, serving traffic");
    expect(shown).toContain("#/endpoints/churn-prod");
    expect(renderFinalReply(view(serving), NOW).text).toContain("is InService");
  });

  it("lists a pipeline execution's steps", () => {
    const pipeline: PipelineStatus = {
      type: "pipeline-execution",
      name: "churn-retrain-plan-7",
      arn: "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/churn-retrain/execution/abc123",
      status: "Executing",
      phase: "running",
      startedAt: "2026-11-26T09:00:00.000Z",
      pipelineName: "churn-retrain",
      steps: [
        { name: "Preprocess", status: "Succeeded", startedAt: "2026-11-26T09:00:00.000Z", endedAt: "2026-11-26T09:05:00.000Z" },
        { name: "Train", status: "Executing", startedAt: "2026-11-26T09:05:00.000Z" },
      ],
    };
    const shown = everything(renderStatusMessage(view(pipeline), NOW));
    expect(shown).toContain("Preprocess: Succeeded (5m 00s)");
    expect(shown).toContain("step 2, Train");
    expect(shown).toContain("#/pipelines/churn-retrain");
  });

  it("answers an unknown name with the close names it knows", () => {
    const rendered = renderStatusAnswer({ kind: "not-found", query: "churn-xbg", suggestions: ["churn-xgb-20261126-0900"], problem: { what: "I found no training job named `churn-xbg`.", fix: "Did you mean `churn-xgb-20261126-0900`?" } }, NOW);
    expect(rendered.text).toContain("churn-xgb-20261126-0900");
  });

  it("puts running work first on the App Home, then what finished lately", () => {
    const running = view(training());
    const finished: ResourceView = { ...view(training({ name: "churn-xgb-old", status: "Completed", phase: "succeeded", endedAt: "2026-11-25T10:00:00.000Z" })), resource: { type: "training-job", name: "churn-xgb-old" }, finishedAt: "2026-11-25T10:00:00.000Z" };
    const blocks = JSON.stringify(renderHomeStatus([finished, running], NOW));
    expect(blocks.indexOf("Running")).toBeLessThan(blocks.indexOf("churn-xgb-20261126-0900"));
    expect(blocks.indexOf("churn-xgb-20261126-0900")).toBeLessThan(blocks.indexOf("Recent"));
    expect(blocks.indexOf("Recent")).toBeLessThan(blocks.indexOf("churn-xgb-old"));
    expect(JSON.stringify(renderHomeStatus([], NOW))).toContain("Nothing yet");
  });

  it("says durations the way people read them", () => {
    expect(formatElapsed(45_000)).toBe("45s");
    expect(formatElapsed(750_000)).toBe("12m 30s");
    expect(formatElapsed(3_720_000)).toBe("1h 02m");
  });
});
