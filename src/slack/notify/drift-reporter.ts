/** Drift watching's reporter in Slack: alerts, repeats and back-to-normal replies, sent through the paced poster. */
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
  ) {}

  async alert(alert: DriftAlertRecord): Promise<{ ts: string }> {
    return this.poster.post(alert.channel, renderDriftAlert(alert, this.contextOf(alert)));
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
}
