/**
 * One drift finding, whatever produced it (a Model Monitor schedule, a pipeline's QualityCheck or
 * ClarifyCheck step, a team's own drift job writing Model Monitor's format): what was checked,
 * when, how it went, and what was violated, with the figures the report files give.
 */

export const MONITOR_TYPES = ["data-quality", "model-quality", "model-bias", "model-explainability"] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

/** What a violation is about, as the entry names it. */
export type ViolationSubject =
  | { kind: "feature"; name: string }
  | { kind: "metric"; name: string }
  | { kind: "facet"; facet: string; facetValue?: string; metric?: string }
  | { kind: "label"; label: string; metric?: string }
  /** An entry that fits no known shape: shown raw, counted, never discarding the others. */
  | { kind: "unrecognised"; raw: string };

/** Numbers a person can compare: baseline against current. */
export interface Figures {
  mean?: number;
  /** 0..1 */
  completeness?: number;
  /** For metric checks: the threshold and the value the run measured. */
  threshold?: number;
  value?: number;
  /** Distance the report measured against its threshold (baseline_drift_check). */
  distance?: number;
}

export interface FindingViolation {
  subject: ViolationSubject;
  /** `constraint_check_type` as written, documented or not (`baseline_drift_check`, ...). */
  checkType: string;
  description: string;
  baseline?: Figures;
  current?: Figures;
}

/** A numeric feature's distribution: histogram buckets as `statistics.json` gives them. */
export interface Distribution {
  feature: string;
  buckets: { lowerBound: number; upperBound: number; count: number }[];
}

export type FindingStatus = "violations" | "clean" | "failed" | "unreadable";

export type FindingSource =
  | { kind: "model-monitor"; schedule: string }
  | { kind: "pipeline"; pipeline: string; step: string }
  | { kind: "drift-job"; location: string };

export interface DriftFinding {
  endpoint: string;
  monitorType: MonitorType;
  source: FindingSource;
  /** Unique per run within its source (an execution's processing job, a step's run, a report prefix). */
  runId: string;
  /** When the run was scheduled or finished, ISO 8601. */
  runAt: string;
  status: FindingStatus;
  /** Failed runs: SageMaker's reason. Unreadable reports: why. */
  reason?: string;
  violations: FindingViolation[];
  /** How many features, metrics or facets the run checked, when the files say. */
  checkedCount?: number;
  /** Entries that fit no known shape (also present in `violations` as `unrecognised`). */
  unrecognisedCount: number;
  /** Baseline against current for the violated numeric features, where both statistics files carry distributions. */
  distributions: { baseline: Distribution; current: Distribution }[];
  /** The run's `constraint_violations.json`, when there is one. */
  reportUri?: string;
}
