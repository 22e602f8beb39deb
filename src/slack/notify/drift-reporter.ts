/**
 * Drift watching's reporter in Slack: alerts (with a chart of baseline against current
 * distributions in their thread), repeats and back-to-normal replies, sent through the paced poster.
 */
import type { DriftAlertRecord } from "../../watch/drift-store.js";
import type { DriftReporter } from "../../watch/drift-watch.js";
import type { DriftFinding } from "../../watch/finding.js";
import { type AlertContext, renderBackToNormal, renderDriftAlert, renderDriftRepeat } from "../blocks/drift-alert.js";
import type { SlackPoster } from "./poster.js";

export class SlackDriftReporter implements DriftReporter {
  constructor(
    private readonly poster: SlackPoster,
    /** What the alert shows besides the finding: environment, region, retraining, a mute. */
    private readonly contextOf: (alert: DriftAlertRecord) => AlertContext,
    /** A chart that could not be drawn or shared: the alert itself is out, so this is only told. */
    private readonly onChartError: (error: unknown, alert: DriftAlertRecord) => void = () => undefined,
  ) {}

  async alert(alert: DriftAlertRecord): Promise<{ ts: string }> {
    // An alert whose ts a crash lost is posted again by the watcher: found under its key, not repeated.
    const key = `drift:${alert.endpoint}:${alert.monitorType}:${alert.channel}:${alert.firstAt}`;
    const posted = await this.poster.post(alert.channel, renderDriftAlert(alert, this.contextOf(alert)), { key, lookFirst: true });
    if (alert.finding.distributions.length > 0) {
      try {
        await this.shareChart(alert, posted.ts);
      } catch (error) {
        this.onChartError(error, alert);
      }
    }
    return posted;
  }

  async repeat(alert: DriftAlertRecord): Promise<void> {
    if (!alert.messageTs) return;
    await this.poster.post(alert.channel, renderDriftRepeat(alert), { threadTs: alert.messageTs });
    await this.poster.update(alert.channel, alert.messageTs, renderDriftAlert(alert, this.contextOf(alert)));
  }

  async backToNormal(alert: DriftAlertRecord, finding: DriftFinding): Promise<void> {
    if (!alert.messageTs) return;
    await this.poster.post(alert.channel, renderBackToNormal(alert, finding), { threadTs: alert.messageTs });
    await this.poster.update(alert.channel, alert.messageTs, renderDriftAlert({ ...alert, open: false }, this.contextOf(alert)));
  }

  /** The alert message brought up to date after a button (acknowledged, muted). */
  async refresh(alert: DriftAlertRecord): Promise<void> {
    if (alert.messageTs) await this.poster.update(alert.channel, alert.messageTs, renderDriftAlert(alert, this.contextOf(alert)));
  }

  private async shareChart(alert: DriftAlertRecord, threadTs: string): Promise<void> {
    const { finding } = alert;
    const features = finding.distributions.map((pair) => ({ name: pair.current.feature, baseline: pair.baseline.buckets, current: pair.current.buckets }));
    // Loaded when the first chart is drawn: the charting libraries take a moment to load, and most runs draw none.
    const { renderDistributionChart } = await import("../charts/distribution-chart.js");
    const bytes = await renderDistributionChart({ title: `${finding.endpoint}: baseline against the run of ${finding.runAt.slice(0, 16).replace("T", " ")} UTC`, features });
    const names = features.slice(0, 4).map((f) => f.name);
    await this.poster.upload(
      alert.channel,
      { filename: `drift-${finding.endpoint}-${finding.runAt.slice(0, 13).replace(/[^0-9]/g, "")}.png`, title: `Drift on ${finding.endpoint}: ${names.join(", ")}`, bytes, altText: `Histograms of ${names.join(", ")}: baseline against the current run.` },
      { threadTs },
    );
  }
}
