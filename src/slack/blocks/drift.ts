import type { DriftReport } from "../../watch/drift.js";
import { context, escapeMrkdwn, header, type KnownBlock, type Rendered, section } from "./kit.js";

const CHECK_NAMES: Record<string, string> = {
  baseline_drift_check: "drifted from the baseline",
  data_type_check: "has values of the wrong type",
  completeness_check: "has missing values",
};

function when(date: Date | undefined): string {
  return date ? `${date.toISOString().replace("T", " ").slice(0, 16)} UTC` : "time unknown";
}

/** Model Monitor findings: what drifted, in which feature, and the recent runs. */
export function renderDrift(report: DriftReport): Rendered {
  const blocks: KnownBlock[] = [header(`Model Monitor: ${report.endpoint}`)];
  if (report.violations.length > 0) {
    const lines = report.violations.slice(0, 20).map((v) => `• *${escapeMrkdwn(v.feature)}* ${CHECK_NAMES[v.check] ?? escapeMrkdwn(v.check)}: ${escapeMrkdwn(v.description)}`);
    blocks.push(section(`:rotating_light: *${report.violations.length} violation(s)* in the run of ${when(report.violationsAt)}:\n${lines.join("\n")}`));
  } else {
    blocks.push(section(":white_check_mark: The recent runs found no violations."));
  }
  blocks.push(section(`*Recent runs*\n${report.executions.map((e) => `• ${when(e.scheduledAt)}: ${e.status}${e.failureReason ? ` (${escapeMrkdwn(e.failureReason)})` : ""} — ${escapeMrkdwn(e.schedule)}`).join("\n")}`));
  if (report.reportUri) blocks.push(context(`Report: ${report.reportUri}`));
  const text = report.violations.length > 0 ? `${report.endpoint}: ${report.violations.length} drift violation(s): ${report.violations.map((v) => `${v.feature} (${v.check})`).join(", ")}` : `${report.endpoint}: no violations in the recent Model Monitor runs`;
  return { text, blocks };
}
