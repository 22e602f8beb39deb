/** Guard inputs as the bot builds them for the example policy, and what its refusals name. */
import type { Decision, GuardInput, Refusal } from "../../src/guard/checks.js";
import { loadPolicy, type Policy } from "../../src/guard/policy.js";
import { findRecipe } from "../../src/guard/recipes.js";
import { EXAMPLE_POLICY_PATH } from "./constants.js";

/** The example company's policy (docs/architecture.md, section 3), read from the file users copy. */
export function examplePolicy(): Policy {
  const result = loadPolicy(EXAMPLE_POLICY_PATH);
  if (!result.ok) throw new Error(`policy.example.yml is invalid: ${JSON.stringify(result.problems)}`);
  return result.policy;
}

/** What `/train churn-xgb` asks for, as U0ENGINEER in C0MLOPS, before any override. */
export function trainFromRecipe(policy: Policy, recipeName: string, overrides: Partial<GuardInput> = {}): GuardInput {
  const found = findRecipe(policy, recipeName);
  if (!found.ok) throw new Error(found.problem.what);
  const { recipe } = found.value;
  return {
    action: "train",
    requester: { userId: "U0ENGINEER" },
    channelId: "C0MLOPS",
    environment: recipe.environment,
    region: "us-east-1",
    image: recipe.algorithm ? { kind: "builtin", algorithm: recipe.algorithm.name, version: recipe.algorithm.version } : { kind: "custom", uri: recipe.image ?? "" },
    inputUris: Object.values(recipe.data).map((channel) => channel.uri),
    outputUri: recipe.output,
    instanceType: recipe.instanceType,
    instanceCount: recipe.instanceCount,
    maxRuntimeSeconds: recipe.maxRuntime,
    frozen: false,
    usage: { jobsLastHour: 0, concurrentJobs: 0 },
    ...overrides,
  };
}

/** A deploy of churn-xgb to an environment, as U0ENGINEER in C0MLOPS. */
export function deployRequest(overrides: Partial<GuardInput> = {}): GuardInput {
  return {
    action: "deploy",
    requester: { userId: "U0ENGINEER" },
    channelId: "C0MLOPS",
    environment: "prod",
    region: "us-east-1",
    model: { packageGroup: "churn-xgb", version: 1, approvalStatus: "Approved" },
    instanceType: "ml.m5.large",
    instanceCount: 1,
    frozen: false,
    usage: { jobsLastHour: 0, concurrentJobs: 0 },
    ...overrides,
  };
}

function refusals(decision: Decision): readonly Refusal[] {
  return decision.allowed ? [] : decision.refusals;
}

export function ruleIds(decision: Decision): string[] {
  return refusals(decision).map((refusal) => refusal.rule);
}

export function refusalFor(decision: Decision, rule: string): Refusal {
  const found = refusals(decision).find((refusal) => refusal.rule === rule);
  if (!found) throw new Error(`no refusal ${rule}; got ${JSON.stringify(refusals(decision))}`);
  return found;
}
