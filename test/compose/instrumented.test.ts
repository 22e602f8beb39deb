import { describe, expect, it } from "vitest";
import { countDriftAlerts, instrumentPoster, instrumentSageMaker, slackRequestKind } from "../../src/compose/instrumented.js";
import { SageMakerError } from "../../src/kernel/sagemaker-port.js";
import { SageopsMetrics } from "../../src/metrics/metrics.js";
import type { Rendered } from "../../src/slack/blocks/kit.js";
import { SlackDriftReporter } from "../../src/slack/notify/drift-reporter.js";
import { SlackRateLimited, SlackRefused } from "../../src/slack/notify/errors.js";
import type { SlackPoster } from "../../src/slack/notify/poster.js";
import type { DriftAlertRecord } from "../../src/watch/drift-store.js";
import { sageMakerWith } from "../support/core-fakes.js";
import { sampleValue } from "../support/prometheus.js";

async function sample(metrics: SageopsMetrics, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  return sampleValue((await metrics.scrape()).text, name, labels);
}

function quietMetrics(): SageopsMetrics {
  return new SageopsMetrics({ processMetrics: false });
}

describe("the SageMaker port, counted", () => {
  it("counts each call by operation and outcome, and a throttled one as a throttle too, passing results and errors through", async () => {
    const metrics = quietMetrics();
    let calls = 0;
    const port = instrumentSageMaker(
      sageMakerWith({
        createTrainingJob: async () => ({ arn: "arn:aws:sagemaker:eu-west-1:000000000000:training-job/j" }),
        listEndpoints: async () => {
          calls += 1;
          if (calls === 1) throw new SageMakerError("Throttling", "Rate exceeded", "ThrottlingException");
          return [];
        },
      }),
      metrics,
    );

    await expect(port.createTrainingJob({} as Parameters<typeof port.createTrainingJob>[0])).resolves.toEqual({ arn: "arn:aws:sagemaker:eu-west-1:000000000000:training-job/j" });
    const throttled = await port.listEndpoints({}).catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(SageMakerError);
    expect(await port.listEndpoints({})).toEqual([]);
    await expect(port.describeEndpoint("missing")).rejects.toBeInstanceOf(SageMakerError);

    expect(await sample(metrics, "sageops_sagemaker_calls_total", { operation: "CreateTrainingJob", outcome: "ok" })).toBe(1);
    expect(await sample(metrics, "sageops_sagemaker_calls_total", { operation: "ListEndpoints", outcome: "Throttling" })).toBe(1);
    expect(await sample(metrics, "sageops_sagemaker_calls_total", { operation: "ListEndpoints", outcome: "ok" })).toBe(1);
    expect(await sample(metrics, "sageops_sagemaker_calls_total", { operation: "DescribeEndpoint", outcome: "Unavailable" })).toBe(1);
    expect(await sample(metrics, "sageops_sagemaker_throttles_total", { operation: "ListEndpoints" })).toBe(1);
    expect(await sample(metrics, "sageops_sagemaker_throttles_total", { operation: "DescribeEndpoint" })).toBeUndefined();
  });

  it("names a monitoring report's lookup by the call SageMaker gets, DescribeProcessingJob", async () => {
    const metrics = quietMetrics();
    const port = instrumentSageMaker(sageMakerWith({ monitoringReportUri: async () => "s3://bucket/report" }), metrics);
    expect(await port.monitoringReportUri("arn:aws:sagemaker:eu-west-1:000000000000:processing-job/p")).toBe("s3://bucket/report");
    expect(await sample(metrics, "sageops_sagemaker_calls_total", { operation: "DescribeProcessingJob", outcome: "ok" })).toBe(1);
  });
});

const MESSAGE: Rendered = { text: "hello", blocks: [] };

function posterFailing(error: unknown, times: number): SlackPoster & { sent: number } {
  let failures = 0;
  const poster = {
    sent: 0,
    async post() {
      if (failures < times) {
        failures += 1;
        throw error;
      }
      poster.sent += 1;
      return { ts: "1.000001" };
    },
    async update() {
      throw new SlackRefused("chat.update", "message_not_found");
    },
    async ephemeral() {},
    async upload() {},
  };
  return poster;
}

describe("the Web API poster, counted", () => {
  it("counts each call by Slack method and outcome, and every 429 by method", async () => {
    const metrics = quietMetrics();
    const poster = instrumentPoster(posterFailing(new SlackRateLimited("chat.postMessage", 1000), 2), metrics);
    await expect(poster.post("C0MLOPS", MESSAGE)).rejects.toBeInstanceOf(SlackRateLimited);
    await expect(poster.post("C0MLOPS", MESSAGE)).rejects.toBeInstanceOf(SlackRateLimited);
    expect(await poster.post("C0MLOPS", MESSAGE)).toEqual({ ts: "1.000001" });
    await expect(poster.update("C0MLOPS", "1.000001", MESSAGE)).rejects.toBeInstanceOf(SlackRefused);
    await poster.ephemeral("C0MLOPS", "U0ENGINEER", MESSAGE);

    expect(await sample(metrics, "sageops_slack_posts_total", { method: "chat.postMessage", outcome: "rate_limited" })).toBe(2);
    expect(await sample(metrics, "sageops_slack_posts_total", { method: "chat.postMessage", outcome: "ok" })).toBe(1);
    expect(await sample(metrics, "sageops_slack_posts_total", { method: "chat.update", outcome: "refused" })).toBe(1);
    expect(await sample(metrics, "sageops_slack_posts_total", { method: "chat.postEphemeral", outcome: "ok" })).toBe(1);
    expect(await sample(metrics, "sageops_slack_rate_limited_total", { method: "chat.postMessage" })).toBe(2);
  });
});

describe("drift alerts, counted", () => {
  const alert: DriftAlertRecord = {
    id: 1,
    endpoint: "churn-prod",
    monitorType: "data-quality",
    channel: "C0ALERTS",
    subjectsKey: "feature:tenure",
    firstAt: "2026-11-26T09:00:00.000Z",
    lastAt: "2026-11-26T09:00:00.000Z",
    runs: 1,
    open: true,
    finding: {
      endpoint: "churn-prod",
      monitorType: "data-quality",
      source: { kind: "model-monitor", schedule: "churn-prod-data-quality" },
      runId: "run-1",
      runAt: "2026-11-26T09:00:00.000Z",
      status: "violations",
      violations: [{ subject: { kind: "feature", name: "tenure" }, checkType: "baseline_drift_check", description: "Baseline drift distance: 0.2 exceeds threshold: 0.1", current: { distance: 0.2, threshold: 0.1 }, baseline: {} }],
      unrecognisedCount: 0,
      distributions: [],
    },
  };

  it("counts the alerts the drift reporter posts, not its replies in their threads", async () => {
    const metrics = quietMetrics();
    const inner = posterFailing(undefined, 0);
    const reporter = new SlackDriftReporter(countDriftAlerts({ ...inner, update: async () => undefined }, metrics), () => ({ region: "eu-west-1" }));
    expect(await reporter.alert(alert)).toEqual({ ts: "1.000001" });
    await reporter.repeat({ ...alert, messageTs: "1.000001", runs: 2 });
    await reporter.backToNormal({ ...alert, messageTs: "1.000001", runs: 2 }, { ...alert.finding, runId: "run-2", status: "clean", violations: [] });
    expect(inner.sent).toBe(3);
    expect(await sample(metrics, "sageops_drift_alerts_posted_total")).toBe(1);
  });
});

describe("a Slack request's kind", () => {
  it("is read from its body: command, action, view, event, options, other", () => {
    expect(slackRequestKind({ command: "/train", text: "churn-xgb", trigger_id: "1.2" })).toBe("command");
    expect(slackRequestKind({ type: "block_actions", actions: [] })).toBe("action");
    expect(slackRequestKind({ type: "view_submission", view: {} })).toBe("view");
    expect(slackRequestKind({ type: "view_closed" })).toBe("view");
    expect(slackRequestKind({ type: "event_callback", event: { type: "app_mention" } })).toBe("event");
    expect(slackRequestKind({ type: "block_suggestion", value: "ch" })).toBe("options");
    expect(slackRequestKind({ type: "toString" })).toBe("other");
    expect(slackRequestKind("payload=null")).toBe("other");
    expect(slackRequestKind(null)).toBe("other");
  });
});
