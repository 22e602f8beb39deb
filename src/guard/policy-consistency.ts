import { describeEstimate, estimateJobCost, formatUsd, knownInstanceTypes, lookupPrice, PRICES_AS_OF, suggestInstanceType } from "./cost.js";
import { formatDuration } from "./duration.js";
import { describeAllowedImages, endpointOwners, type ImageRef, imageAllowed, uriWithin, uriWithinAny } from "./matchers.js";
import { ACTION_KINDS, ANYONE, type Policy, type Recipe } from "./policy-schema.js";
import { closestMatch } from "./suggest.js";

/** A problem found across fields, at a path in the file. */
export interface RawProblem {
  path: PropertyKey[];
  message: string;
}

function roleProblems(policy: Policy): RawProblem[] {
  const problems: RawProblem[] = [];
  const roleNames = Object.keys(policy.roles);
  const unknownRole = (role: string): string => {
    const suggestion = closestMatch(role, roleNames);
    return `role "${role}" is not defined under roles${suggestion ? `; did you mean ${suggestion}?` : ""} (roles: ${roleNames.join(", ") || "none"})`;
  };
  for (const [envName, env] of Object.entries(policy.environments)) {
    for (const action of ACTION_KINDS) {
      env.actions[action].forEach((role, index) => {
        if (!policy.roles[role]) problems.push({ path: ["environments", envName, "actions", action, index], message: unknownRole(role) });
      });
    }
    const approval = env.approval;
    if (!approval) continue;
    const approvers = policy.roles[approval.role];
    if (!approvers) {
      problems.push({ path: ["environments", envName, "approval", "role"], message: unknownRole(approval.role) });
      continue;
    }
    // Members of user groups and "*" cannot be counted here; only named users can.
    const countable = approvers.groups.length === 0 && !approvers.users.includes(ANYONE);
    if (countable && approval.required > approvers.users.length)
      problems.push({
        path: ["environments", envName, "approval", "required"],
        message: `needs ${approval.required} approvals but role "${approval.role}" has only ${approvers.users.length} ${approvers.users.length === 1 ? "person" : "people"}, so no plan could ever be approved`,
      });
  }
  return problems;
}

function priceProblems(policy: Policy): RawProblem[] {
  const problems: RawProblem[] = [];
  for (const [envName, env] of Object.entries(policy.environments)) {
    env.instanceTypes.forEach((instanceType, index) => {
      if (lookupPrice(instanceType, "us-east-1", policy.instancePrices).ok) return;
      const suggestion = suggestInstanceType(instanceType, [], policy.instancePrices);
      problems.push({
        path: ["environments", envName, "instanceTypes", index],
        message: `${instanceType} is not in sageops's price table (prices of ${PRICES_AS_OF})${suggestion ? `; did you mean ${suggestion}?` : ""} If it is real, give its hourly price under instancePrices, or the guard cannot estimate its cost and will refuse it`,
      });
    });
  }
  return problems;
}

function recipeImage(recipe: Recipe): ImageRef | undefined {
  if (recipe.algorithm) return { kind: "builtin", algorithm: recipe.algorithm.name, version: recipe.algorithm.version };
  if (recipe.image) return { kind: "custom", uri: recipe.image };
  return undefined;
}

function tuningProblems(name: string, recipe: Recipe): RawProblem[] {
  const tuning = recipe.tuning;
  if (!tuning) return [];
  const at = (...rest: PropertyKey[]): PropertyKey[] => ["recipes", name, "tuning", ...rest];
  const problems: RawProblem[] = [];
  if (tuning.maxParallelJobs > tuning.maxTrainingJobs)
    problems.push({ path: at("maxParallelJobs"), message: `is more than maxTrainingJobs (${tuning.maxTrainingJobs})` });
  for (const [param, range] of Object.entries(tuning.ranges)) {
    if (recipe.hyperparameters[param] !== undefined)
      problems.push({ path: at("ranges", param), message: `${param} is both a fixed hyperparameter and a tuned range; SageMaker refuses that, keep one` });
    if (range.type === "categorical") continue;
    if (range.min >= range.max) problems.push({ path: at("ranges", param, "min"), message: `must be less than max (${range.max})` });
    if (range.scaling === "Logarithmic" && range.min <= 0) problems.push({ path: at("ranges", param, "scaling"), message: "Logarithmic scaling needs min above 0" });
    if (range.scaling === "ReverseLogarithmic" && (range.min < 0 || range.max >= 1))
      problems.push({ path: at("ranges", param, "scaling"), message: "ReverseLogarithmic scaling needs 0 <= min and max < 1" });
  }
  return problems;
}

/** A recipe as written must pass its own environment's rules, or `/train NAME` could never run. */
function recipeProblems(policy: Policy): RawProblem[] {
  const problems: RawProblem[] = [];
  const envNames = Object.keys(policy.environments);
  for (const [name, recipe] of Object.entries(policy.recipes)) {
    const at = (...rest: PropertyKey[]): PropertyKey[] => ["recipes", name, ...rest];
    if ((recipe.algorithm === undefined) === (recipe.image === undefined))
      problems.push({ path: at(), message: "needs exactly one of algorithm (a built-in algorithm) or image (a container image URI)" });
    problems.push(...tuningProblems(name, recipe));
    const env = policy.environments[recipe.environment];
    if (!env) {
      const suggestion = closestMatch(recipe.environment, envNames);
      problems.push({
        path: at("environment"),
        message: `environment "${recipe.environment}" is not defined${suggestion ? `; did you mean ${suggestion}?` : ""} (environments: ${envNames.join(", ")})`,
      });
      continue;
    }
    const where = `environment ${recipe.environment}`;
    const image = recipeImage(recipe);
    if (image && !imageAllowed(env, image))
      problems.push({
        path: at(recipe.algorithm ? "algorithm" : "image"),
        message: `is not allowed in ${where}; allowed: ${describeAllowedImages(env).join(", ") || "none"}`,
      });
    if (!env.instanceTypes.includes(recipe.instanceType))
      problems.push({ path: at("instanceType"), message: `${recipe.instanceType} is not allowed in ${where}; allowed: ${env.instanceTypes.join(", ")}` });
    if (recipe.instanceCount > env.maxInstanceCount)
      problems.push({ path: at("instanceCount"), message: `is more than ${where} allows (${env.maxInstanceCount})` });
    if (recipe.maxRuntime > env.maxRuntime)
      problems.push({ path: at("maxRuntime"), message: `${formatDuration(recipe.maxRuntime)} is longer than ${where} allows (${formatDuration(env.maxRuntime)})` });
    for (const [channel, data] of Object.entries(recipe.data)) {
      if (!uriWithinAny(data.uri, env.inputPrefixes))
        problems.push({ path: at("data", channel, "uri"), message: `is outside the input prefixes of ${where}: ${env.inputPrefixes.join(", ")}` });
    }
    if (recipe.output && !uriWithin(recipe.output, env.outputPrefix))
      problems.push({ path: at("output"), message: `is outside the output prefix of ${where}: ${env.outputPrefix}` });
    const jobs = recipe.tuning?.maxTrainingJobs ?? 1;
    const cost = estimateJobCost({
      region: env.region ?? "us-east-1",
      instanceType: recipe.instanceType,
      count: recipe.instanceCount,
      maxRuntimeSeconds: recipe.maxRuntime,
      extraPrices: policy.instancePrices,
    });
    if (cost.ok && cost.estimate.usd > env.maxCostPerJobUsd)
      problems.push({ path: at("maxRuntime"), message: `a training run could cost ${describeEstimate(cost.estimate)}, over the ${formatUsd(env.maxCostPerJobUsd)} per job ${where} allows` });
    else if (cost.ok && cost.estimate.usd * jobs > env.maxCostPerJobUsd)
      problems.push({
        path: at("tuning", "maxTrainingJobs"),
        message: `tuning with ${jobs} training jobs could cost ~${formatUsd(cost.estimate.usd * jobs)}, over the ${formatUsd(env.maxCostPerJobUsd)} per job ${where} allows`,
      });
    if (!cost.ok && !knownInstanceTypes(policy.instancePrices).includes(recipe.instanceType))
      problems.push({ path: at("instanceType"), message: `${cost.error.message}; the guard cannot estimate its cost` });
  }
  return problems;
}

/** An endpoint name listed by two environments would belong to both, so either could change it. */
function endpointProblems(policy: Policy): RawProblem[] {
  const problems: RawProblem[] = [];
  const seen = new Map<string, string>();
  for (const [envName, env] of Object.entries(policy.environments)) {
    env.endpoints.forEach((pattern, index) => {
      const earlier = seen.get(pattern);
      if (earlier && earlier !== envName)
        problems.push({ path: ["environments", envName, "endpoints", index], message: `"${pattern}" is also listed under environments.${earlier}.endpoints; an endpoint belongs to one environment` });
      else seen.set(pattern, envName);
    });
  }
  return problems;
}

/**
 * Drift watches: each endpoint watched by the environment that owns it, its retraining naming a
 * recipe there (pipelines are checked against SageMaker when a plan is made), alerts going
 * somewhere, and subscriber roles that exist.
 */
function driftProblems(policy: Policy): RawProblem[] {
  const problems: RawProblem[] = [];
  const recipes = Object.keys(policy.recipes);
  for (const [envName, env] of Object.entries(policy.environments)) {
    const at = (...rest: PropertyKey[]): PropertyKey[] => ["environments", envName, "drift", ...rest];
    env.drift.subscribers?.forEach((role, index) => {
      if (!policy.roles[role]) problems.push({ path: at("subscribers", index), message: `role "${role}" is not defined under roles (roles: ${Object.keys(policy.roles).join(", ") || "none"})` });
    });
    const watched = new Set<string>();
    env.drift.watch.forEach((watch, index) => {
      if (watched.has(watch.endpoint)) problems.push({ path: at("watch", index, "endpoint"), message: `${watch.endpoint} is watched twice here; list it once with all its channels` });
      watched.add(watch.endpoint);
      const owners = endpointOwners(policy, watch.endpoint);
      if (owners.length > 0 && !owners.includes(envName))
        problems.push({ path: at("watch", index, "endpoint"), message: `${watch.endpoint} belongs to ${owners.join(", ")} (its endpoints list), so watch it there` });
      if ((watch.channels ?? []).length === 0 && !env.alertChannel)
        problems.push({ path: at("watch", index, "channels"), message: `alerts for ${watch.endpoint} would go nowhere: list channels here, or set alertChannel for ${envName}` });
      const retrain = watch.retrain;
      if (retrain?.environment && !policy.environments[retrain.environment])
        problems.push({ path: at("watch", index, "retrain", "environment"), message: `environment "${retrain.environment}" is not defined under environments` });
      if (retrain && "recipe" in retrain && !policy.recipes[retrain.recipe]) {
        const suggestion = closestMatch(retrain.recipe, recipes);
        problems.push({ path: at("watch", index, "retrain", "recipe"), message: `recipe "${retrain.recipe}" is not defined under recipes${suggestion ? `; did you mean ${suggestion}?` : ""}` });
      }
    });
  }
  return problems;
}

/** Model groups: governed by an environment that exists. */
function modelGroupProblems(policy: Policy): RawProblem[] {
  const environments = Object.keys(policy.environments);
  return Object.entries(policy.modelGroups).flatMap(([group, entry]) => {
    if (policy.environments[entry.environment]) return [];
    const suggestion = closestMatch(entry.environment, environments);
    return [{ path: ["modelGroups", group, "environment"], message: `environment "${entry.environment}" is not defined under environments${suggestion ? `; did you mean ${suggestion}?` : ""}` }];
  });
}

/** Every problem no single field shows: references between sections, and recipes their own environment would refuse. */
export function checkConsistency(policy: Policy): RawProblem[] {
  return [...roleProblems(policy), ...priceProblems(policy), ...recipeProblems(policy), ...endpointProblems(policy), ...driftProblems(policy), ...modelGroupProblems(policy)];
}
