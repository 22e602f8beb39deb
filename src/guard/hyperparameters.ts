/**
 * Hyperparameters and pipeline parameters as SageMaker will take them, and as the policy allows.
 * A plan is only offered if SageMaker would accept its request, and framework keys that make a
 * container download and run other code (sagemaker_program, sagemaker_submit_directory...) are
 * refused unless an environment allows them by name.
 */
import { codePointLabel, INVISIBLE_OR_CONTROL } from "../kernel/text.js";
import { nameMatches } from "./matchers.js";
import type { EnvironmentPolicy, HyperparameterRange } from "./policy-schema.js";
import { type Refusal, refuse } from "./refusal.js";

/** SageMaker's limits on CreateTrainingJob's HyperParameters and a tuning job's StaticHyperParameters. */
const HYPERPARAMETER_LIMITS = { count: 100, nameLength: 256, valueLength: 2500 } as const;
/** SageMaker's limits on a tuning job's ParameterRanges. */
const TUNING_LIMITS = { ranges: 30, categoricalValues: 30 } as const;
/** SageMaker's limits on StartPipelineExecution's PipelineParameters. */
const PIPELINE_PARAMETER_LIMITS = { count: 200, nameLength: 256, valueLength: 1024 } as const;
const PIPELINE_PARAMETER_NAME = /^[A-Za-z0-9\-_]*$/;

/** Keys the SageMaker framework containers read as instructions to fetch and run code. */
const RESERVED_HYPERPARAMETER = "sagemaker_*";


/** Names that every JavaScript object answers to; never a hyperparameter anybody means. */
const OBJECT_BUILTINS = new Set(["__proto__", "prototype", ...Object.getOwnPropertyNames(Object.prototype)]);

export function isObjectBuiltinName(name: string): boolean {
  return OBJECT_BUILTINS.has(name);
}

function describeCodePoints(text: string): string {
  return [...text]
    .filter((char) => INVISIBLE_OR_CONTROL.test(char))
    .map(codePointLabel)
    .filter((code, index, all) => all.indexOf(code) === index)
    .join(", ");
}

function shown(name: string): string {
  return name.length > 40 ? `\`${name.slice(0, 40)}…\`` : `\`${name}\``;
}

function listed(names: readonly string[], max = 5): string {
  const head = names.slice(0, max).map(shown).join(", ");
  return names.length > max ? `${head} and ${names.length - max} more` : head;
}

export interface HyperparameterFacts {
  /** Every static hyperparameter the request would send. */
  values: Readonly<Record<string, string>>;
  /** The names the request itself set (the recipe's own are the admins' and pass the name rules). */
  requested: readonly string[];
  /** The recipe's tuning ranges: numeric bounds for those names. */
  recipeRanges?: Readonly<Record<string, HyperparameterRange>>;
}

export interface TuningFacts {
  trials: number;
  parallel: number;
  ranges: Readonly<Record<string, HyperparameterRange>>;
}

/** SageMaker's limits, then the environment's allowed and denied names, then the recipe's numeric ranges. */
export function checkHyperparameters(env: EnvironmentPolicy, where: string, facts: HyperparameterFacts): Refusal[] {
  const refusals: Refusal[] = [];
  const entries = Object.entries(facts.values);
  if (entries.length > HYPERPARAMETER_LIMITS.count)
    refusals.push(refuse("what.hyperparameters", `${entries.length} hyperparameters given; SageMaker takes at most ${HYPERPARAMETER_LIMITS.count}.`));
  const longNames = entries.filter(([name]) => name.length === 0 || name.length > HYPERPARAMETER_LIMITS.nameLength).map(([name]) => name);
  if (longNames.length > 0) refusals.push(refuse("what.hyperparameters", `Hyperparameter names must be 1 to ${HYPERPARAMETER_LIMITS.nameLength} characters: ${listed(longNames)}.`));
  const longValues = entries.filter(([, value]) => value.length > HYPERPARAMETER_LIMITS.valueLength);
  if (longValues.length > 0)
    refusals.push(
      refuse(
        "what.hyperparameters",
        `${longValues.map(([name, value]) => `${shown(name)} is ${value.length} characters long`).slice(0, 5).join(", ")}; SageMaker takes values of at most ${HYPERPARAMETER_LIMITS.valueLength}.`,
      ),
    );
  const hidden = entries.filter(([name, value]) => INVISIBLE_OR_CONTROL.test(name) || INVISIBLE_OR_CONTROL.test(value));
  if (hidden.length > 0)
    refusals.push(
      refuse(
        "what.hyperparameters",
        `${listed(hidden.map(([name]) => name.replace(INVISIBLE_OR_CONTROL, "?")))} ${hidden.length === 1 ? "contains" : "contain"} invisible or control characters (${describeCodePoints(hidden.map(([n, v]) => n + v).join(""))}), so the plan would not read as what runs. Type the value again without them.`,
      ),
    );
  const builtins = facts.requested.filter(isObjectBuiltinName);
  if (builtins.length > 0) refusals.push(refuse("what.hyperparameters", `${listed(builtins)} is not a hyperparameter name I know; check the spelling.`));

  const rules = env.hyperparameters;
  const allowedByName = (name: string): boolean => (rules.allow ?? []).some((pattern) => nameMatches(name, pattern));
  const reserved = facts.requested.filter((name) => nameMatches(name.toLowerCase(), RESERVED_HYPERPARAMETER) && !allowedByName(name));
  if (reserved.length > 0)
    refusals.push(
      refuse(
        "what.hyperparameters",
        `${listed(reserved)} ${reserved.length === 1 ? "is a framework key" : "are framework keys"} that would make SageMaker's container fetch and run other code; ${where} does not allow ${reserved.length === 1 ? "it" : "them"}. Use a recipe whose image an admin allowed.`,
      ),
    );
  const denied = facts.requested.filter((name) => !reserved.includes(name) && rules.deny.some((pattern) => nameMatches(name, pattern)));
  if (denied.length > 0) refusals.push(refuse("what.hyperparameters", `${where} does not allow setting ${listed(denied)}.`, rules.deny));
  if (rules.allow) {
    const outside = facts.requested.filter((name) => !reserved.includes(name) && !denied.includes(name) && !builtins.includes(name) && !allowedByName(name));
    if (outside.length > 0) refusals.push(refuse("what.hyperparameters", `${where} allows setting only ${rules.allow.map(shown).join(", ")}; not ${listed(outside)}.`, rules.allow));
  }

  for (const name of facts.requested) {
    const range = facts.recipeRanges?.[name];
    const value = facts.values[name];
    if (!range || value === undefined || !Object.hasOwn(facts.values, name)) continue;
    const problem = outsideRange(value, range);
    if (problem) refusals.push(refuse("what.hyperparameter-range", `${shown(name)}=${value.slice(0, 40)}: ${problem}`, [describeRange(range)]));
  }
  return refusals;
}

/** Trials at a time within trials and the environment; ranges within SageMaker's counts and the recipe's bounds. */
export function checkTuning(env: EnvironmentPolicy, where: string, tuning: TuningFacts, recipeRanges: Readonly<Record<string, HyperparameterRange>> | undefined): Refusal[] {
  const refusals: Refusal[] = [];
  if (tuning.parallel > tuning.trials)
    refusals.push(refuse("how-much.parallel-trials", `${tuning.parallel} trials at a time is more than the ${tuning.trials} trial${tuning.trials === 1 ? "" : "s"} asked for; SageMaker refuses that. Ask for parallel=${tuning.trials} or fewer.`, [String(tuning.trials)]));
  if (tuning.parallel > env.maxParallelTrials)
    refusals.push(refuse("how-much.parallel-trials", `${tuning.parallel} trials at a time asked; ${where} allows at most ${env.maxParallelTrials}.`, [String(env.maxParallelTrials)]));
  const ranges = Object.entries(tuning.ranges);
  if (ranges.length > TUNING_LIMITS.ranges) refusals.push(refuse("what.hyperparameter-range", `${ranges.length} hyperparameters to tune; SageMaker searches at most ${TUNING_LIMITS.ranges}.`));
  for (const [name, range] of ranges) {
    if (range.type === "categorical" && range.values.length > TUNING_LIMITS.categoricalValues)
      refusals.push(refuse("what.hyperparameter-range", `${shown(name)} has ${range.values.length} values to try; SageMaker takes at most ${TUNING_LIMITS.categoricalValues}.`));
    const bound = recipeRanges?.[name];
    if (!bound || bound === range || range.type === "categorical" || bound.type === "categorical") continue;
    if (range.min < bound.min || range.max > bound.max)
      refusals.push(refuse("what.hyperparameter-range", `The range ${shown(name)}=${range.min}..${range.max} goes outside the recipe's ${describeRange(bound)}.`, [describeRange(bound)]));
  }
  return refusals;
}

/** PipelineParameters as SageMaker takes them: count, name pattern and lengths. */
export function checkPipelineParameters(parameters: Readonly<Record<string, string>>): Refusal[] {
  const refusals: Refusal[] = [];
  const entries = Object.entries(parameters);
  if (entries.length > PIPELINE_PARAMETER_LIMITS.count) refusals.push(refuse("what.pipeline-parameters", `${entries.length} pipeline parameters given; SageMaker takes at most ${PIPELINE_PARAMETER_LIMITS.count}.`));
  const badNames = entries.filter(([name]) => name.length === 0 || name.length > PIPELINE_PARAMETER_LIMITS.nameLength || !PIPELINE_PARAMETER_NAME.test(name) || isObjectBuiltinName(name)).map(([name]) => name);
  if (badNames.length > 0)
    refusals.push(refuse("what.pipeline-parameters", `${listed(badNames)}: pipeline parameter names use letters, digits, - and _ (at most ${PIPELINE_PARAMETER_LIMITS.nameLength}), and must be parameters the pipeline declares.`));
  const longValues = entries.filter(([, value]) => value.length > PIPELINE_PARAMETER_LIMITS.valueLength).map(([name]) => name);
  if (longValues.length > 0) refusals.push(refuse("what.pipeline-parameters", `${listed(longValues)}: pipeline parameter values are at most ${PIPELINE_PARAMETER_LIMITS.valueLength} characters.`));
  const hidden = entries.filter(([name, value]) => INVISIBLE_OR_CONTROL.test(name) || INVISIBLE_OR_CONTROL.test(value)).map(([name]) => name);
  if (hidden.length > 0) refusals.push(refuse("what.pipeline-parameters", `${listed(hidden.map((name) => name.replace(INVISIBLE_OR_CONTROL, "?")))}: invisible or control characters in a parameter, so the plan would not read as what runs.`));
  return refusals;
}

function describeRange(range: HyperparameterRange): string {
  return range.type === "categorical" ? `one of ${range.values.join(", ")}` : `${range.type === "integer" ? "a whole number" : "a number"} from ${range.min} to ${range.max}`;
}

function outsideRange(value: string, range: HyperparameterRange): string | undefined {
  if (range.type === "categorical") return range.values.includes(value) ? undefined : `the recipe allows ${describeRange(range)}.`;
  const number = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number) || (range.type === "integer" && !Number.isInteger(number)) || number < range.min || number > range.max) return `the recipe allows ${describeRange(range)}.`;
  return undefined;
}
