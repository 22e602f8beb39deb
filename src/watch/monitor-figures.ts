/**
 * The numbers a person compares for each violation, baseline against current, from the files
 * around a Model Monitor run: the statistics of the baseline and of the run, the baseline
 * constraints, and the figures the violation's own description states. Where a description and a
 * file disagree, the description wins: it is what the check itself measured.
 */
import type { DriftFinding, Figures, FindingViolation } from "./finding.js";
import type { BaselineConstraints, RunStatistics } from "./monitor-baseline.js";
import { optional } from "./monitor-report.js";

export interface FigureSources {
  baselineStatistics?: RunStatistics;
  currentStatistics?: RunStatistics;
  constraints?: BaselineConstraints;
}

export interface FilledFigures {
  /** The violations given, in order, with `baseline` and `current` filled where the sources say. */
  violations: FindingViolation[];
  distributions: DriftFinding["distributions"];
  /** Features or metrics the run's statistics cover, when it has statistics. */
  checkedCount?: number;
}

/** Each violation's baseline and current figures, and the histograms of its violated numeric features. */
export function findingFigures(violations: readonly FindingViolation[], sources: FigureSources): FilledFigures {
  const filled = violations.map((violation) => withFigures(violation, figuresOf(violation, sources)));
  return { violations: filled, distributions: distributionPairs(violations, sources), ...optional("checkedCount", checkedCountOf(sources.currentStatistics)) };
}

interface Pair {
  baseline: Figures;
  current: Figures;
}

function figuresOf(violation: FindingViolation, sources: FigureSources): Pair {
  const { subject, description } = violation;
  switch (subject.kind) {
    case "feature":
      return featureFigures(subject.name, violation.checkType, description, sources);
    case "metric":
      return metricFigures(subject.name, description, sources);
    case "facet":
      return facetFigures(subject, description, sources.constraints);
    case "label":
      return { baseline: {}, current: attributionFigures(description) };
    case "unrecognised":
      return { baseline: {}, current: {} };
  }
}

function featureFigures(name: string, checkType: string, description: string, sources: FigureSources): Pair {
  const baseline = sources.baselineStatistics?.features.get(name);
  const current = sources.currentStatistics?.features.get(name);
  const constraint = sources.constraints?.features.get(name);
  const drift = driftOf(description);
  const threshold = drift.threshold ?? (checkType === "baseline_drift_check" ? driftThresholdFor(name, sources) : undefined);
  const completeness = (checkType === "completeness_check" ? completenessStated(description) : undefined) ?? current?.completeness;
  return {
    // The constraint's completeness is what the check compared against; the baseline statistics agree unless someone edited it.
    baseline: { ...optional("mean", baseline?.mean), ...optional("completeness", constraint?.completeness ?? baseline?.completeness) },
    current: { ...optional("mean", current?.mean), ...optional("completeness", completeness), ...optional("distance", drift.distance), ...optional("threshold", threshold) },
  };
}

/** String features are held to the categorical threshold, numeric ones to the numeric one. */
function driftThresholdFor(name: string, sources: FigureSources): number | undefined {
  const constraints = sources.constraints;
  if (!constraints) return undefined;
  const type = constraints.features.get(name)?.inferredType ?? sources.baselineStatistics?.features.get(name)?.inferredType;
  return type === "String" ? (constraints.categoricalDriftThreshold ?? constraints.driftThreshold) : constraints.driftThreshold;
}

function metricFigures(name: string, description: string, sources: FigureSources): Pair {
  const stated = metricComparisonOf(description);
  const baselineValue = sources.baselineStatistics?.metrics.get(name);
  const value = stated.value ?? sources.currentStatistics?.metrics.get(name);
  const threshold = stated.threshold ?? sources.constraints?.metricThresholds.get(name)?.threshold;
  return { baseline: optional("value", baselineValue), current: { ...optional("value", value), ...optional("threshold", threshold) } };
}

function facetFigures(subject: Extract<FindingViolation["subject"], { kind: "facet" }>, description: string, constraints: BaselineConstraints | undefined): Pair {
  const candidates = (constraints?.biasMetrics ?? []).filter((m) => m.facet === subject.facet && m.metric === subject.metric);
  const matching = subject.facetValue === undefined ? candidates : candidates.filter((m) => m.facetValue === undefined || m.facetValue === subject.facetValue);
  // Without a facet value to tell them apart, only a single candidate is certainly the one checked.
  const baselineValue = matching.length === 1 ? matching[0]?.value : undefined;
  return { baseline: optional("value", baselineValue), current: optional("value", firstNumberAfter(description, /\bvalue:?\s*/i)) };
}

/** "Feature attribution drift 0.76 exceeds threshold 0.9": the nDCG score and the score it should reach. */
function attributionFigures(description: string): Figures {
  return { ...optional("value", firstNumberAfter(description, /\bdrift:?\s*/i)), ...optional("threshold", firstNumberAfter(description, /\bthreshold:?\s*/i)) };
}

// ---------------------------------------------------------------------------------------------
// Figures stated in descriptions

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;

function firstNumberAfter(text: string, label: RegExp): number | undefined {
  const match = new RegExp(`${label.source}(${NUMBER})`, label.flags).exec(text);
  return numberOf(match?.[1]);
}

/** "Baseline drift distance: 0.34 exceeds threshold: 0.1", "Numerical distance: 0.27 exceeds numerical threshold: 0.1". */
function driftOf(description: string): { distance?: number; threshold?: number } {
  const distance = firstNumberAfter(description, /\bdistance:?\s*/i);
  if (distance === undefined) return {};
  return { distance, ...optional("threshold", firstNumberAfter(description, /\bthreshold:?\s*/i)) };
}

/**
 * The completeness a completeness check measured: "Value: 0.0 does not meet the constraint
 * requirement!" (a fraction, older containers) or "Observed: Only 87.5% of data is complete" (the
 * wording of the documented data-type check).
 */
function completenessStated(description: string): number | undefined {
  const percent = firstNumberAfter(description, /\bobserved:?\s*(?:only\s+)?/i);
  if (percent !== undefined && /%/.test(description)) return fraction(percent / 100);
  return fraction(firstNumberAfter(description, /\bvalue:?\s*/i));
}

function fraction(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 && value <= 1 ? value : undefined;
}

/** "Metric auc with 0.62 was LessThanThreshold 0.8". */
function metricComparisonOf(description: string): { value?: number; threshold?: number } {
  const match = new RegExp(String.raw`\bwith\s+(${NUMBER})\s+was\s+\S+\s+(${NUMBER})`, "i").exec(description);
  return { ...optional("value", numberOf(match?.[1])), ...optional("threshold", numberOf(match?.[2])) };
}

function numberOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Assembly

/** The violation with the figures that have anything in them; an empty side stays absent. */
function withFigures(violation: FindingViolation, pair: Pair): FindingViolation {
  const baseline = Object.keys(pair.baseline).length > 0 ? pair.baseline : violation.baseline;
  const current = Object.keys(pair.current).length > 0 ? pair.current : violation.current;
  return { ...violation, ...optional("baseline", baseline), ...optional("current", current) };
}

/** One pair per violated feature (however many checks it failed) whose baseline and run both carry a histogram. */
function distributionPairs(violations: readonly FindingViolation[], sources: FigureSources): DriftFinding["distributions"] {
  const names = new Set(violations.flatMap((v) => (v.subject.kind === "feature" ? [v.subject.name] : [])));
  const pairs: DriftFinding["distributions"] = [];
  for (const name of names) {
    const baseline = sources.baselineStatistics?.features.get(name)?.distribution;
    const current = sources.currentStatistics?.features.get(name)?.distribution;
    if (baseline && current) pairs.push({ baseline, current });
  }
  return pairs;
}

function checkedCountOf(statistics: RunStatistics | undefined): number | undefined {
  if (!statistics) return undefined;
  const count = statistics.features.size > 0 ? statistics.features.size : statistics.metrics.size;
  return count > 0 ? count : undefined;
}
