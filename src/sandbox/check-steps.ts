/**
 * Pipelines' QualityCheck and ClarifyCheck steps. A check runs a job (a processing job, from the
 * step's Arguments) that calculates a new baseline from the step's dataset and, unless SkipCheck,
 * checks the data against the baseline supplied, writing Model Monitor's or Clarify's files to the
 * job's output: constraint_violations.json, and statistics.json with constraints.json (QualityCheck)
 * or analysis.json (ClarifyCheck). The step's entry in ListPipelineExecutionSteps carries
 * SageMaker's QualityCheckStepMetadata / ClarifyCheckStepMetadata; `ViolationReport` is there when
 * violations were found, as the API reference says. Whether the data drifted is the pipeline's to
 * say (pipelines.ts).
 */
import { z } from "zod";
import { joinS3, parseS3Uri, type SandboxEnv } from "./env.js";
import { validationError } from "./errors.js";
import { problemTypeOf } from "./monitor-model-quality.js";
import { type Analysis, baselineReport, runReport } from "./monitor-reports.js";
import { compact } from "./operations.js";
import type { ProcessingJob } from "./processing.js";

export type CheckStepType = "QualityCheck" | "ClarifyCheck";

const ANALYSIS_OF_CHECK_TYPE: Readonly<Record<CheckStepType, Readonly<Record<string, Analysis>>>> = {
  QualityCheck: { DATA_QUALITY: "data-quality", MODEL_QUALITY: "model-quality" },
  ClarifyCheck: { DATA_BIAS: "data-bias", MODEL_BIAS: "model-bias", MODEL_EXPLAINABILITY: "model-explainability" },
};

/** A pipeline Boolean parameter arrives as text ("false"), a literal as a boolean. */
const flag = z.union([z.boolean(), z.enum(["true", "false", "True", "False"]).transform((text) => text.toLowerCase() === "true")]);
/** An empty text (a ParameterString's default of "") means none was given. */
const optionalUri = z
  .string()
  .optional()
  .transform((text) => (text === undefined || text.trim() === "" ? undefined : text));

const CheckFieldsSchema = z.looseObject({
  CheckType: z.string(),
  SkipCheck: flag.optional(),
  RegisterNewBaseline: flag.optional(),
  FailOnViolation: flag.optional(),
  ModelPackageGroupName: z.string().optional(),
  SuppliedBaselineStatistics: optionalUri,
  SuppliedBaselineConstraints: optionalUri,
});

interface CheckSettings {
  stepType: CheckStepType;
  checkType: string;
  analysis: Analysis;
  skipCheck: boolean;
  registerNewBaseline: boolean;
  failOnViolation: boolean;
  modelPackageGroupName?: string;
  suppliedStatistics?: string;
  suppliedConstraints?: string;
}

export interface CheckOutcome {
  metadata: Record<string, unknown>;
  /** What later steps may `Get` from this one (Steps.<name>.CalculatedBaselineConstraints, ...). */
  outputs: Record<string, unknown>;
  failureReason?: string;
}

export class CheckStep {
  private readonly settings: CheckSettings;

  /** The step's check fields, resolved; throws SageMaker's ValidationException for a step it would refuse. */
  constructor(
    private readonly env: SandboxEnv,
    stepType: CheckStepType,
    resolvedStep: unknown,
    /** Makes the check's figures stable, and whether its data drifted from the baseline. */
    private readonly run: { seed: string; drifted: boolean },
  ) {
    const parsed = CheckFieldsSchema.safeParse(resolvedStep);
    if (!parsed.success) throw validationError(`Invalid ${stepType} step: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? ""}`.trim());
    const fields = parsed.data;
    const known = ANALYSIS_OF_CHECK_TYPE[stepType];
    const analysis = known[fields.CheckType];
    if (analysis === undefined) throw validationError(`Invalid ${stepType} step: CheckType ${fields.CheckType} is not one of ${Object.keys(known).join(", ")}.`);
    this.settings = {
      stepType,
      checkType: fields.CheckType,
      analysis,
      skipCheck: fields.SkipCheck ?? false,
      registerNewBaseline: fields.RegisterNewBaseline ?? false,
      // The SageMaker Python SDK writes FailOnViolation: true unless told otherwise.
      failOnViolation: fields.FailOnViolation ?? true,
      modelPackageGroupName: fields.ModelPackageGroupName,
      suppliedStatistics: fields.SuppliedBaselineStatistics,
      suppliedConstraints: fields.SuppliedBaselineConstraints,
    };
    const missing = this.missingBaseline();
    if (missing) throw validationError(missing);
  }

  /** A check against a baseline needs one that exists; the sandbox does not read a model package group's DriftCheckBaselines. */
  private missingBaseline(): string | undefined {
    const { skipCheck, suppliedConstraints, stepType } = this.settings;
    if (skipCheck) return undefined;
    if (suppliedConstraints === undefined) return `ClientError: SkipCheck is false, so the ${stepType} step needs a baseline to check against: set SuppliedBaselineConstraints.`;
    const target = parseS3Uri(suppliedConstraints);
    if (!target || !this.env.s3.get(target.bucket, target.key)) return `ClientError: The baseline constraints ${suppliedConstraints} do not exist.`;
    return undefined;
  }

  private calculated(outputUri: string): { constraints: string; statistics?: string } {
    return this.settings.stepType === "QualityCheck" ? { constraints: joinS3(outputUri, "constraints.json"), statistics: joinS3(outputUri, "statistics.json") } : { constraints: joinS3(outputUri, "analysis.json") };
  }

  /** The step's metadata: while its job runs, and (with `finished`) once its files are written. */
  metadata(job: ProcessingJob, finished?: { violationReport?: string }): Record<string, unknown> {
    const s = this.settings;
    const outputUri = job.outputs[0]?.S3Output.S3Uri;
    const calculated = finished && outputUri ? this.calculated(outputUri) : undefined;
    const usedConstraints = s.registerNewBaseline ? calculated?.constraints : s.suppliedConstraints;
    const usedStatistics = s.registerNewBaseline ? calculated?.statistics : s.suppliedStatistics;
    const common = compact({
      CheckType: s.checkType,
      BaselineUsedForDriftCheckConstraints: usedConstraints,
      CalculatedBaselineConstraints: calculated?.constraints,
      ModelPackageGroupName: s.modelPackageGroupName,
      ViolationReport: finished?.violationReport,
      CheckJobArn: job.arn,
      SkipCheck: s.skipCheck,
      RegisterNewBaseline: s.registerNewBaseline,
    });
    if (s.stepType === "ClarifyCheck") return { ClarifyCheck: common };
    return { QualityCheck: compact({ ...common, BaselineUsedForDriftCheckStatistics: usedStatistics, CalculatedBaselineStatistics: calculated?.statistics }) };
  }

  /** Writes the check job's files at `at` (its job having completed) and says how the step ended. */
  finish(job: ProcessingJob, at: number): CheckOutcome {
    const s = this.settings;
    const outputUri = job.outputs[0]?.S3Output.S3Uri;
    const target = outputUri ? parseS3Uri(outputUri) : undefined;
    if (!outputUri || !target) return { metadata: this.metadata(job), outputs: {}, failureReason: `ClientError: The ${s.stepType} step's job has no ProcessingOutputConfig output to write its reports to.` };
    const problemType = problemTypeOf(job.environment);
    const report = runReport(s.analysis, { seed: this.run.seed, drifted: !s.skipCheck && this.run.drifted, at, problemType });
    // The new baseline is what this data suggests; statistics.json is the run's own (the same file serves both).
    const suggested = baselineReport(s.analysis, problemType, at).filter((file) => file.name === "constraints.json");
    const files = [...report.files.filter((file) => !s.skipCheck || file.name !== "constraint_violations.json"), ...suggested];
    for (const file of files) this.env.s3.put(target.bucket, joinS3(target.key, file.name), file.body, { contentType: "application/json", at });

    const violationReport = !s.skipCheck && report.violationCount > 0 ? joinS3(outputUri, "constraint_violations.json") : undefined;
    const calculated = this.calculated(outputUri);
    const outputs = compact({
      CalculatedBaselineConstraints: calculated.constraints,
      CalculatedBaselineStatistics: calculated.statistics,
      BaselineUsedForDriftCheckConstraints: s.registerNewBaseline ? calculated.constraints : s.suppliedConstraints,
      BaselineUsedForDriftCheckStatistics: s.registerNewBaseline ? calculated.statistics : s.suppliedStatistics,
    });
    const failed = violationReport !== undefined && s.failOnViolation;
    const kind = s.stepType === "QualityCheck" ? "Quality" : "Clarify";
    return {
      metadata: this.metadata(job, { violationReport }),
      outputs,
      ...(failed ? { failureReason: `ClientError: ${kind} check ${s.checkType} found ${report.violationCount} violation(s) of the baseline constraints and FailOnViolation is true; see ${violationReport}.` } : {}),
    };
  }
}
