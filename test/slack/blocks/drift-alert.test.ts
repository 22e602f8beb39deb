import { describe, expect, it } from "vitest";
import { DRIFT_BUTTONS, renderDriftAlert, renderDriftReport } from "../../../src/slack/blocks/drift-alert.js";
import type { Rendered } from "../../../src/slack/blocks/kit.js";
import { SlackDriftReporter } from "../../../src/slack/notify/drift-reporter.js";
import type { OutgoingFile, SlackPoster } from "../../../src/slack/notify/poster.js";
import type { DriftAlertRecord } from "../../../src/watch/drift-store.js";
import type { DriftFinding, FindingViolation } from "../../../src/watch/finding.js";

function violations(n: number): FindingViolation[] {
  return Array.from({ length: n }, (_, i) => ({
    subject: { kind: "feature" as const, name: `feature_${i}_${"x".repeat(40)}` },
    checkType: i % 3 === 0 ? "baseline_drift_check" : "completeness_check",
    description: `Baseline drift distance: ${(0.1 + i / 1000).toFixed(3)} exceeds threshold: 0.1 ${"and more words ".repeat(20)}`,
    current: i % 3 === 0 ? { distance: 0.1 + i / 1000, threshold: 0.1 } : { completeness: 0.8 },
    baseline: i % 3 === 0 ? {} : { completeness: 1 },
  }));
}

function alert(finding: Partial<DriftFinding> = {}): DriftAlertRecord {
  const full: DriftFinding = {
    endpoint: "churn-prod",
    monitorType: "data-quality",
    source: { kind: "model-monitor", schedule: "churn-prod-data-quality" },
    runId: "run-1",
    runAt: "2026-11-26T10:00:00.000Z",
    status: "violations",
    violations: violations(3),
    unrecognisedCount: 0,
    distributions: [],
    checkedCount: 5,
    reportUri: "s3://sageops-demo/churn/monitoring/reports/run-1/constraint_violations.json",
    ...finding,
  };
  return { id: 7, endpoint: full.endpoint, monitorType: full.monitorType, channel: "C0ALERTS", subjectsKey: "k", firstAt: full.runAt, lastAt: full.runAt, runs: 1, open: true, finding: full, messageTs: "1795683600.000001" };
}

const blocksOf = (rendered: { blocks: unknown[] }) => JSON.stringify(rendered.blocks);

describe("a drift alert in Slack", () => {
  it("says how much was violated, the worst first in plain words with figures, and offers the four buttons", () => {
    const rendered = renderDriftAlert(alert(), { region: "us-east-1", environment: "prod", retrain: "churn-xgb" });
    const text = blocksOf(rendered);
    expect(text).toContain("3 of 5 features violated");
    expect(text).toContain("distribution drifted (`baseline_drift_check`): distance 0.10 over threshold 0.10");
    expect(text).toContain("values missing (`completeness_check`): completeness 1.00 → 0.80");
    for (const id of Object.values(DRIFT_BUTTONS).filter((b) => b !== DRIFT_BUTTONS.page)) expect(text).toContain(id);
    expect(text).toContain("Retrain (churn-xgb)");
  });

  it("600 violations stay within Slack's limits: a few in the message, how many more, and a modal paged under 100 blocks", () => {
    const big = alert({ violations: violations(600) });
    const rendered = renderDriftAlert(big, { region: "us-east-1" });
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
    for (const block of rendered.blocks) {
      const section = block as { text?: { text?: string } };
      expect((section.text?.text ?? "").length).toBeLessThanOrEqual(3000);
    }
    expect(blocksOf(rendered)).toContain("…and 595 more: *View report* lists them all.");
    const first = renderDriftReport(big, 0);
    const last = renderDriftReport(big, first.pages - 1);
    expect(first.pages).toBe(15);
    for (const page of [first, last]) {
      expect(page.blocks.length).toBeLessThanOrEqual(100);
      for (const block of page.blocks) expect(((block as { text?: { text?: string } }).text?.text ?? "").length).toBeLessThanOrEqual(3000);
    }
    expect(blocksOf(last)).toContain("Page 15 of 15 (600 violations)");
    expect(blocksOf(last)).not.toContain('"Next"');
  });

  it("a failed run is a monitoring failure with its reason; an unreadable report says why; neither offers Retrain", () => {
    const failed = blocksOf(renderDriftAlert(alert({ status: "failed", reason: "ClientError: no data captured", violations: [] }), { region: "us-east-1" }));
    expect(failed).toContain("Monitoring failed: churn-prod");
    expect(failed).toContain("ClientError: no data captured");
    expect(failed).not.toContain(DRIFT_BUTTONS.retrain);
    const unreadable = blocksOf(renderDriftAlert(alert({ status: "unreadable", reason: "constraint_violations.json: not JSON", violations: [] }), { region: "us-east-1" }));
    expect(unreadable).toContain("could not be read: constraint_violations.json: not JSON");
  });
});

/** A poster that keeps what it was asked to send. */
class RecordingPoster implements SlackPoster {
  posts: { channel: string; message: Rendered; threadTs?: string }[] = [];
  uploads: { channel: string; file: OutgoingFile; threadTs?: string }[] = [];
  async post(channel: string, message: Rendered, options: { threadTs?: string } = {}) {
    this.posts.push({ channel, message, threadTs: options.threadTs });
    return { ts: `1795683600.00000${this.posts.length}` };
  }
  async update() {}
  async ephemeral() {}
  async upload(channel: string, file: OutgoingFile, options: { threadTs?: string } = {}) {
    this.uploads.push({ channel, file, threadTs: options.threadTs });
  }
}

describe("the drift reporter", () => {
  it("shares a PNG of baseline against current in the alert's thread when the statistics carry distributions", async () => {
    const poster = new RecordingPoster();
    const reporter = new SlackDriftReporter(poster, () => ({ region: "us-east-1" }));
    const buckets = (shift: number) => Array.from({ length: 8 }, (_, i) => ({ lowerBound: 10 * i, upperBound: 10 * (i + 1), count: Math.round(100 * Math.exp(-((i - 3 - shift) ** 2) / 2)) }));
    const { ts } = await reporter.alert(alert({ distributions: [{ baseline: { feature: "monthly_charges", buckets: buckets(0) }, current: { feature: "monthly_charges", buckets: buckets(2) } }] }));
    expect(poster.uploads).toHaveLength(1);
    const upload = poster.uploads[0];
    expect(upload?.threadTs).toBe(ts);
    expect(Buffer.from(upload?.file.bytes ?? new Uint8Array()).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(upload?.file.title).toContain("monthly_charges");
  });

  it("a chart that cannot be drawn never stops the alert", async () => {
    const poster = new RecordingPoster();
    const problems: unknown[] = [];
    const reporter = new SlackDriftReporter(poster, () => ({ region: "us-east-1" }), (error) => problems.push(error));
    await reporter.alert(alert({ distributions: [{ baseline: { feature: "f", buckets: [] }, current: { feature: "f", buckets: [] } }] }));
    expect(poster.posts).toHaveLength(1);
    expect(poster.uploads.length + problems.length).toBe(1);
  });
});
