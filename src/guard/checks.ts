import { approvalFor, type ApprovalRequirement } from "./approvals.js";
import { waysWithinBudget } from "./budget.js";
import { describeEstimate, estimateHourlyEndpointCost, estimateJobCost, formatUsd, lookupPrice, suggestInstanceType, type CostEstimate, type CostResult } from "./cost.js";
import { formatDuration } from "./duration.js";
import { describeAllowedImages, describeImage, imageAllowed, uriWithin, uriWithinAny, type ImageRef } from "./matchers.js";
import { isAdmin, isListed, mentionChannel, mentionUser, rolesOf, type Requester } from "./membership.js";
import { ANYONE, type ActionKind, type BlueGreen, type EnvironmentPolicy, type Mode, type Policy } from "./policy-schema.js";
import { closestMatch } from "./suggest.js";

export { canApprove, type ApprovalCheck, type ApprovalRequirement } from "./approvals.js";
export { isAdmin, isListed, rolesOf, type Requester } from "./membership.js";
export type { ImageRef } from "./matchers.js";

/** Every rule the guard applies, in the order it applies them: who, where, what, how much, how often. */
export const RULE_IDS = [
  "frozen",
  "who.role",
  "who.owner",
  "where.environment",
  "where.channel",
  "what.incomplete",
  "what.image",
  "what.instance-type",
  "what.input-prefix",
  "what.output-prefix",
  "what.model-approval",
  "how-much.instance-count",
  "how-much.max-runtime",
  "how-much.cost",
  "how-much.endpoint-cost",
  "how-often.jobs-per-hour",
  "how-often.concurrent-jobs",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A model package version a deploy, batch transform or rollback would use. */
export interface ModelRef {
  packageGroup?: string;
  version?: number;
  /** SageMaker's ModelApprovalStatus: Approved, PendingManualApproval, Rejected. */
  approvalStatus: string;
}

/** Everything the guard needs to decide on one request, as plain values the planner gathered. */
export interface GuardInput {
  action: ActionKind;
  requester: Requester;
  channelId: string;
  environment: string;
  /** The bot's AWS region; an environment's own region wins. */
  region: string;
  image?: ImageRef;
  inputUris?: readonly string[];
  outputUri?: string;
  instanceType?: string;
  instanceCount?: number;
  maxRuntimeSeconds?: number;
  /** tune: the maximum number of training jobs (each may cost a full job). */
  tuningJobs?: number;
  model?: ModelRef;
  /** stop: whether the requester started the job. */
  ownsJob?: boolean;
  /** Set by /sageops freeze. */
  frozen: boolean;
  /** The requester's recent activity, from the store. */
  usage: { jobsLastHour: number; concurrentJobs: number };
  /** SAGEOPS_DRY_RUN: plans work, nothing is sent, whatever the environment says. */
  forceDryRun?: boolean;
}

/** One rule that failed: its stable id, what was wrong in words, and what would be allowed instead. */
export interface Refusal {
  rule: RuleId;
  message: string;
  allowed: readonly string[];
}

export interface Permit {
  allowed: true;
  action: ActionKind;
  environment: string;
  mode: Mode;
  approval: ApprovalRequirement | null;
  /** Per-job estimate (train, tune, batch) or hourly estimate (deploy); null when nothing is priced. */
  cost: CostEstimate | null;
  executionRoleArn: string;
  region: string;
  alertChannel: string | null;
  blueGreen: BlueGreen | null;
  refusals: readonly [];
}

export interface Denial {
  allowed: false;
  action: ActionKind;
  environment: string;
  /** Every rule that failed, in the order checked; never empty. */
  refusals: readonly Refusal[];
  cost: CostEstimate | null;
}

export type Decision = Permit | Denial;

const DOING: Record<ActionKind, string> = {
  train: "training",
  tune: "tuning",
  pipeline: "running pipelines",
  stop: "stopping jobs",
  deploy: "deploying",
  batch: "batch transforms",
  rollback: "rolling back endpoints",
};

/** Actions that start jobs and so count against the per-person limits. */
const RATE_LIMITED: ReadonlySet<ActionKind> = new Set(["train", "tune", "pipeline", "batch"]);

type Field = "image" | "inputUris" | "outputUri" | "instanceType" | "instanceCount" | "maxRuntimeSeconds" | "tuningJobs" | "model" | "ownsJob";

const NEEDS: Record<ActionKind, readonly Field[]> = {
  train: ["image", "inputUris", "outputUri", "instanceType", "instanceCount", "maxRuntimeSeconds"],
  tune: ["image", "inputUris", "outputUri", "instanceType", "instanceCount", "maxRuntimeSeconds", "tuningJobs"],
  batch: ["model", "inputUris", "outputUri", "instanceType", "instanceCount", "maxRuntimeSeconds"],
  deploy: ["model", "instanceType", "instanceCount"],
  rollback: [],
  pipeline: [],
  stop: ["ownsJob"],
};

const FIELD_NAMES: Record<Field, string> = {
  image: "an algorithm or image",
  inputUris: "input data (an S3 URI)",
  outputUri: "an output location",
  instanceType: "an instance type",
  instanceCount: "an instance count",
  maxRuntimeSeconds: "a maximum runtime",
  tuningJobs: "a number of tuning jobs",
  model: "a model version",
  ownsJob: "who started the job",
};

function present(input: GuardInput, field: Field): boolean {
  const value = input[field];
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined;
}

function list(items: readonly string[]): string {
  return items.length > 0 ? items.join(", ") : "none";
}

function adminsToAsk(policy: Policy): string {
  return policy.admins.length > 0 ? `an admin (${policy.admins.map(mentionUser).join(", ")})` : "whoever runs sageops";
}

function refuse(rule: RuleId, message: string, allowed: readonly string[] = []): Refusal {
  return { rule, message, allowed };
}

function checkFrozen(policy: Policy, input: GuardInput): Refusal[] {
  if (!input.frozen) return [];
  // An admin may still stop a job during a freeze: stopping is how an incident is contained.
  if (input.action === "stop" && isAdmin(policy, input.requester.userId)) return [];
  return [refuse("frozen", `sageops is frozen: an admin has paused every change until \`/sageops unfreeze\`.${input.action === "stop" ? ` During a freeze only ${adminsToAsk(policy)} can stop jobs.` : ""}`)];
}

function checkWho(policy: Policy, input: GuardInput, env: EnvironmentPolicy | undefined): Refusal[] {
  const { requester, action } = input;
  const admin = isAdmin(policy, requester.userId);
  if (!isListed(policy, requester))
    return [refuse("who.role", `You are not listed in the sageops policy, so you cannot request actions. Ask ${adminsToAsk(policy)} to add you to a role.`)];
  const refusals: Refusal[] = [];
  if (env && !admin) {
    const permitted = env.actions[action];
    const mine = rolesOf(policy, requester);
    if (!permitted.some((role) => mine.includes(role))) {
      const elsewhere = Object.entries(policy.environments)
        .filter(([, other]) => other.actions[action].some((role) => mine.includes(role)))
        .map(([name]) => name);
      const instead = elsewhere.length > 0 ? ` You may do it in: ${elsewhere.join(", ")}.` : "";
      const who = permitted.length > 0 ? `is open to the role${permitted.length === 1 ? "" : "s"} ${permitted.join(", ")}` : "is open to no role";
      refusals.push(refuse("who.role", `${capitalise(DOING[action])} in ${input.environment} ${who}; you hold ${mine.length > 0 ? mine.join(", ") : "no role"}.${instead}`, permitted));
    }
  }
  if (action === "stop" && input.ownsJob === false && !admin)
    refusals.push(refuse("who.owner", `You can stop only jobs you started. Ask the job's owner or ${adminsToAsk(policy)}.`));
  return refusals;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function checkWhere(policy: Policy, input: GuardInput, env: EnvironmentPolicy | undefined): Refusal[] {
  const names = Object.keys(policy.environments);
  if (!env) {
    const suggestion = closestMatch(input.environment, names);
    return [refuse("where.environment", `There is no environment "${input.environment}"${suggestion ? `; did you mean ${suggestion}?` : "."} Environments: ${list(names)}.`, names)];
  }
  if (env.channels.includes(ANYONE) || env.channels.includes(input.channelId)) return [];
  return [
    refuse(
      "where.channel",
      `Requests for ${input.environment} are taken only in ${env.channels.map(mentionChannel).join(", ")}; ask there instead of ${mentionChannel(input.channelId)}.`,
      env.channels,
    ),
  ];
}

function checkWhat(policy: Policy, input: GuardInput, env: EnvironmentPolicy): Refusal[] {
  const refusals: Refusal[] = [];
  const missing = NEEDS[input.action].filter((field) => !present(input, field));
  if (missing.length > 0)
    refusals.push(
      refuse("what.incomplete", `This ${input.action} request lacks ${missing.map((field) => FIELD_NAMES[field]).join(", ")}; give ${missing.length === 1 ? "it" : "them"}, or use a recipe that sets ${missing.length === 1 ? "it" : "them"}.`),
    );
  const where = input.environment;
  if (input.image && !imageAllowed(env, input.image))
    refusals.push(refuse("what.image", `${describeImage(input.image)} is not allowed in ${where}; allowed: ${list(describeAllowedImages(env))}.`, describeAllowedImages(env)));
  if (input.instanceType !== undefined) {
    const known = lookupPrice(input.instanceType, input.region, policy.instancePrices).ok;
    if (!known) {
      const suggestion = suggestInstanceType(input.instanceType, env.instanceTypes, policy.instancePrices);
      refusals.push(
        refuse(
          "what.instance-type",
          `Instance type ${input.instanceType} does not exist${suggestion ? `; did you mean ${suggestion}?` : "."} Allowed in ${where}: ${list(env.instanceTypes)}.`,
          env.instanceTypes,
        ),
      );
    } else if (!env.instanceTypes.includes(input.instanceType)) {
      refusals.push(refuse("what.instance-type", `${input.instanceType} is not allowed in ${where}; allowed: ${list(env.instanceTypes)}.`, env.instanceTypes));
    }
  }
  const outside = (input.inputUris ?? []).filter((uri) => !uriWithinAny(uri, env.inputPrefixes));
  if (outside.length > 0)
    refusals.push(
      refuse(
        "what.input-prefix",
        `${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} outside the input prefixes allowed in ${where}; allowed: ${list(env.inputPrefixes)}.`,
        env.inputPrefixes,
      ),
    );
  if (input.outputUri !== undefined && !uriWithin(input.outputUri, env.outputPrefix))
    refusals.push(refuse("what.output-prefix", `Output ${input.outputUri} is outside the output prefix of ${where}; allowed: ${env.outputPrefix}.`, [env.outputPrefix]));
  const model = input.model;
  const usesModel = input.action === "deploy" || input.action === "batch" || input.action === "rollback";
  if (usesModel && model && env.requireApprovedModels && model.approvalStatus !== "Approved") {
    const name = model.packageGroup ? `${model.packageGroup}${model.version !== undefined ? ` version ${model.version}` : ""}` : "This model version";
    refusals.push(
      refuse(
        "what.model-approval",
        `${name} is ${model.approvalStatus}; ${where} accepts only Approved model versions. Approve it in the model registry first, or pick an approved version.`,
        ["Approved"],
      ),
    );
  }
  return refusals;
}

function estimateFor(policy: Policy, input: GuardInput, region: string): CostResult | undefined {
  const { instanceType, instanceCount } = input;
  if (instanceType === undefined || instanceCount === undefined) return undefined;
  if (input.action === "deploy") return estimateHourlyEndpointCost({ region, instanceType, count: instanceCount, extraPrices: policy.instancePrices });
  if (input.action !== "train" && input.action !== "tune" && input.action !== "batch") return undefined;
  if (input.maxRuntimeSeconds === undefined) return undefined;
  const jobs = input.action === "tune" ? (input.tuningJobs ?? 1) : 1;
  return estimateJobCost({ region, instanceType, count: instanceCount, maxRuntimeSeconds: input.maxRuntimeSeconds, jobs, extraPrices: policy.instancePrices });
}

function checkHowMuch(policy: Policy, input: GuardInput, env: EnvironmentPolicy, cost: CostEstimate | null, region: string): Refusal[] {
  const refusals: Refusal[] = [];
  const where = input.environment;
  if (input.instanceCount !== undefined && input.instanceCount > env.maxInstanceCount)
    refusals.push(refuse("how-much.instance-count", `${input.instanceCount} instances asked; ${where} allows at most ${env.maxInstanceCount}.`, [String(env.maxInstanceCount)]));
  const runtimeMatters = input.action === "train" || input.action === "tune" || input.action === "batch";
  if (runtimeMatters && input.maxRuntimeSeconds !== undefined && input.maxRuntimeSeconds > env.maxRuntime)
    refusals.push(
      refuse(
        "how-much.max-runtime",
        `A max runtime of ${formatDuration(input.maxRuntimeSeconds)} is longer than ${where} allows (${formatDuration(env.maxRuntime)}).`,
        [formatDuration(env.maxRuntime)],
      ),
    );
  if (!cost) return refusals;
  if (cost.kind === "job" && cost.usd > env.maxCostPerJobUsd + 1e-9) {
    const options = waysWithinBudget(policy, env, cost, env.maxCostPerJobUsd, region);
    refusals.push(
      refuse(
        "how-much.cost",
        `Estimated cost ${describeEstimate(cost)} is over the ${formatUsd(env.maxCostPerJobUsd)} per job ${where} allows.${options.length > 0 ? ` Within the limit: ${options.join(", or ")}.` : ""}`,
        options,
      ),
    );
  }
  if (cost.kind === "hourly" && cost.usd > env.maxHourlyEndpointCostUsd + 1e-9) {
    const options = waysWithinBudget(policy, env, cost, env.maxHourlyEndpointCostUsd, region);
    refusals.push(
      refuse(
        "how-much.endpoint-cost",
        `The endpoint would cost ${describeEstimate(cost)}, over the ${formatUsd(env.maxHourlyEndpointCostUsd)}/h ${where} allows.${options.length > 0 ? ` Within the limit: ${options.join(", or ")}.` : ""}`,
        options,
      ),
    );
  }
  return refusals;
}

function checkHowOften(policy: Policy, input: GuardInput): Refusal[] {
  if (!RATE_LIMITED.has(input.action)) return [];
  const { limits } = policy;
  const refusals: Refusal[] = [];
  if (input.usage.jobsLastHour >= limits.jobsPerHour)
    refusals.push(
      refuse(
        "how-often.jobs-per-hour",
        `You started ${input.usage.jobsLastHour} job${input.usage.jobsLastHour === 1 ? "" : "s"} in the last hour; the limit is ${limits.jobsPerHour} per hour per person. Try again later.`,
      ),
    );
  if (input.usage.concurrentJobs >= limits.concurrentJobs)
    refusals.push(
      refuse(
        "how-often.concurrent-jobs",
        `You have ${input.usage.concurrentJobs} job${input.usage.concurrentJobs === 1 ? "" : "s"} running; the limit is ${limits.concurrentJobs} at a time per person. Wait for one to finish, or stop one.`,
      ),
    );
  return refusals;
}

/**
 * Decides on one request. Every request passes the same checks in the same order (frozen,
 * who, where, what, how much, how often) and a refusal lists every rule that failed, not just
 * the first, each saying what would be allowed instead.
 */
export function evaluate(policy: Policy, input: GuardInput): Decision {
  const env = policy.environments[input.environment];
  const region = env?.region ?? input.region;
  const estimate = env ? estimateFor(policy, input, region) : undefined;
  const cost = estimate?.ok ? estimate.estimate : null;
  const refusals = [
    ...checkFrozen(policy, input),
    ...checkWho(policy, input, env),
    ...checkWhere(policy, input, env),
    ...(env ? checkWhat(policy, input, env) : []),
    ...(env ? checkHowMuch(policy, input, env, cost, region) : []),
    ...checkHowOften(policy, input),
  ];
  if (!env || refusals.length > 0) return { allowed: false, action: input.action, environment: input.environment, refusals, cost };
  return {
    allowed: true,
    action: input.action,
    environment: input.environment,
    mode: input.forceDryRun || env.mode === "dry-run" ? "dry-run" : "live",
    approval: approvalFor(policy, env, input.action, input.requester.userId),
    cost,
    executionRoleArn: env.executionRoleArn,
    region,
    alertChannel: env.alertChannel ?? null,
    blueGreen: env.blueGreen ?? null,
    refusals: [],
  };
}
