import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/guard/checks.js";
import { checkHyperparameters, checkPipelineParameters, checkTuning } from "../../src/guard/hyperparameters.js";
import { endpointOwners, nameMatches, outputOwners, uriWithin, withClosingSlash } from "../../src/guard/matchers.js";
import type { EnvironmentPolicy, Policy } from "../../src/guard/policy.js";
import { deployRequest, examplePolicy, refusalFor, ruleIds, trainFromRecipe } from "../support/guard.js";

const policy = examplePolicy();
const dev = policy.environments["dev"] as EnvironmentPolicy;

function withEnv(changes: Partial<EnvironmentPolicy>, name = "dev"): Policy {
  const env = policy.environments[name] as EnvironmentPolicy;
  return { ...policy, environments: Object.assign(Object.create(null) as Policy["environments"], policy.environments, { [name]: { ...env, ...changes } }) };
}

describe("S3 prefixes are folders", () => {
  it("a URI is inside a prefix only if it equals it or continues it after its slash", () => {
    expect(uriWithin("s3://sageops-demo/churn/", "s3://sageops-demo/churn/")).toBe(true);
    expect(uriWithin("s3://sageops-demo/churn/train/part-1.csv", "s3://sageops-demo/churn/")).toBe(true);
    expect(uriWithin("s3://sageops-demo/churn", "s3://sageops-demo/churn/")).toBe(false);
    expect(uriWithin("s3://sageops-demo/churn-private/x", "s3://sageops-demo/churn/")).toBe(false);
    expect(uriWithin("s3://sageops-demo-evil/churn/", "s3://sageops-demo/")).toBe(false);
    expect(withClosingSlash("s3://sageops-demo/churn", ["s3://sageops-demo/churn/"])).toBe("s3://sageops-demo/churn/");
  });

  it("an output under another environment's more specific output prefix is that environment's, not the requester's", () => {
    const carved = { ...policy, environments: Object.assign(Object.create(null) as Policy["environments"], policy.environments, { prod: { ...(policy.environments["prod"] as EnvironmentPolicy), outputPrefix: "s3://sageops-demo/churn/output/prod/" } }) };
    expect(outputOwners(carved, "s3://sageops-demo/churn/output/prod/batch/x/")).toEqual(["prod"]);
    expect(outputOwners(carved, "s3://sageops-demo/churn/output/dev-run/")).toEqual(["dev"]);
    const decision = evaluate(carved, trainFromRecipe(carved, "churn-xgb", { outputUri: "s3://sageops-demo/churn/output/prod/models/" }));
    expect(refusalFor(decision, "where.output-owner").message).toContain("prod's output location");
  });
});

describe("endpoints belong to an environment", () => {
  it("names and * patterns in an environment's endpoints own an endpoint", () => {
    expect(nameMatches("churn-dev-canary", "churn-dev-*")).toBe(true);
    expect(nameMatches("churn-devious", "churn-dev-*")).toBe(false);
    expect(nameMatches("a.b", "a*b")).toBe(true);
    expect(endpointOwners(policy, "churn-prod")).toEqual(["prod"]);
    expect(endpointOwners(policy, "churn-staging")).toEqual(["dev"]);
    expect(endpointOwners(policy, "scratch")).toEqual([]);
  });

  it("the policy wins over a tag, a tag over history; a request for another environment is refused naming the owner", () => {
    const asked = deployRequest({ environment: "dev", endpoint: { name: "churn-prod", tagged: "dev", lastChangedIn: "dev" } });
    expect(refusalFor(evaluate(policy, asked), "where.endpoint").message).toContain("belongs to prod (the policy lists it");
    const tagged = deployRequest({ environment: "dev", endpoint: { name: "legacy", tagged: "prod", lastChangedIn: "dev" } });
    expect(refusalFor(evaluate(policy, tagged), "where.endpoint").message).toContain("its sageops:environment tag says so");
    const history = deployRequest({ environment: "dev", endpoint: { name: "legacy", lastChangedIn: "prod" } });
    expect(refusalFor(evaluate(policy, history), "where.endpoint").message).toContain("sageops last changed it there");
  });

  it("an endpoint nobody owns changes only where the policy allows unowned endpoints", () => {
    const request = deployRequest({ environment: "dev", endpoint: { name: "scratch" } });
    expect(ruleIds(evaluate(policy, request))).toContain("where.endpoint");
    expect(ruleIds(evaluate(withEnv({ allowUnownedEndpoints: true }), request))).not.toContain("where.endpoint");
  });
});

describe("hyperparameters as SageMaker and the policy take them", () => {
  const facts = (values: Record<string, string>, requested = Object.keys(values)) => ({ values, requested });

  it("framework keys are refused by default, and pass where an environment allows them by name", () => {
    const values = { sagemaker_program: "train.py", SAGEMAKER_SUBMIT_DIRECTORY: "s3://x/code.tar.gz" };
    expect(checkHyperparameters(dev, "dev", facts(values)).map((r) => r.message).join(" ")).toContain("framework keys");
    expect(checkHyperparameters({ ...dev, hyperparameters: { allow: ["sagemaker_*", "SAGEMAKER_*"], deny: [] } }, "dev", facts(values))).toEqual([]);
    // The recipe's own keys are the admins' choice.
    expect(checkHyperparameters(dev, "dev", facts(values, []))).toEqual([]);
  });

  it("deny and allow lists, count, lengths and hidden characters", () => {
    expect(checkHyperparameters({ ...dev, hyperparameters: { deny: ["seed"] } }, "dev", facts({ seed: "1" }))[0]?.message).toContain("does not allow setting `seed`");
    expect(checkHyperparameters({ ...dev, hyperparameters: { allow: ["eta", "max_*"], deny: [] } }, "dev", facts({ eta: "0.1", max_depth: "5", gamma: "1" }))[0]?.message).toContain("not `gamma`");
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, "1"]));
    expect(checkHyperparameters(dev, "dev", facts(many))[0]?.message).toContain("SageMaker takes at most 100");
    expect(checkHyperparameters(dev, "dev", facts({ note: "x".repeat(2501) }))[0]?.message).toContain("at most 2500");
    expect(checkHyperparameters(dev, "dev", facts({ note: "x".repeat(2500) }))).toEqual([]);
    expect(checkHyperparameters(dev, "dev", facts({ note: "abc\u202Edef" }))[0]?.message).toContain("U+202E");
    expect(checkHyperparameters(dev, "dev", facts({ note: "line\nbreak" }))[0]?.message).toContain("U+000A");
  });

  it("a value for a hyperparameter the recipe gives a range is checked against it", () => {
    const recipeRanges = policy.recipes["churn-xgb"]?.tuning?.ranges;
    expect(checkHyperparameters(dev, "dev", { values: { eta: "0.1" }, requested: ["eta"], recipeRanges })).toEqual([]);
    expect(checkHyperparameters(dev, "dev", { values: { gamma: "2.5" }, requested: ["gamma"], recipeRanges })[0]?.message).toContain("a whole number from 0 to 5");
    expect(checkHyperparameters(dev, "dev", { values: { tree_method: "exact" }, requested: ["tree_method"], recipeRanges })[0]?.message).toContain("one of auto, hist");
  });

  it("tuning: parallel within trials and the environment, ranges within the recipe's and SageMaker's counts", () => {
    const ranges = policy.recipes["churn-xgb"]?.tuning?.ranges ?? {};
    expect(checkTuning(dev, "dev", { trials: 1, parallel: 100, ranges }, ranges).map((r) => r.rule)).toEqual(["how-much.parallel-trials", "how-much.parallel-trials"]);
    expect(checkTuning(dev, "dev", { trials: 10, parallel: 4, ranges }, ranges)).toEqual([]);
    expect(checkTuning(dev, "dev", { trials: 10, parallel: 2, ranges: { eta: { type: "continuous", min: 0.001, max: 0.3, scaling: "Auto" } } }, ranges)[0]?.message).toContain("outside the recipe's");
  });

  it("pipeline parameters: names SageMaker accepts, lengths, count", () => {
    expect(checkPipelineParameters({ InputData: "s3://sageops-demo/churn/train/" })).toEqual([]);
    expect(checkPipelineParameters({ "bad name!": "x" })[0]?.rule).toBe("what.pipeline-parameters");
    expect(checkPipelineParameters({ Input: "x".repeat(1025) })[0]?.message).toContain("at most 1024");
  });
});

describe("plans asked too fast", () => {
  it("the per-person and per-channel limits apply when a plan is made, not when it is confirmed", () => {
    const request = trainFromRecipe(policy, "churn-xgb", { usage: { jobsLastHour: 0, concurrentJobs: 0, plansLastMinute: 6, channelPlansLastMinute: 20 } });
    expect(ruleIds(evaluate(policy, { ...request, stage: "plan" }))).toEqual(["how-often.plans-per-minute", "how-often.channel-plans-per-minute"]);
    expect(evaluate(policy, { ...request, stage: "recheck" }).allowed).toBe(true);
  });
});
