import type { DriftReport } from "../../watch/drift.js";
import type { DriftFinding } from "../../watch/finding.js";
import { MONITOR_NAMES, violationLine, worstFirst } from "./drift-alert.js";
import { context, escapeMrkdwn, fitLines, header, type KnownBlock, type Rendered, section } from "./kit.js";

/** Violations listed per monitor in an on-demand answer; the rest are counted. */
const LISTED = 8;

function when(date: Date | undefined): string {
  return date ? `${date.toISOString().replace("T", " ").slice(0, 16)} UTC` : "time unknown";
}

/** "Data quality": a monitor's name at the start of a line. */
function monitorTitle(type: DriftFinding["monitorType"]): string {
  const name = MONITOR_NAMES[type];
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

function findingSection(finding: DriftFinding): string {
  const title = `*${monitorTitle(finding.monitorType)}*, run of ${when(new Date(finding.runAt))}`;
  if (finding.status === "clean") return `:white_check_mark: ${title}: no violations.`;
  if (finding.status === "failed") return `:x: ${title}: the run failed (${escapeMrkdwn(finding.reason ?? "no reason given")}), so it says nothing about drift.`;
  if (finding.status === "unreadable") return `:warning: ${title}: violations, but the report could not be read: ${escapeMrkdwn(finding.reason ?? "no reason given")}`;
  const lines = worstFirst(finding.violations).slice(0, LISTED).map(violationLine);
  const more = finding.violations.length - lines.length;
  return fitLines(`:rotating_light: ${title}: *${finding.violations.length} violation(s)*\n${lines.join("\n")}${more > 0 ? `\n…and ${more} more in the report.` : ""}`, 3000);
}

/** Model Monitor findings on demand: each monitor's newest run, what it found, and the recent runs. */
export function renderDrift(report: DriftReport): Rendered {
  const blocks: KnownBlock[] = [header(`Model Monitor: ${report.endpoint}`)];
  for (const finding of report.findings) blocks.push(section(findingSection(finding)));
  if (report.findings.length === 0) blocks.push(section("No run has finished yet."));
  blocks.push(section(`*Recent runs*\n${report.executions.map((e) => `• ${when(e.scheduledAt)}: ${e.status}${e.failureReason ? ` (${escapeMrkdwn(e.failureReason)})` : ""} — ${escapeMrkdwn(e.schedule)}`).join("\n")}`));
  const reports = report.findings.flatMap((f) => (f.reportUri ? [f.reportUri] : []));
  if (reports.length > 0) blocks.push(context(`Reports: ${reports.map(escapeMrkdwn).join(", ")}`));
  const violating = report.findings.filter((f) => f.status === "violations");
  const text =
    violating.length > 0
      ? `${report.endpoint}: ${violating.map((f) => `${MONITOR_NAMES[f.monitorType]} ${f.violations.length} violation(s)`).join(", ")}`
      : `${report.endpoint}: no violations in the newest Model Monitor runs`;
  return { text, blocks };
}
