/**
 * A drift alert as a channel reads it: which endpoint and monitor, when, how much was violated,
 * the worst violations in plain words with their figures, links to the report and the schedule,
 * and the buttons to act on it. Long reports stay within Slack's limits: the message shows the
 * worst few and says how many more the View report modal holds, a page at a time.
 */

import { monitoringScheduleUrl, s3ConsoleUrl } from "../../watch/console-links.js";
import type { DriftAlertRecord } from "../../watch/drift-store.js";
import type { DriftFinding, Figures, FindingViolation, MonitorType } from "../../watch/finding.js";
import { checkMeaning } from "../../watch/monitor-report.js";
import { actions, button, context, escapeMrkdwn, fitLines, header, type KnownBlock, type Rendered, section, slackTime, truncate } from "./kit.js";

export const DRIFT_BUTTONS = { report: "drift_report", retrain: "drift_retrain", acknowledge: "drift_acknowledge", mute: "drift_mute", page: "drift_report_page" } as const;

/** The longest report text quoted in one line. */
const DESCRIPTION_MAX = 400;
/** Violations the alert message itself lists; the modal holds the rest. */
const ALERT_VIOLATIONS = 5;
/** Violations on one page of the View report modal (each is one section; a modal holds 100 blocks). */
export const REPORT_PAGE_SIZE = 40;

/** Each monitor type as a sentence names it: "data quality". */
export const MONITOR_NAMES: Readonly<Record<MonitorType, string>> = {
  "data-quality": "data quality",
  "model-quality": "model quality",
  "model-bias": "model bias",
  "model-explainability": "model explainability",
};

export interface AlertContext {
  /** The endpoint's environment, when the policy or its tag says. */
  environment?: string;
  region: string;
  /** Whether the policy links a recipe or pipeline to this endpoint (Retrain then plans it). */
  retrain?: string;
  muted?: { by: string; until: string };
}


function number(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(1) : value.toFixed(2);
}

function change(label: string, baseline: number | undefined, current: number | undefined, format: (n: number) => string = number): string | undefined {
  if (baseline === undefined && current === undefined) return undefined;
  if (baseline === undefined) return `${label} ${format(current ?? 0)}`;
  if (current === undefined) return `${label} was ${format(baseline)}`;
  return `${label} ${format(baseline)} → ${format(current)}`;
}

/** The figures a violation carries, as "mean 41.2 → 57.9, completeness 1.00 → 0.83". */
export function describeFigures(baseline: Figures | undefined, current: Figures | undefined): string {
  const parts = [
    change("mean", baseline?.mean, current?.mean),
    // Completeness that did not move says nothing about this violation.
    baseline?.completeness !== undefined && baseline.completeness === current?.completeness ? undefined : change("completeness", baseline?.completeness, current?.completeness, (n) => n.toFixed(2)),
    current?.distance !== undefined ? `distance ${number(current.distance)}${(current.threshold ?? baseline?.threshold) !== undefined ? ` over threshold ${number(current.threshold ?? baseline?.threshold ?? 0)}` : ""}` : undefined,
    current?.distance === undefined && current?.value !== undefined ? `value ${number(current.value)}${(current.threshold ?? baseline?.threshold) !== undefined ? ` against threshold ${number(current.threshold ?? baseline?.threshold ?? 0)}` : ""}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.join(", ");
}

function subjectName(violation: FindingViolation): string {
  const s = violation.subject;
  switch (s.kind) {
    case "feature":
    case "metric":
      return s.name;
    case "facet":
      return `${s.facet}${s.facetValue !== undefined ? `=${s.facetValue}` : ""}${s.metric ? ` (${s.metric})` : ""}`;
    case "label":
      return `${s.label}${s.metric ? ` (${s.metric})` : ""}`;
    case "unrecognised":
      return "unrecognised entry";
  }
}

/** One violation in a line: subject, what the check means, its id, the figures, then the report's own words. */
export function violationLine(violation: FindingViolation): string {
  if (violation.subject.kind === "unrecognised") return `• _unrecognised entry, shown as written:_ \`${escapeMrkdwn(truncate(violation.subject.raw, DESCRIPTION_MAX))}\``;
  const figures = describeFigures(violation.baseline, violation.current);
  // A report's own words can be long; a line stays readable, and whole in the modal's section.
  const detail = figures ? `: ${escapeMrkdwn(figures)}` : violation.description ? `: ${escapeMrkdwn(truncate(violation.description, DESCRIPTION_MAX))}` : "";
  return `• *${escapeMrkdwn(subjectName(violation))}*: ${escapeMrkdwn(checkMeaning(violation.checkType))} (\`${escapeMrkdwn(violation.checkType)}\`)${detail}`;
}

function kindOfSubjects(finding: DriftFinding): string {
  const kinds = new Set(finding.violations.map((v) => v.subject.kind));
  if (kinds.size === 1 && kinds.has("feature")) return "features";
  if (kinds.size === 1 && kinds.has("metric")) return "metrics";
  if (kinds.size === 1 && kinds.has("facet")) return "facets";
  if (kinds.size === 1 && kinds.has("label")) return "labels";
  return "checks";
}

function headline(finding: DriftFinding): string {
  const monitor = MONITOR_NAMES[finding.monitorType];
  if (finding.status === "failed") return `Monitoring failed: ${finding.endpoint} (${monitor})`;
  if (finding.status === "unreadable") return `Drift report unreadable: ${finding.endpoint} (${monitor})`;
  return `Drift on ${finding.endpoint}: ${monitor}`;
}

function sourceWords(finding: DriftFinding): string {
  const source = finding.source;
  if (source.kind === "model-monitor") return `Model Monitor schedule \`${escapeMrkdwn(source.schedule)}\``;
  if (source.kind === "pipeline") return `pipeline \`${escapeMrkdwn(source.pipeline)}\`, step \`${escapeMrkdwn(source.step)}\``;
  return `drift job reports under \`${escapeMrkdwn(source.location)}\``;
}

function summary(finding: DriftFinding): string {
  if (finding.status === "failed") return `:x: The run failed, so it says nothing about drift: ${escapeMrkdwn(finding.reason ?? "no reason given")}`;
  if (finding.status === "unreadable") return `:warning: The run found violations, but its report could not be read: ${escapeMrkdwn(finding.reason ?? "no reason given")}`;
  const violated = new Set(finding.violations.map(subjectName)).size;
  const of = finding.checkedCount !== undefined ? ` of ${finding.checkedCount}` : "";
  const odd = finding.unrecognisedCount > 0 ? ` (${finding.unrecognisedCount} entr${finding.unrecognisedCount === 1 ? "y" : "ies"} in a shape sageops does not know, shown as written)` : "";
  return `:rotating_light: *${violated}${of} ${kindOfSubjects(finding)} violated* (${finding.violations.length} violation${finding.violations.length === 1 ? "" : "s"})${odd}.`;
}

function links(finding: DriftFinding, region: string): string[] {
  const out: string[] = [];
  const report = finding.reportUri ? s3ConsoleUrl(finding.reportUri, region) : undefined;
  if (report) out.push(`<${report}|Report in S3>`);
  if (finding.source.kind === "model-monitor") out.push(`<${monitoringScheduleUrl(finding.endpoint, region)}|Schedule in the AWS console>`);
  return out;
}

/** How far past its threshold a violation went: drifted distance first, then measured values, then the rest. */
function severity(violation: FindingViolation): number {
  const current = violation.current;
  if (current?.distance !== undefined) return 2 + current.distance - (current.threshold ?? violation.baseline?.threshold ?? 0);
  if (violation.baseline?.completeness !== undefined && current?.completeness !== undefined) return 1 + violation.baseline.completeness - current.completeness;
  return 0;
}

/** The violations, worst first (a stable sort keeps the report's own order among equals). */
export function worstFirst(violations: readonly FindingViolation[]): FindingViolation[] {
  return [...violations].sort((a, b) => severity(b) - severity(a));
}

/** The alert message: at most about a dozen blocks whatever the report's size. */
export function renderDriftAlert(alert: DriftAlertRecord, ctx: AlertContext): Rendered {
  const { finding } = alert;
  const blocks: KnownBlock[] = [header(headline(finding))];
  const where = [ctx.environment ? `*${escapeMrkdwn(ctx.environment)}*` : undefined, sourceWords(finding), `run of ${slackTime(finding.runAt)}`].filter((part): part is string => part !== undefined);
  blocks.push(context(where.join(" · ")));
  blocks.push(section(summary(finding)));
  if (finding.status === "violations" && finding.violations.length > 0) {
    const worst = worstFirst(finding.violations).slice(0, ALERT_VIOLATIONS).map(violationLine);
    const more = finding.violations.length - worst.length;
    blocks.push(section(fitLines(`${worst.join("\n")}${more > 0 ? `\n…and ${more} more: *View report* lists them all.` : ""}`, 3000)));
  }
  if (finding.distributions.length === 0 && finding.status === "violations") blocks.push(context("No chart: the statistics files carry no distributions for the violated features."));
  const linkLine = links(finding, ctx.region);
  if (linkLine.length > 0) blocks.push(context(linkLine.join(" · ")));
  const notes: string[] = [];
  if (alert.runs > 1) notes.push(`Seen in ${alert.runs} runs since ${slackTime(alert.firstAt)}; latest ${slackTime(alert.lastAt)}.`);
  if (alert.acknowledgedBy && alert.acknowledgedAt) notes.push(`:eyes: Acknowledged by <@${alert.acknowledgedBy}> ${slackTime(alert.acknowledgedAt)}.`);
  if (ctx.muted) notes.push(`:mute: Muted by <@${ctx.muted.by}> until ${slackTime(ctx.muted.until)}.`);
  if (!alert.open && alert.messageTs) notes.push(":white_check_mark: Back to normal since a later run.");
  if (notes.length > 0) blocks.push(context(...notes));
  const value = String(alert.id);
  const buttons = [button({ text: "View report", actionId: DRIFT_BUTTONS.report, value })];
  if (finding.status === "violations") buttons.push(button({ text: ctx.retrain ? `Retrain (${ctx.retrain})` : "Retrain", actionId: DRIFT_BUTTONS.retrain, value, style: "primary" }));
  if (!alert.acknowledgedBy) buttons.push(button({ text: "Acknowledge", actionId: DRIFT_BUTTONS.acknowledge, value }));
  if (!ctx.muted) buttons.push(button({ text: "Mute 24h", actionId: DRIFT_BUTTONS.mute, value }));
  blocks.push(actions(`drift:${alert.id}`, buttons));
  const text = `${headline(finding)}: ${finding.status === "violations" ? `${finding.violations.length} violation(s)` : (finding.reason ?? finding.status)}`;
  return { text, blocks };
}

/** The thread reply for a repeat: the run, and that the alert above now counts it. */
export function renderDriftRepeat(alert: DriftAlertRecord): Rendered {
  const text = `The same ${MONITOR_NAMES[alert.finding.monitorType]} violations again in the run of ${alert.finding.runAt} (${alert.runs} runs so far).`;
  return { text, blocks: [section(`:repeat: The same violations again in the run of ${slackTime(alert.finding.runAt)}: ${alert.runs} runs so far.`)] };
}

export function renderBackToNormal(alert: DriftAlertRecord, finding: DriftFinding): Rendered {
  const text = `${finding.endpoint}: the ${MONITOR_NAMES[finding.monitorType]} run of ${finding.runAt} found no violations: back to normal.`;
  return { text, blocks: [section(`:white_check_mark: Back to normal: the run of ${slackTime(finding.runAt)} found no violations.`)] };
}

/**
 * Every violation of an alert, a page at a time: a modal holds 100 blocks, so a 600-violation
 * report is shown in pages with Previous and Next.
 */
export function renderDriftReport(alert: DriftAlertRecord, page: number): { title: string; blocks: KnownBlock[]; pages: number } {
  const { finding } = alert;
  const pages = Math.max(1, Math.ceil(finding.violations.length / REPORT_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const slice = finding.violations.slice(current * REPORT_PAGE_SIZE, (current + 1) * REPORT_PAGE_SIZE);
  const blocks: KnownBlock[] = [section(`${summary(finding)}\n${sourceWords(finding)} · run of ${slackTime(finding.runAt)}`)];
  if (slice.length === 0) blocks.push(section(finding.reason ? escapeMrkdwn(finding.reason) : "No violations to list."));
  for (const violation of slice) blocks.push(section(violationLine(violation)));
  if (pages > 1) {
    blocks.push(context(`Page ${current + 1} of ${pages} (${finding.violations.length} violations).`));
    const nav = [];
    if (current > 0) nav.push(button({ text: "Previous", actionId: DRIFT_BUTTONS.page, value: `${alert.id}:${current - 1}` }));
    if (current < pages - 1) nav.push(button({ text: "Next", actionId: DRIFT_BUTTONS.page, value: `${alert.id}:${current + 1}` }));
    blocks.push(actions("drift-report-pages", nav));
  }
  return { title: `Drift: ${finding.endpoint}`, blocks, pages };
}

/** Subscriptions, a line each, paged by Slack's limits: at most 40 lines in one message, the rest counted. */
export function renderSubscriptions(lines: readonly { endpoint: string; channel: string; by?: string }[], here: string, options: { onlyHere?: boolean } = {}): Rendered {
  if (lines.length === 0) {
    const text = options.onlyHere
      ? "This channel gets no drift alerts. `/sageops drift subscribe <endpoint>` subscribes it; `/sageops drift <endpoint>` shows an endpoint's latest findings."
      : "No channel gets drift alerts yet. `/sageops drift subscribe <endpoint> [#channel]` subscribes one.";
    return { text, blocks: [section(text)] };
  }
  const shown = lines.slice(0, 40).map((l) => `• \`${escapeMrkdwn(l.endpoint)}\` → <#${l.channel}>${l.channel === here ? " (here)" : ""}${l.by ? ` (by <@${l.by}>)` : " (from the policy)"}`);
  const more = lines.length - shown.length;
  const text = `${options.onlyHere ? "Drift alerts in this channel" : "Drift alert subscriptions"}:\n${shown.join("\n")}${more > 0 ? `\n…and ${more} more.` : ""}`;
  return { text, blocks: [section(fitLines(text, 3000))] };
}
