/**
 * Reading the `constraint_violations.json` that Amazon SageMaker Model Monitor writes, for all four
 * monitor types, into the violations of a `DriftFinding` (finding.ts); what a check type means in
 * plain words; which monitor type a report belongs to.
 *
 * Entry shapes, as AWS documents them (developer guide pages named in
 * test/fixtures/model-monitor/README.md):
 * - data quality: `{ feature_name, constraint_check_type, description }`;
 * - model quality: `{ metric_name, constraint_check_type, description }`, the check type being the
 *   comparison operator (`LessThanThreshold`, ...);
 * - model bias (Clarify): `{ facet, facet_value, metric_name, constraint_check_type, description }`;
 * - model explainability (Clarify): `{ label, metric_name, constraint_check_type, description }`.
 *
 * Reading is lenient per entry: one entry that fits none of these is kept raw and counted, and never
 * costs the others. Only a file that is not a violations report at all is unreadable.
 */
import { z } from "zod";
import { ownValue } from "../kernel/lookup.js";
import { fail, ok, type Result } from "../kernel/result.js";
import type { FindingViolation, MonitorType, ViolationSubject } from "./finding.js";

/**
 * The most text a report file may hold (5 MiB of characters). A larger file is unreadable ("too
 * large") rather than parsed: Model Monitor's own reports are far smaller, and parsing an unbounded
 * file in the bot's process would stall every other conversation.
 */
export const REPORT_TEXT_LIMIT = 5 * 1024 * 1024;

/**
 * The most violation entries read from one report. The rest are not read but counted
 * (`omittedCount`), and the result carries a note saying so: a person sees the first ten thousand and
 * the true total, which is more use than "unreadable".
 */
export const VIOLATION_ENTRY_LIMIT = 10_000;

/** How much of an unrecognised entry is kept, as compact JSON. */
export const RAW_ENTRY_LIMIT = 300;

/** A description longer than this is cut: it is shown to people, not parsed further than its figures. */
const DESCRIPTION_LIMIT = 1_000;

export interface ViolationsReport {
  /** Entries in file order, unrecognised ones included (as `{ kind: "unrecognised", raw }`). */
  violations: FindingViolation[];
  unrecognisedCount: number;
  /** How many entries the file holds. */
  entryCount: number;
  /** Entries past `VIOLATION_ENTRY_LIMIT`, counted but not read. */
  omittedCount: number;
}

// ---------------------------------------------------------------------------------------------
// The file as a whole

/** A report file's text as JSON, or why it cannot be: too large, empty, not JSON. */
function readReportJson(text: string, file: string): Result<unknown> {
  if (text.length > REPORT_TEXT_LIMIT) {
    return fail({
      what: `\`${file}\` is too large to read: sageops reads reports up to ${megabytes(REPORT_TEXT_LIMIT)} MB, and this one is ${megabytes(text.length)} MB.`,
      fix: "Open the file in S3 to read it whole.",
    });
  }
  // S3 objects written by some tools start with a byte-order mark, which JSON.parse refuses.
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") return fail({ what: `\`${file}\` is empty.`, fix: "The run may not have finished writing it; look again after the next run." });
  try {
    return ok(JSON.parse(body) as unknown);
  } catch (error) {
    const reason = error instanceof Error ? cut(error.message, 120) : "it does not parse";
    return fail({ what: `\`${file}\` is not JSON (${reason}).`, fix: "Check that the path points at the report itself and not at another file." });
  }
}

/** "a list", "a number", ...: what a JSON value is, for telling a person why a file is not a report. */
export function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "a number";
  return "true or false";
}

/**
 * A report file read as JSON and checked against the top level of its format: the JSON and what the
 * schema made of it, or why not (`notThisFile` says, for a person, what the file is instead).
 */
export function readReportFile<S extends z.ZodType>(text: string, file: string, schema: S, notThisFile: (json: unknown) => string, fix: string): Result<{ json: unknown; top: z.infer<S> }> {
  const json = readReportJson(text, file);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return fail({ what: `\`${file}\` is JSON but ${notThisFile(json.value)}.`, fix });
  return ok({ json: json.value, top: parsed.data });
}

const ViolationsFile = z.object({ violations: z.array(z.unknown()) });

/** The violations of a `constraint_violations.json`, or why the file is not one. */
export function parseConstraintViolations(text: string): Result<ViolationsReport> {
  const fix = "Model Monitor writes `{ \"violations\": [...] }`; check that the path is the run's report.";
  const read = readReportFile(text, "constraint_violations.json", ViolationsFile, (json) => `not a violations report: ${notViolationsReason(json)}`, fix);
  if (!read.ok) return read;

  const entries = read.value.top.violations;
  const kept = entries.slice(0, VIOLATION_ENTRY_LIMIT);
  const violations = kept.map(violationOf);
  const report: ViolationsReport = {
    violations,
    unrecognisedCount: violations.filter((v) => v.subject.kind === "unrecognised").length,
    entryCount: entries.length,
    omittedCount: entries.length - kept.length,
  };
  if (report.omittedCount === 0) return ok(report);
  return ok(report, `The report lists ${entries.length.toLocaleString("en-US")} violations; these are the first ${kept.length.toLocaleString("en-US")}.`);
}

function notViolationsReason(value: unknown): string {
  if (!isRecord(value)) return `the file holds ${jsonKind(value)}, not an object`;
  if (!Object.hasOwn(value, "violations")) return "it has no `violations` list";
  return `its \`violations\` is ${jsonKind(value["violations"])}, not a list`;
}

// ---------------------------------------------------------------------------------------------
// One entry

/** A name as an entry gives it: text, or a number (Clarify's facet `name_or_index` may be an index). */
const subjectText = z.union([z.string(), z.number()]).transform(String).refine((name) => name.trim() !== "");
const optionalSubjectText = subjectText.optional().catch(undefined);

const entryCommon = {
  constraint_check_type: z.string().refine((check) => check.trim() !== ""),
  // A missing or odd description costs the entry nothing: the subject and check carry the finding.
  description: z.string().optional().catch(undefined),
};

const FacetEntry = z.object({ facet: subjectText, facet_value: optionalSubjectText, metric_name: optionalSubjectText, ...entryCommon });
const LabelEntry = z.object({ label: subjectText, metric_name: optionalSubjectText, ...entryCommon });
const FeatureEntry = z.object({ feature_name: subjectText, ...entryCommon });
const MetricEntry = z.object({ metric_name: subjectText, ...entryCommon });

/**
 * The shape an entry claims by the subject key it carries, most specific first: Clarify's entries
 * carry `metric_name` too, so `facet` and `label` decide before it, and a data-quality entry's
 * `feature_name` before a stray `metric_name`. An entry is judged against the one shape it claims.
 */
const ENTRY_SHAPES: readonly { key: string; read: (entry: unknown) => FindingViolation | undefined }[] = [
  { key: "facet", read: (entry) => fromParse(FacetEntry.safeParse(entry), facetSubject) },
  { key: "label", read: (entry) => fromParse(LabelEntry.safeParse(entry), (e) => ({ kind: "label", label: e.label, ...optional("metric", e.metric_name) })) },
  { key: "feature_name", read: (entry) => fromParse(FeatureEntry.safeParse(entry), (e) => ({ kind: "feature", name: e.feature_name })) },
  { key: "metric_name", read: (entry) => fromParse(MetricEntry.safeParse(entry), (e) => ({ kind: "metric", name: e.metric_name })) },
];

function facetSubject(entry: z.infer<typeof FacetEntry>): ViolationSubject {
  return { kind: "facet", facet: entry.facet, ...optional("facetValue", entry.facet_value), ...optional("metric", entry.metric_name) };
}

function fromParse<T extends { constraint_check_type: string; description?: string | undefined }>(
  result: { success: true; data: T } | { success: false },
  subjectOf: (entry: T) => ViolationSubject,
): FindingViolation | undefined {
  if (!result.success) return undefined;
  return { subject: subjectOf(result.data), checkType: result.data.constraint_check_type, description: cut(result.data.description ?? "", DESCRIPTION_LIMIT) };
}

function violationOf(entry: unknown): FindingViolation {
  const shape = isRecord(entry) ? ENTRY_SHAPES.find((s) => Object.hasOwn(entry, s.key)) : undefined;
  const read = shape?.read(entry);
  if (read) return read;
  return { subject: { kind: "unrecognised", raw: rawOf(entry) }, checkType: checkTypeOf(entry), description: "" };
}

/** An unrecognised entry's check type, when it names one, so it is still shown for what it is. */
function checkTypeOf(entry: unknown): string {
  if (!isRecord(entry)) return "unrecognised";
  const check = entry["constraint_check_type"];
  return typeof check === "string" && check.trim() !== "" ? cut(check, 100) : "unrecognised";
}

function rawOf(entry: unknown): string {
  return cut(JSON.stringify(entry) ?? String(entry), RAW_ENTRY_LIMIT);
}

// ---------------------------------------------------------------------------------------------
// Plain words

/** Keyed by the lower-cased check id, so `LessThanThreshold` and `lessthanthreshold` read alike. */
const CHECK_MEANINGS: Readonly<Record<string, string>> = {
  baseline_drift_check: "distribution drifted",
  completeness_check: "values missing",
  data_type_check: "wrong data type",
  missing_column_check: "column missing",
  extra_column_check: "unexpected column",
  categorical_values_check: "unknown category values",
  bias_drift_check: "bias drifted",
  feature_attribution_drift_check: "feature importance drifted",
  lessthanthreshold: "fell below its threshold",
  lessthanorequaltothreshold: "fell to or below its threshold",
  greaterthanthreshold: "rose above its threshold",
  greaterthanorequaltothreshold: "rose to or above its threshold",
};

/** What a `constraint_check_type` means, in words a person reads: "distribution drifted". */
export function checkMeaning(checkType: string): string {
  const id = checkType.trim();
  const meaning = ownValue(CHECK_MEANINGS, id.toLowerCase());
  if (meaning !== undefined) return meaning;
  return id === "" ? "a check failed" : `check ${cut(id, 100)} failed`;
}

// ---------------------------------------------------------------------------------------------
// Monitor type

/** SageMaker's `MonitoringType` values, without case or separators ("DataQuality", "DATA_QUALITY"). */
const MONITORING_TYPES: Readonly<Record<string, MonitorType>> = {
  dataquality: "data-quality",
  modelquality: "model-quality",
  modelbias: "model-bias",
  modelexplainability: "model-explainability",
};

const TYPE_BY_SUBJECT: Readonly<Record<Exclude<ViolationSubject["kind"], "unrecognised">, MonitorType>> = {
  feature: "data-quality",
  metric: "model-quality",
  facet: "model-bias",
  label: "model-explainability",
};

/**
 * The monitor type of a run: SageMaker's `MonitoringType` when given and known, else the type most
 * of the report's entries belong to, else undefined, so the caller chooses the fallback (a schedule
 * without a `MonitoringType`, from the original data-quality-only API, is data quality).
 */
export function monitorTypeOf(monitoringType: string | undefined, violations: readonly FindingViolation[] = []): MonitorType | undefined {
  const given = monitoringType === undefined ? undefined : ownValue(MONITORING_TYPES, monitoringType.replace(/[^a-z]/gi, "").toLowerCase());
  return given ?? typeFromEntries(violations);
}

function typeFromEntries(violations: readonly FindingViolation[]): MonitorType | undefined {
  const votes = new Map<MonitorType, number>();
  for (const violation of violations) {
    const type = violation.subject.kind === "unrecognised" ? undefined : TYPE_BY_SUBJECT[violation.subject.kind];
    if (type) votes.set(type, (votes.get(type) ?? 0) + 1);
  }
  let best: MonitorType | undefined;
  for (const [type, count] of votes) if (best === undefined || count > (votes.get(best) ?? 0)) best = type;
  return best;
}

// ---------------------------------------------------------------------------------------------
// Small helpers the report readers share

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `{ [key]: value }` when the value is there, else nothing: keeps optional fields absent, not undefined. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Text cut to at most `limit` characters, at a code point (never half a surrogate pair), marked with "…". */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Rounded up to a tenth, so a file just over the limit never reads as the limit itself. */
function megabytes(characters: number): string {
  return (Math.ceil((characters / (1024 * 1024)) * 10) / 10).toString();
}
