import { describe, expect, it } from "vitest";
import { canApprove, evaluate, isAdmin, RULE_IDS } from "../../src/guard/checks.js";
import { BUILTIN_POLICY } from "../../src/guard/policy.js";
import { findRecipe } from "../../src/guard/recipes.js";
import { deployRequest, examplePolicy, refusalFor, ruleIds, trainFromRecipe } from "../support/guard.js";

const policy = examplePolicy();

describe("an engineer trains from a recipe", () => {
  it("/train churn-xgb in #mlops is allowed in dev, live, with no approval and a cost estimate", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb"));
    expect(decision.allowed).toBe(true);
    if (!decision.allowed) return;
    expect(decision.mode).toBe("live");
    expect(decision.approval).toBeNull();
    expect(decision.executionRoleArn).toBe("arn:aws:iam::123456789012:role/sageops-dev-execution");
    // ml.m5.xlarge at $0.23/h x 1 instance x 1h
    expect(decision.cost?.usd).toBeCloseTo(0.23, 6);
    expect(decision.cost?.basis).toContain("ml.m5.xlarge at $0.23/h x 1 x 1h");
  });

  it("training on a bucket outside the allowed prefixes is refused, naming the allowed prefixes", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { inputUris: ["s3://someone-elses-bucket/customers/"] }));
    expect(decision.allowed).toBe(false);
    const refusal = refusalFor(decision, "what.input-prefix");
    expect(refusal.message).toContain("s3://someone-elses-bucket/customers/");
    expect(refusal.message).toContain("s3://sageops-demo/churn/");
    expect(refusal.allowed).toEqual(["s3://sageops-demo/churn/"]);
  });

  it("a prefix does not cover a sibling folder whose name merely starts the same", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { inputUris: ["s3://sageops-demo/churn-private/train/"] }));
    expect(ruleIds(decision)).toEqual(["what.input-prefix"]);
  });

  it("writing output outside the environment's output prefix is refused", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { outputUri: "s3://sageops-demo/elsewhere/" }));
    expect(refusalFor(decision, "what.output-prefix").message).toContain("s3://sageops-demo/churn/output/");
  });

  it("an instance type outside the policy is refused with the allowed list", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { instanceType: "ml.p4d.24xlarge" }));
    const refusal = refusalFor(decision, "what.instance-type");
    expect(refusal.message).toMatch(/^ml\.p4d\.24xlarge is not allowed in dev; allowed: ml\.m5\.large, ml\.m5\.xlarge, ml\.m5\.2xlarge, ml\.c5\.xlarge/);
    expect(refusal.allowed).toContain("ml.m5.xlarge");
  });

  it("a mistyped instance type is called out as not existing, with a close match", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { instanceType: "ml.m5.xlarg" }));
    expect(refusalFor(decision, "what.instance-type").message).toContain("ml.m5.xlarg does not exist; did you mean ml.m5.xlarge?");
    expect(decision.cost).toBeNull();
  });

  it("an algorithm version the environment does not allow is refused, naming what is allowed", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { image: { kind: "builtin", algorithm: "xgboost", version: "1.5-1" } }));
    expect(refusalFor(decision, "what.image").message).toBe("xgboost 1.5-1 is not allowed in dev; allowed: xgboost 1.7-1, linear-learner 1, 123456789012.dkr.ecr.us-east-1.amazonaws.com/sageops-churn:*.");
  });

  it("a custom image matching an allowed pattern passes; another repository does not", () => {
    const ours = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { image: { kind: "custom", uri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/sageops-churn:2026-11" } }));
    expect(ours.allowed).toBe(true);
    const theirs = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { image: { kind: "custom", uri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/crypto-miner:latest" } }));
    expect(ruleIds(theirs)).toEqual(["what.image"]);
  });

  it("an over-budget tuning job is refused with the estimate and what would fit", () => {
    // 10 training jobs x 4 x ml.m5.2xlarge ($0.461/h) x 4h = $73.76, over dev's $20 per job.
    const decision = evaluate(
      policy,
      trainFromRecipe(policy, "churn-xgb", { action: "tune", tuningJobs: 10, instanceType: "ml.m5.2xlarge", instanceCount: 4, maxRuntimeSeconds: 4 * 3600 }),
    );
    expect(ruleIds(decision)).toEqual(["how-much.cost"]);
    expect(decision.cost?.usd).toBeCloseTo(73.76, 6);
    const refusal = refusalFor(decision, "how-much.cost");
    expect(refusal.message).toContain("~$73.76 (ml.m5.2xlarge at $0.461/h x 4 x 4h x 10 jobs, us-east-1 prices of");
    expect(refusal.message).toContain("over the $20.00 per job dev allows");
    // $20 / ($0.461 x 4 x 10) = 1.08h; 1 instance ($18.44); 2 jobs ($14.75); ml.m5.large costs $18.40 for the same plan.
    expect(refusal.allowed).toEqual(["max runtime up to 1h5m", "1 instance", "up to 2 tuning jobs", "a cheaper instance type (ml.m5.large)"]);
  });

  it("the policy's own instance prices take precedence over the table", () => {
    const negotiated = { ...policy, instancePrices: { "ml.m5.xlarge": 10 } };
    const decision = evaluate(negotiated, trainFromRecipe(negotiated, "churn-xgb", { maxRuntimeSeconds: 3 * 3600 }));
    expect(decision.cost?.usd).toBeCloseTo(30, 6);
    expect(ruleIds(decision)).toEqual(["how-much.cost"]);
  });

  it("too many instances and too long a runtime are each refused, with the limits", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { instanceCount: 8, maxRuntimeSeconds: 6 * 3600 }));
    expect(ruleIds(decision)).toEqual(expect.arrayContaining(["how-much.instance-count", "how-much.max-runtime"]));
    expect(refusalFor(decision, "how-much.instance-count").message).toBe("8 instances asked; dev allows at most 4.");
    expect(refusalFor(decision, "how-much.max-runtime").message).toContain("6h is longer than dev allows (4h)");
  });

  it("a refusal lists every failed rule, in the order who, where, what, how much, how often", () => {
    const decision = evaluate(
      policy,
      trainFromRecipe(policy, "churn-xgb", {
        channelId: "C0RANDOM",
        instanceType: "ml.p3.16xlarge",
        inputUris: ["s3://elsewhere/data/"],
        maxRuntimeSeconds: 8 * 3600,
        usage: { jobsLastHour: 5, concurrentJobs: 2 },
      }),
    );
    const ids = ruleIds(decision);
    expect(ids).toEqual([
      "where.channel",
      "what.instance-type",
      "what.input-prefix",
      "how-much.max-runtime",
      "how-much.cost",
      "how-often.jobs-per-hour",
      "how-often.concurrent-jobs",
    ]);
    const order = ids.map((id) => RULE_IDS.indexOf(id as (typeof RULE_IDS)[number]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("a request missing what the action needs is refused rather than guessed", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { inputUris: [], outputUri: undefined }));
    expect(refusalFor(decision, "what.incomplete").message).toContain("input data (an S3 URI), an output location");
  });
});

describe("naming a recipe", () => {
  it("a mistyped recipe name gets the closest recipe and the list", () => {
    const lookup = findRecipe(policy, "churn-xbg");
    expect(lookup.ok).toBe(false);
    expect(!lookup.ok && lookup.problem.what).toBe('There is no recipe "churn-xbg"; did you mean churn-xgb? Recipes: churn-xgb.');
  });
});

describe("who may ask, and where", () => {
  it("someone not listed in the policy is refused and told to ask an admin", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { requester: { userId: "U0STRANGER" } }));
    expect(ruleIds(decision)).toEqual(["who.role"]);
    expect(refusalFor(decision, "who.role").message).toContain("not listed");
    expect(refusalFor(decision, "who.role").message).toContain("<@U0ADMIN>");
  });

  it("a user holding a role through a Slack user group is let in", () => {
    const withGroup = { ...policy, roles: { ...policy.roles, engineers: { users: [], groups: ["S0MLTEAM"] } } };
    const member = evaluate(withGroup, trainFromRecipe(withGroup, "churn-xgb", { requester: { userId: "U0NEWHIRE", groupIds: ["S0MLTEAM"] } }));
    expect(member.allowed).toBe(true);
    const outsider = evaluate(withGroup, trainFromRecipe(withGroup, "churn-xgb", { requester: { userId: "U0NEWHIRE", groupIds: ["S0SALES"] } }));
    expect(ruleIds(outsider)).toEqual(["who.role"]);
  });

  it("a role not allowed an action is told which roles are, and where they may do it instead", () => {
    const dev = policy.environments["dev"];
    if (!dev) throw new Error("the example policy has a dev environment");
    const viewersTrainInDev = {
      ...policy,
      roles: { ...policy.roles, viewers: { users: ["U0VIEWER"], groups: [] } },
      environments: { ...policy.environments, dev: { ...dev, actions: { ...dev.actions, train: ["viewers"] } } },
    };
    const decision = evaluate(viewersTrainInDev, trainFromRecipe(viewersTrainInDev, "churn-xgb", { environment: "prod", requester: { userId: "U0VIEWER" } }));
    const refusal = refusalFor(decision, "who.role");
    expect(refusal.message).toBe("Training in prod is open to the role engineers; you hold viewers. You may do it in: dev.");
    expect(refusal.allowed).toEqual(["engineers"]);
  });

  it("a request from a channel the environment does not take requests in is refused, naming the channel to use", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { channelId: "C0RANDOM" }));
    expect(ruleIds(decision)).toEqual(["where.channel"]);
    expect(refusalFor(decision, "where.channel").message).toContain("<#C0MLOPS>");
  });

  it("an unknown environment is refused with a close match and the list", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { environment: "prd" }));
    expect(refusalFor(decision, "where.environment").message).toBe('There is no environment "prd"; did you mean prod? Environments: dev, prod.');
  });
});

describe("a frozen workspace", () => {
  it("refuses every change while frozen, saying how it ends", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { frozen: true }));
    expect(ruleIds(decision)).toEqual(["frozen"]);
    expect(refusalFor(decision, "frozen").message).toContain("/sageops unfreeze");
    expect(evaluate(policy, deployRequest({ frozen: true })).allowed).toBe(false);
  });

  it("still lets an admin stop a job, but not an engineer", () => {
    const stop = { action: "stop" as const, ownsJob: true, frozen: true, environment: "dev" };
    expect(evaluate(policy, deployRequest({ ...stop, requester: { userId: "U0ADMIN" } })).allowed).toBe(true);
    expect(ruleIds(evaluate(policy, deployRequest({ ...stop, requester: { userId: "U0ENGINEER" } })))).toEqual(["frozen"]);
  });
});

describe("per-person rate limits", () => {
  it("a sixth job in an hour is refused when the limit is five", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { usage: { jobsLastHour: 5, concurrentJobs: 0 } }));
    expect(ruleIds(decision)).toEqual(["how-often.jobs-per-hour"]);
    expect(refusalFor(decision, "how-often.jobs-per-hour").message).toContain("limit is 5 per hour");
    expect(evaluate(policy, trainFromRecipe(policy, "churn-xgb", { usage: { jobsLastHour: 4, concurrentJobs: 0 } })).allowed).toBe(true);
  });

  it("a third concurrent job is refused when the limit is two; stopping is never rate-limited", () => {
    const busy = { usage: { jobsLastHour: 9, concurrentJobs: 2 } };
    expect(ruleIds(evaluate(policy, trainFromRecipe(policy, "churn-xgb", busy)))).toEqual(["how-often.jobs-per-hour", "how-often.concurrent-jobs"]);
    expect(evaluate(policy, deployRequest({ ...busy, action: "stop", ownsJob: true, environment: "dev" })).allowed).toBe(true);
  });
});

describe("stopping a job", () => {
  const stop = (userId: string, ownsJob: boolean) => deployRequest({ action: "stop", environment: "dev", requester: { userId }, ownsJob });

  it("the owner may stop their job", () => {
    expect(evaluate(policy, stop("U0ENGINEER", true)).allowed).toBe(true);
  });

  it("someone else's job is refused to a non-owner, and allowed to an admin", () => {
    const byOther = evaluate(policy, stop("U0APPROVER", false));
    expect(ruleIds(byOther)).toEqual(["who.owner"]);
    expect(refusalFor(byOther, "who.owner").message).toContain("<@U0ADMIN>");
    expect(evaluate(policy, stop("U0ADMIN", false)).allowed).toBe(true);
  });

  it("stopping in prod needs no approval", () => {
    const decision = evaluate(policy, deployRequest({ action: "stop", ownsJob: true }));
    expect(decision.allowed && decision.approval).toBeNull();
  });
});

describe("deploying to prod", () => {
  it("an approved version passes, needs one approval by an approver other than the requester, and shows the hourly cost", () => {
    const decision = evaluate(policy, deployRequest());
    expect(decision.allowed).toBe(true);
    if (!decision.allowed) return;
    expect(decision.approval).toEqual({ required: 1, role: "approvers", approverIds: ["U0APPROVER"], approverGroupIds: [] });
    expect(decision.cost?.kind).toBe("hourly");
    expect(decision.cost?.usd).toBeCloseTo(0.115, 6);
    expect(decision.blueGreen?.trafficRouting).toEqual({ type: "CANARY", canarySizePercent: 10, waitInterval: 300 });
    expect(decision.blueGreen?.alarms).toEqual(["churn-prod-5xx-errors", "churn-prod-model-latency"]);
    expect(decision.alertChannel).toBe("C0ALERTS");
  });

  it("the approver asking for a deploy cannot be their own approver", () => {
    const decision = evaluate(policy, deployRequest({ requester: { userId: "U0APPROVER" } }));
    expect(decision.allowed && decision.approval?.approverIds).toEqual([]);
  });

  it("a version pending approval is refused in prod but may go to dev", () => {
    const pending = { model: { packageGroup: "churn-xgb", version: 2, approvalStatus: "PendingManualApproval" } };
    const toProd = evaluate(policy, deployRequest(pending));
    expect(ruleIds(toProd)).toEqual(["what.model-approval"]);
    expect(refusalFor(toProd, "what.model-approval").message).toContain("churn-xgb version 2 is PendingManualApproval; prod accepts only Approved");
    expect(evaluate(policy, deployRequest({ ...pending, environment: "dev" })).allowed).toBe(true);
  });

  it("an endpoint over the hourly cost limit is refused with what fits", () => {
    // 4 x ml.m5.2xlarge = $1.844/h; dev allows $1/h.
    const decision = evaluate(policy, deployRequest({ environment: "dev", instanceType: "ml.m5.2xlarge", instanceCount: 4 }));
    const refusal = refusalFor(decision, "how-much.endpoint-cost");
    expect(refusal.message).toContain("~$1.84/h");
    expect(refusal.message).toContain("over the $1.00/h dev allows");
    expect(refusal.allowed).toContain("2 instances");
  });

  it("a batch transform is priced per job: price x count x max runtime", () => {
    const decision = evaluate(
      policy,
      deployRequest({
        action: "batch",
        environment: "dev",
        instanceType: "ml.m5.xlarge",
        instanceCount: 2,
        maxRuntimeSeconds: 2 * 3600,
        inputUris: ["s3://sageops-demo/churn/batch-input/"],
        outputUri: "s3://sageops-demo/churn/output/batch/",
      }),
    );
    expect(decision.allowed).toBe(true);
    expect(decision.cost?.usd).toBeCloseTo(0.23 * 2 * 2, 6);
  });
});

describe("approvals", () => {
  it("an approver may approve someone else's prod plan", () => {
    expect(canApprove(policy, "prod", "U0APPROVER", "U0ENGINEER")).toEqual({ allowed: true });
  });

  it("nobody approves their own plan, even an approver", () => {
    const check = canApprove(policy, "prod", "U0APPROVER", "U0APPROVER");
    expect(check.allowed).toBe(false);
    expect(!check.allowed && check.rule).toBe("approve.own-plan");
  });

  it("an engineer, or an admin without the approver role, cannot approve", () => {
    for (const [approverId, requesterId] of [
      ["U0ENGINEER", "U0ADMIN"],
      ["U0ADMIN", "U0ENGINEER"],
    ] as const) {
      const check = canApprove(policy, "prod", approverId, requesterId);
      expect(!check.allowed && check.rule).toBe("approve.role");
      expect(!check.allowed && check.message).toContain("<@U0APPROVER>");
    }
    expect(isAdmin(policy, "U0ADMIN")).toBe(true);
    expect(isAdmin(policy, "U0ENGINEER")).toBe(false);
  });
});

describe("the built-in policy (no policy file)", () => {
  it("lets plans be made but never live", () => {
    for (const env of Object.values(BUILTIN_POLICY.environments)) expect(env.mode).toBe("dry-run");
    const decision = evaluate(BUILTIN_POLICY, {
      action: "train",
      requester: { userId: "U0ANYONE" },
      channelId: "C0WHATEVER",
      environment: "dev",
      region: "us-east-1",
      image: { kind: "builtin", algorithm: "xgboost", version: "1.7-1" },
      inputUris: ["s3://any-bucket/train/"],
      outputUri: "s3://any-bucket/output/",
      instanceType: "ml.m5.xlarge",
      instanceCount: 1,
      maxRuntimeSeconds: 3600,
      frozen: false,
      usage: { jobsLastHour: 0, concurrentJobs: 0 },
    });
    expect(decision.allowed && decision.mode).toBe("dry-run");
  });

  it("SAGEOPS_DRY_RUN turns a live environment's permit into a dry run", () => {
    const decision = evaluate(policy, trainFromRecipe(policy, "churn-xgb", { forceDryRun: true }));
    expect(decision.allowed && decision.mode).toBe("dry-run");
  });
});
