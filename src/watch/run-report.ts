/**
 * A finished run's files read into its finding: the violations report, the run's statistics and
 * the baseline's statistics and constraints. Only the violations report is required; the others
 * add figures and distributions where they exist. A report that cannot be read makes the finding
 * `unreadable`, with why, so a person hears of it rather than of nothing.
 */
import type { ObjectReader } from "../kernel/sagemaker-port.js";
import type { DriftFinding } from "./finding.js";
import { parseConstraints, parseStatistics } from "./monitor-baseline.js";
import { findingFigures } from "./monitor-figures.js";
import { parseConstraintViolations, REPORT_TEXT_LIMIT } from "./monitor-report.js";

export interface RunFiles {
  /** The run's output folder: its constraint_violations.json and statistics.json are here. */
  outputUri: string;
  baselineConstraintsUri?: string;
  baselineStatisticsUri?: string;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A file's text, or undefined when it is missing, too large or unreachable: the optional files only add figures. */
async function optionalText(objects: ObjectReader, uri: string | undefined): Promise<string | undefined> {
  if (!uri) return undefined;
  try {
    const read = await objects.readText(uri, REPORT_TEXT_LIMIT);
    return read.kind === "text" ? read.text : undefined;
  } catch {
    return undefined;
  }
}

export async function readRunReport(objects: ObjectReader, base: DriftFinding, files: RunFiles): Promise<DriftFinding> {
  const folder = files.outputUri.replace(/\/+$/, "");
  const reportUri = `${folder}/constraint_violations.json`;
  const unreadable = (reason: string): DriftFinding => ({ ...base, status: "unreadable", reason, reportUri });
  let read: Awaited<ReturnType<ObjectReader["readText"]>>;
  try {
    read = await objects.readText(reportUri, REPORT_TEXT_LIMIT);
  } catch (error) {
    return unreadable(`S3 did not return ${reportUri}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (read.kind === "missing") return unreadable(`There is no ${reportUri}.`);
  if (read.kind === "too-large") return unreadable(`${reportUri} is ${megabytes(read.bytes)}, over the ${megabytes(REPORT_TEXT_LIMIT)} sageops reads.`);
  const parsed = parseConstraintViolations(read.text);
  if (!parsed.ok) return unreadable(`${reportUri}: ${parsed.problem.what}`);
  const report = parsed.value;
  const [currentText, baselineText, constraintsText] = await Promise.all([
    optionalText(objects, `${folder}/statistics.json`),
    optionalText(objects, files.baselineStatisticsUri),
    optionalText(objects, files.baselineConstraintsUri),
  ]);
  const currentStatistics = currentText === undefined ? undefined : valueOrNothing(parseStatistics(currentText));
  const baselineStatistics = baselineText === undefined ? undefined : valueOrNothing(parseStatistics(baselineText));
  const constraints = constraintsText === undefined ? undefined : valueOrNothing(parseConstraints(constraintsText));
  const figures = findingFigures(report.violations, { currentStatistics, baselineStatistics, constraints });
  const omitted = report.omittedCount > 0 ? `${report.omittedCount} more entries past the first ${report.violations.length} were counted but not read.` : undefined;
  if (report.violations.length === 0) {
    // SageMaker said this run found violations; an empty report is not a clean bill of health.
    if (base.source.kind === "model-monitor") return unreadable(`The run completed with violations, but ${reportUri} lists none.`);
    return { ...base, status: "clean", reportUri, ...(figures.checkedCount !== undefined ? { checkedCount: figures.checkedCount } : {}) };
  }
  return {
    ...base,
    status: "violations",
    violations: figures.violations,
    unrecognisedCount: report.unrecognisedCount,
    distributions: figures.distributions,
    reportUri,
    ...(figures.checkedCount !== undefined ? { checkedCount: figures.checkedCount } : {}),
    ...(omitted ? { reason: omitted } : {}),
  };
}

/** An optional file's parsed value; a file that does not parse only means fewer figures. */
function valueOrNothing<T>(result: { ok: true; value: T } | { ok: false }): T | undefined {
  return result.ok ? result.value : undefined;
}
