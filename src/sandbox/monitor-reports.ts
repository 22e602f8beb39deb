/**
 * What a Model Monitor execution or a pipeline check step writes, per kind of analysis: the run's
 * files (constraint_violations.json, and statistics.json or Clarify's analysis.json), the baseline's
 * files, and why a run fails when it does. The shapes live in one module per analyzer.
 */
import { biasBaseline, biasRun, explainabilityBaseline, explainabilityRun } from "./monitor-clarify.js";
import { dataQualityBaselineStatistics, dataQualityConstraints, dataQualityRun } from "./monitor-data-quality.js";
import { modelQualityBaselineStatistics, modelQualityConstraints, modelQualityRun, type ProblemType } from "./monitor-model-quality.js";
import { reportJson } from "./report-json.js";

export const MONITORING_TYPES = ["DataQuality", "ModelQuality", "ModelBias", "ModelExplainability"] as const;
export type MonitoringType = (typeof MONITORING_TYPES)[number];

/** The analyses behind the four monitor types and the five check types of pipeline check steps. */
export type Analysis = "data-quality" | "model-quality" | "data-bias" | "model-bias" | "model-explainability";

export const ANALYSIS_OF_MONITORING_TYPE: Readonly<Record<MonitoringType, Analysis>> = {
  DataQuality: "data-quality",
  ModelQuality: "model-quality",
  ModelBias: "model-bias",
  ModelExplainability: "model-explainability",
};

export interface ReportFile {
  name: string;
  body: string;
}

export interface RunReport {
  violationCount: number;
  /** constraint_violations.json first, then the run's statistics.json or analysis.json. */
  files: ReportFile[];
}

export interface RunConditions {
  /** Makes the run's figures stable: the same seed always gives the same files. */
  seed: string;
  drifted: boolean;
  /** When the run analysed its data (simulated epoch ms). */
  at: number;
  problemType: ProblemType;
}

function violationsFile(violations: readonly unknown[]): ReportFile {
  return { name: "constraint_violations.json", body: reportJson({ violations }) };
}

export function runReport(analysis: Analysis, run: RunConditions): RunReport {
  const withViolations = (violations: readonly unknown[], file: ReportFile): RunReport => ({ violationCount: violations.length, files: [violationsFile(violations), file] });
  switch (analysis) {
    case "data-quality": {
      const { statistics, violations } = dataQualityRun(run.seed, run.drifted);
      return withViolations(violations, { name: "statistics.json", body: statistics });
    }
    case "model-quality": {
      const { statistics, violations } = modelQualityRun(run.seed, run.drifted, run.problemType, run.at);
      return withViolations(violations, { name: "statistics.json", body: statistics });
    }
    case "data-bias":
    case "model-bias": {
      const { analysis: body, violations } = biasRun(run.seed, run.drifted, analysis === "data-bias" ? "pre-training" : "post-training");
      return withViolations(violations, { name: "analysis.json", body });
    }
    case "model-explainability": {
      const { analysis: body, violations } = explainabilityRun(run.seed, run.drifted);
      return withViolations(violations, { name: "analysis.json", body });
    }
  }
}

/**
 * A baseline's files, as a baselining job suggests them: constraints.json and statistics.json for
 * Model Monitor's analyzers, analysis.json (which serves as the constraints) for Clarify's.
 */
export function baselineReport(analysis: Analysis, problemType: ProblemType, at: number): ReportFile[] {
  switch (analysis) {
    case "data-quality":
      return [
        { name: "constraints.json", body: dataQualityConstraints() },
        { name: "statistics.json", body: dataQualityBaselineStatistics() },
      ];
    case "model-quality":
      return [
        { name: "constraints.json", body: modelQualityConstraints(problemType) },
        { name: "statistics.json", body: modelQualityBaselineStatistics(problemType, at) },
      ];
    case "data-bias":
    case "model-bias":
      return [{ name: "analysis.json", body: biasBaseline(analysis === "data-bias" ? "pre-training" : "post-training") }];
    case "model-explainability":
      return [{ name: "analysis.json", body: explainabilityBaseline() }];
  }
}

/**
 * Why a run failed, in SageMaker's form ("ClientError: " and the cause). The causes are the ones
 * each analyzer commonly meets; the wording after the prefix is the sandbox's own.
 */
export function runFailureReason(analysis: Analysis, endpoint: string, at: number): string {
  const hour = new Date(at).toISOString();
  switch (analysis) {
    case "data-quality":
    case "data-bias":
      return `ClientError: Job inputs had no data: nothing was captured from endpoint ${endpoint} in the hour before ${hour}.`;
    case "model-quality":
    case "model-bias":
      return `ClientError: No ground truth labels matched the inferences captured from endpoint ${endpoint} in the hour before ${hour}; the merge of ground truth and captured data found 0 records.`;
    case "model-explainability":
      return `ClientError: Clarify could not compute SHAP values: the shadow endpoint for ${endpoint} did not answer within the analysis timeout.`;
  }
}
