import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_POLICY, loadPolicy, type PolicyProblem, parsePolicy, resolvePolicy } from "../../src/guard/policy.js";
import { REPO_ROOT } from "../support/cli.js";
import { EXAMPLE_POLICY_PATH } from "../support/constants.js";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/policies");

function problemsOf(file: string): PolicyProblem[] {
  const result = loadPolicy(path.join(FIXTURES, file));
  if (result.ok) throw new Error(`${file} was expected to be invalid`);
  return result.problems;
}

/** The 1-based line of the first line of a fixture containing `needle`. */
function lineOf(file: string, needle: string): number {
  const index = fs.readFileSync(path.join(FIXTURES, file), "utf8").split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  return index + 1;
}

function problemAt(problems: PolicyProblem[], problemPath: string): PolicyProblem {
  const found = problems.find((problem) => problem.path === problemPath);
  if (!found) throw new Error(`no problem at ${problemPath}; got ${problems.map((problem) => problem.path).join(", ")}`);
  return found;
}

describe("policy.example.yml", () => {
  it("is a valid policy describing the example company", () => {
    const result = loadPolicy(EXAMPLE_POLICY_PATH);
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    const { policy } = result;
    expect(Object.keys(policy.environments)).toEqual(["dev", "prod"]);
    expect(policy.admins).toEqual(["U0ADMIN"]);
    expect(policy.environments["prod"]?.approval).toMatchObject({ required: 1, role: "approvers" });
    expect(policy.environments["prod"]?.requireApprovedModels).toBe(true);
    expect(policy.environments["prod"]?.alertChannel).toBe("C0ALERTS");
    expect(policy.environments["dev"]?.maxRuntime).toBe(4 * 3600);
    const recipe = policy.recipes["churn-xgb"];
    expect(recipe?.algorithm).toEqual({ name: "xgboost", version: "1.7-1" });
    expect(recipe?.data["train"]?.uri).toBe("s3://sageops-demo/churn/train/");
    expect(recipe?.hyperparameters["num_round"]).toBe("100");
    expect(recipe?.tuning?.ranges["eta"]).toEqual({ type: "continuous", min: 0.01, max: 0.3, scaling: "Logarithmic" });
  });

  it("environments named prod require approved models unless told otherwise; others do not", () => {
    const text = fs.readFileSync(EXAMPLE_POLICY_PATH, "utf8").replace(/^\s*requireApprovedModels: (true|false)\n/gm, "");
    const result = parsePolicy(text);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.policy.environments["prod"]?.requireApprovedModels).toBe(true);
    expect(result.policy.environments["dev"]?.requireApprovedModels).toBe(false);
  });
});

describe("a policy with typing mistakes", () => {
  const problems = problemsOf("typos.yml");

  it("reports every mistake at once, each with its path and line, in file order", () => {
    expect(problems.map((problem) => problem.path)).toEqual([
      "roles.engineers.users[1]",
      "environments.dev.maxInstanceCount",
      "environments.dev.executionRoleArn",
      "environments.dev.inputPrefixes[0]",
      "environments.dev.instanceTypes[1]",
      "environments.dev.maxInstanceCont",
      "environments.dev.maxRuntime",
      "environments.prod.executionRoleArn",
      "environments.prod.mode",
    ]);
    const lines = problems.map((problem) => problem.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("catches a misspelt key and suggests the right one", () => {
    const typo = problemAt(problems, "environments.dev.maxInstanceCont");
    expect(typo.line).toBe(lineOf("typos.yml", "maxInstanceCont:"));
    expect(typo.message).toBe('unknown key "maxInstanceCont"; did you mean maxInstanceCount?');
  });

  it("says what a value should look like", () => {
    expect(problemAt(problems, "environments.dev.inputPrefixes[0]").message).toContain("ending in /");
    expect(problemAt(problems, "environments.dev.inputPrefixes[0]").line).toBe(lineOf("typos.yml", "- s3://sageops-demo/churn"));
    expect(problemAt(problems, "environments.dev.instanceTypes[1]").message).toContain("ml.m5.xlarge");
    expect(problemAt(problems, "environments.dev.maxRuntime").message).toContain('"4 hours"');
    expect(problemAt(problems, "environments.dev.executionRoleArn").message).toContain("IAM role ARN");
    expect(problemAt(problems, "environments.prod.mode").message).toBe('must be "live" or "dry-run"');
    expect(problemAt(problems, "roles.engineers.users[1]").message).toContain("Slack user id");
  });

  it("points a missing key at the section that lacks it", () => {
    const missing = problemAt(problems, "environments.prod.executionRoleArn");
    expect(missing.message).toMatch(/^is required/);
    expect(missing.line).toBe(lineOf("typos.yml", "  prod:"));
  });
});

describe("a policy whose sections disagree", () => {
  const problems = problemsOf("references.yml");

  it("reports roles that do not exist, with a close match", () => {
    const problem = problemAt(problems, "environments.dev.actions.train[0]");
    expect(problem.message).toContain('role "enginers" is not defined under roles; did you mean engineers?');
    expect(problem.line).toBe(lineOf("references.yml", "train: [enginers]"));
  });

  it("reports an approval count no role could meet", () => {
    expect(problemAt(problems, "environments.dev.approval.required").message).toContain('needs 2 approvals but role "approvers" has only 1 person');
  });

  it("reports an instance type missing from the price table, suggesting the real one", () => {
    expect(problemAt(problems, "environments.dev.instanceTypes[2]").message).toContain("did you mean ml.m5.xlarge?");
  });

  it("reports a recipe its own environment would refuse, rule by rule", () => {
    expect(problemAt(problems, "recipes.churn-xgb.algorithm").message).toContain("allowed: xgboost 1.7-1");
    expect(problemAt(problems, "recipes.churn-xgb.data.train.uri").message).toContain("s3://sageops-demo/churn/");
    expect(problemAt(problems, "recipes.churn-xgb.instanceType").message).toContain("ml.c5.xlarge is not allowed in environment dev");
    expect(problemAt(problems, "recipes.churn-xgb.maxRuntime").message).toContain("6h is longer than environment dev allows (2h)");
    expect(problemAt(problems, "recipes.lost-recipe.environment").message).toContain('environment "stagin" is not defined');
    expect(problemAt(problems, "recipes.lost-recipe.environment").line).toBe(lineOf("references.yml", "environment: stagin"));
  });
});

describe("files that are not policies", () => {
  it("broken YAML is reported with its line", () => {
    const problems = problemsOf("not-yaml.yml");
    expect(problems[0]?.message).toMatch(/^not valid YAML/);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it("an empty file says where to find a complete example", () => {
    expect(problemsOf("empty.yml")).toEqual([{ path: "", line: 1, message: "the file is empty; policy.example.yml shows a complete policy" }]);
  });

  it("a misspelt top-level section is named, and the missing one too", () => {
    const result = parsePolicy("version: 1\nenviroments: {}\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: "environments", line: 1, message: "is required (a section)" },
      { path: "enviroments", line: 2, message: 'unknown key "enviroments"; did you mean environments?' },
    ]);
  });

  it("a missing file is one problem naming it", () => {
    const result = loadPolicy(path.join(FIXTURES, "nope.yml"));
    expect(!result.ok && result.problems[0]?.message).toContain("no such file");
  });
});

describe("which policy is in force", () => {
  it("with no file at the default path, the built-in dry-run policy", () => {
    const resolved = resolvePolicy({ path: path.join(FIXTURES, "absent-policy.yml"), explicit: false });
    expect(resolved.ok && resolved.source).toBe("builtin");
    expect(resolved.ok && resolved.policy).toBe(BUILTIN_POLICY);
  });

  it("a path given explicitly must exist", () => {
    expect(resolvePolicy({ path: path.join(FIXTURES, "absent-policy.yml"), explicit: true }).ok).toBe(false);
  });

  it("a file that exists is read and checked", () => {
    const resolved = resolvePolicy({ path: EXAMPLE_POLICY_PATH, explicit: false });
    expect(resolved.ok && resolved.source).toBe("file");
    expect(resolvePolicy({ path: path.join(FIXTURES, "typos.yml"), explicit: false }).ok).toBe(false);
  });
});

describe("typos deep inside a section", () => {
  it("a misspelt blue/green setting is caught and the right key suggested", () => {
    const text = fs.readFileSync(EXAMPLE_POLICY_PATH, "utf8").replace("canarySizePercent: 10", "canarySize: 10");
    const result = parsePolicy(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const typo = problemAt(result.problems, "environments.prod.blueGreen.trafficRouting.canarySize");
    expect(typo.message).toBe('unknown key "canarySize"; did you mean canarySizePercent?');
    expect(typo.line).toBe(text.split("\n").findIndex((line) => line.includes("canarySize: 10")) + 1);
  });
});

describe("endpoints, hyperparameters and plan limits in the policy", () => {
  const example = fs.readFileSync(EXAMPLE_POLICY_PATH, "utf8");

  it("an endpoint listed by two environments is a problem at its path, since an endpoint belongs to one", () => {
    const result = parsePolicy(example.replace('endpoints: [churn-prod, "churn-prod-*"]', 'endpoints: [churn-prod, "churn-prod-*", churn-staging]'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(problemAt(result.problems, "environments.prod.endpoints[2]").message).toContain("also listed under environments.dev.endpoints");
  });

  it("a malformed endpoint pattern, a misspelt hyperparameter rule and a zero plan limit are each named", () => {
    const broken = example
      .replace('endpoints: [churn-prod, "churn-prod-*"]', 'endpoints: ["churn prod"]')
      .replace("      deny: []", "      denny: []")
      .replace("plansPerMinute: 6 ", "plansPerMinute: 0 ");
    const result = parsePolicy(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(problemAt(result.problems, "environments.prod.endpoints[0]").message).toContain("endpoint name or a pattern");
    expect(result.problems.map((p) => p.path)).toContain("limits.plansPerMinute");
    expect(result.problems.some((p) => p.path.startsWith("environments.dev.hyperparameters"))).toBe(true);
  });
});

