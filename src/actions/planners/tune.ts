import { formatDuration } from "../../guard/duration.js";
import type { HyperparameterRange } from "../../guard/policy.js";
import type { RequestParams } from "../../interpret/schema.js";
import type { Problem } from "../../kernel/result.js";
import type { ParameterRanges } from "../../kernel/sagemaker-port.js";
import { decide, invalid, type PlanningContext, type PlanningResult, timestampedName } from "../planning.js";
import { describeImage, formatHyperparameters, resolveTraining, trainingGuardInput, trainingSetup } from "./train.js";

/** Tuning job names are limited to 32 characters. */
const TUNING_NAME_MAX = 32;

/** `eta=0.01..0.3` in a tune request overrides that hyperparameter's range. */
function rangeOverrides(extra: Record<string, string>): { ranges: Record<string, HyperparameterRange>; statics: Record<string, string> } | Problem {
  const ranges: Record<string, HyperparameterRange> = {};
  const statics: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra)) {
    const range = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$/.exec(value);
    if (!range) {
      statics[name] = value;
      continue;
    }
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (!(min < max)) return { what: `The range \`${name}=${value}\` is empty.`, fix: "Write it low..high, e.g. `eta=0.01..0.3`." };
    ranges[name] = Number.isInteger(min) && Number.isInteger(max) && !value.includes(".") ? { type: "integer", min, max, scaling: "Auto" } : { type: "continuous", min, max, scaling: "Auto" };
  }
  return { ranges, statics };
}

function toSageMakerRanges(ranges: Record<string, HyperparameterRange>): ParameterRanges {
  const out: Required<ParameterRanges> = { ContinuousParameterRanges: [], IntegerParameterRanges: [], CategoricalParameterRanges: [] };
  for (const [name, range] of Object.entries(ranges)) {
    if (range.type === "continuous") out.ContinuousParameterRanges.push({ Name: name, MinValue: String(range.min), MaxValue: String(range.max), ScalingType: range.scaling });
    else if (range.type === "integer") out.IntegerParameterRanges.push({ Name: name, MinValue: String(range.min), MaxValue: String(range.max), ScalingType: range.scaling });
    else out.CategoricalParameterRanges.push({ Name: name, Values: range.values });
  }
  return out;
}

function describeRanges(ranges: Record<string, HyperparameterRange>): string {
  return Object.entries(ranges)
    .map(([name, range]) => (range.type === "categorical" ? `${name} ∈ {${range.values.join(", ")}}` : `${name} ${range.min}..${range.max}`))
    .join(", ");
}

/** `/sageops tune <recipe> trials=N parallel=M [name=min..max ...]` */
export function planTuning(params: RequestParams, extra: Record<string, string>, context: PlanningContext): PlanningResult {
  const overrides = rangeOverrides(extra);
  if ("what" in overrides) return invalid(overrides);
  const resolved = resolveTraining(params, overrides.statics, context, "/sageops tune churn-xgb", "tune");
  if (!resolved.ok) return invalid(resolved.problem);
  const r = resolved.value;
  const tuning = r.recipe.tuning;
  if (!tuning) return invalid({ what: `Recipe ${r.recipeName} has no tuning settings (objective and ranges).`, fix: "An admin can add a `tuning:` section to the recipe in the policy file." });
  const ranges = { ...tuning.ranges, ...overrides.ranges };
  if (Object.keys(ranges).length === 0) return invalid({ what: "There is nothing to tune: no hyperparameter ranges.", fix: "Give a range such as `eta=0.01..0.3`." });
  const trials = params.trials ?? tuning.maxTrainingJobs;
  // Asked for explicitly, parallel is checked as given (SageMaker refuses more than trials); the recipe's default fits any trials.
  const parallel = params.parallel ?? Math.min(tuning.maxParallelJobs, trials);
  const statics = Object.fromEntries(Object.entries(r.hyperparameters).filter(([name]) => !(name in ranges)));
  const planId = context.newPlanId();
  const jobName = timestampedName(r.recipeName, context.now, planId, TUNING_NAME_MAX);

  return decide(
    context,
    { action: "tune", ...trainingGuardInput(r, statics), tuningJobs: trials, tuning: { trials, parallel, ranges } },
    {
      id: planId,
      kind: "tune",
      title: `Tune ${r.recipeName}`,
      resourceName: jobName,
      track: { type: "tuning-job", name: jobName },
      details: [
        { label: "Tuning job", value: jobName },
        { label: "Recipe", value: r.recipeName },
        { label: "Image", value: describeImage(r) },
        { label: "Objective", value: `${tuning.objective.type} ${tuning.objective.metric} (${tuning.strategy})` },
        { label: "Trials", value: `${trials}, ${parallel} at a time` },
        { label: "Ranges", value: describeRanges(ranges) },
        { label: "Each trial", value: `${r.instanceCount} × ${r.instanceType}, at most ${formatDuration(r.maxRuntimeSeconds)}` },
        { label: "Fixed hyperparameters", value: formatHyperparameters(statics) },
      ],
      steps: (permit) => [
        {
          operation: "CreateHyperParameterTuningJob",
          request: {
            HyperParameterTuningJobName: jobName,
            HyperParameterTuningJobConfig: {
              Strategy: tuning.strategy,
              HyperParameterTuningJobObjective: { Type: tuning.objective.type, MetricName: tuning.objective.metric },
              ResourceLimits: { MaxNumberOfTrainingJobs: trials, MaxParallelTrainingJobs: parallel },
              ParameterRanges: toSageMakerRanges(ranges),
            },
            TrainingJobDefinition: { ...trainingSetup(r, permit.executionRoleArn), StaticHyperParameters: statics },
            Tags: [
              { Key: "sageops:requester", Value: context.requester.userId },
              { Key: "sageops:recipe", Value: r.recipeName },
              { Key: "sageops:environment", Value: r.environment },
            ],
          },
        },
      ],
    },
  );
}
