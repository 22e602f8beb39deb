import { resolveBuiltinImage } from "../../catalog/algorithms.js";
import type { ImageRef } from "../../guard/checks.js";
import { formatDuration } from "../../guard/duration.js";
import type { Recipe } from "../../guard/policy.js";
import { findRecipe } from "../../guard/recipes.js";
import type { RequestParams } from "../../interpret/schema.js";
import type { Result } from "../../kernel/result.js";
import type { TrainingChannel, TrainingSetup } from "../../kernel/sagemaker-port.js";
import { decide, invalid, MAX_CHOICES, type PlanningContext, type PlanningResult, timestampedName } from "../planning.js";

/** What a training or tuning request resolves to once its recipe and overrides are applied. */
interface ResolvedTraining {
  recipeName: string;
  recipe: Recipe;
  environment: string;
  region: string;
  image: ImageRef;
  imageUri: string;
  channels: TrainingChannel[];
  outputUri: string;
  instanceType: string;
  instanceCount: number;
  maxRuntimeSeconds: number;
  hyperparameters: Record<string, string>;
  /** The hyperparameter names the request itself set (not the recipe). */
  requestedHyperparameters: string[];
}

/** Applies a request's overrides to its recipe; shared by training and tuning. */
export function resolveTraining(params: RequestParams, extra: Record<string, string>, context: PlanningContext, example: string, verb: "train" | "tune" = "train"): Result<ResolvedTraining> {
  const known = Object.keys(context.policy.recipes);
  if (!params.recipe) {
    const fix = known.length > 0 ? `For example \`${example}\`. Recipes: ${known.map((r) => `\`${r}\``).join(", ")}.` : "The policy defines no recipes yet; an admin can add one to the policy file.";
    // The rest of the request stays as asked: only the recipe is filled in.
    const rest = params.environment ? ` env=${params.environment}` : "";
    const choices = known.slice(0, MAX_CHOICES).map((recipe) => ({ label: `${verb === "train" ? "Train" : "Tune"} ${recipe}`, text: `${verb} ${recipe}${rest}` }));
    return { ok: false, problem: { what: "Which recipe should I use?", fix, choices } };
  }
  const found = findRecipe(context.policy, params.recipe, example);
  if (!found.ok) return found;
  const recipe = found.value.recipe;
  const environment = params.environment ?? recipe.environment;
  const region = context.policy.environments[environment]?.region ?? context.region;

  let image: ImageRef;
  let imageUri: string;
  if (recipe.algorithm) {
    const resolved = resolveBuiltinImage(recipe.algorithm.name, recipe.algorithm.version, region);
    if (!resolved.ok) return { ok: false, problem: { what: resolved.error.message } };
    image = { kind: "builtin", algorithm: recipe.algorithm.name, version: recipe.algorithm.version };
    imageUri = resolved.uri;
  } else if (recipe.image) {
    image = { kind: "custom", uri: recipe.image };
    imageUri = recipe.image;
  } else {
    return { ok: false, problem: { what: `Recipe ${found.value.name} names neither an algorithm nor an image.`, fix: "An admin can fix the recipe in the policy file." } };
  }

  const channels: TrainingChannel[] = Object.entries(recipe.data).map(([name, channel]) => ({
    ChannelName: name,
    DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: name === "train" && params.data ? params.data : channel.uri, S3DataDistributionType: "FullyReplicated" } },
    ...(channel.contentType ? { ContentType: channel.contentType } : {}),
  }));
  if (params.data && !recipe.data["train"]) {
    channels.unshift({ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: params.data, S3DataDistributionType: "FullyReplicated" } } });
  }
  const outputUri = params.output ?? recipe.output ?? context.policy.environments[environment]?.outputPrefix ?? "";

  return {
    ok: true,
    value: {
      recipeName: found.value.name,
      recipe,
      environment,
      region,
      image,
      imageUri,
      channels,
      outputUri,
      instanceType: params.instanceType ?? recipe.instanceType,
      instanceCount: params.instanceCount ?? recipe.instanceCount,
      maxRuntimeSeconds: params.maxRuntimeSeconds ?? recipe.maxRuntime,
      hyperparameters: { ...recipe.hyperparameters, ...params.hyperparameters, ...extra },
      requestedHyperparameters: [...new Set([...Object.keys(params.hyperparameters ?? {}), ...Object.keys(extra)])],
    },
  };
}

/** The SageMaker side of a training set-up, as a training job and a tuning job's trials take it. */
export function trainingSetup(r: ResolvedTraining, roleArn: string): TrainingSetup {
  return {
    AlgorithmSpecification: { TrainingImage: r.imageUri, TrainingInputMode: "File" },
    RoleArn: roleArn,
    InputDataConfig: r.channels,
    OutputDataConfig: { S3OutputPath: r.outputUri },
    ResourceConfig: { InstanceType: r.instanceType, InstanceCount: r.instanceCount, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: r.maxRuntimeSeconds },
  };
}

/** What the guard checks of a training set-up; tuning adds its number of jobs and its ranges. */
export function trainingGuardInput(r: ResolvedTraining, hyperparameters: Record<string, string> = r.hyperparameters) {
  return {
    environment: r.environment,
    hyperparameters: { values: hyperparameters, requested: r.requestedHyperparameters, ...(r.recipe.tuning ? { recipeRanges: r.recipe.tuning.ranges } : {}) },
    image: r.image,
    inputUris: r.channels.map((c) => c.DataSource.S3DataSource.S3Uri),
    outputUri: r.outputUri,
    instanceType: r.instanceType,
    instanceCount: r.instanceCount,
    maxRuntimeSeconds: r.maxRuntimeSeconds,
  };
}

export function describeImage(resolved: ResolvedTraining): string {
  return resolved.image.kind === "builtin" ? `${resolved.image.algorithm} ${resolved.image.version} (built-in)` : resolved.imageUri;
}

export function formatHyperparameters(hyperparameters: Record<string, string>): string {
  const entries = Object.entries(hyperparameters);
  return entries.length === 0 ? "(none)" : entries.map(([k, v]) => `${k}=${v}`).join(", ");
}

/** `/train <recipe> [data=...] [instance=...] [count=N] [max-runtime=2h] [env=dev] [name=value ...]` */
export function planTraining(params: RequestParams, extra: Record<string, string>, context: PlanningContext): PlanningResult {
  const resolved = resolveTraining(params, extra, context, "/train churn-xgb");
  if (!resolved.ok) return invalid(resolved.problem);
  const r = resolved.value;
  const planId = context.newPlanId();
  const jobName = timestampedName(r.recipeName, context.now, planId);
  return decide(
    context,
    { action: "train", ...trainingGuardInput(r) },
    {
      id: planId,
      kind: "train",
      title: `Train ${r.recipeName}`,
      resourceName: jobName,
      track: { type: "training-job", name: jobName },
      details: [
        { label: "Training job", value: jobName },
        { label: "Recipe", value: r.recipeName },
        { label: "Image", value: describeImage(r) },
        { label: "Data", value: r.channels.map((c) => `${c.ChannelName}: ${c.DataSource.S3DataSource.S3Uri}`).join("\n") },
        { label: "Instances", value: `${r.instanceCount} × ${r.instanceType}` },
        { label: "Max runtime", value: formatDuration(r.maxRuntimeSeconds) },
        { label: "Hyperparameters", value: formatHyperparameters(r.hyperparameters) },
        { label: "Output", value: r.outputUri },
      ],
      steps: (permit) => [
        {
          operation: "CreateTrainingJob",
          request: {
            TrainingJobName: jobName,
            ...trainingSetup(r, permit.executionRoleArn),
            HyperParameters: r.hyperparameters,
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
