import { type ApprovalRequirement, approvalFor } from "./approvals.js";
import { waysWithinBudget } from "./budget.js";
import { type CostEstimate, type CostResult, describeEstimate, estimateHourlyEndpointCost, estimateJobCost, formatUsd, lookupPrice, suggestInstanceType } from "./cost.js";
import { formatDuration } from "./duration.js";
import { checkHyperparameters, checkPipelineParameters, checkTuning, type HyperparameterFacts, type TuningFacts } from "./hyperparameters.js";
import { describeAllowedImages, describeImage, endpointOwners, type ImageRef, imageAllowed, outputOwners, uriWithin, uriWithinAny, withClosingSlash } from "./matchers.js";
import { isAdmin, isListed, mentionChannel, mentionUser, type Requester, rolesOf } from "./membership.js";
import { type ActionKind, ANYONE, type BlueGreen, type EnvironmentPolicy, type Mode, type Policy } from "./policy-schema.js";
import { type Refusal, refuse } from "./refusal.js";
import { closestMatch } from "./suggest.js";

export { type ApprovalRequirement, canApprove } from "./approvals.js";
export type { HyperparameterFacts, TuningFacts } from "./hyperparameters.js";
export type { ImageRef } from "./matchers.js";
export { isAdmin, type Requester, rolesOf } from "./membership.js";
export { type Refusal, RULE_IDS } from "./refusal.js";


/** A model package version a deploy, batch transform or rollback would use. */
export interface ModelRef {
  packageGroup?: string;
  version?: number;
  /** SageMaker's ModelApprovalStatus: Approved, PendingManualApproval, Rejected. */
  approvalStatus: string;
  /** The version's ARN, so its approval can be read again before the plan runs. */
  arn?: string;
}

/**
 * An endpoint a deploy or rollback would change, and what says which environment it belongs to
 * besides the policy: its `sageops:environment` tag, and where sageops last changed it.
 */
export interface EndpointFacts {
  name: string;
  tagged?: string;
  lastChangedIn?: string;
}

/** A person's recent activity, from the store; plans confirmed but not yet started count as jobs. */
export interface Usage {
  jobsLastHour: number;
  concurrentJobs: number;
  /** Plans this person asked for in the last minute. */
  plansLastMinute?: number;
  /** Plans asked for in this channel in the last minute, by anyone. */
  channelPlansLastMinute?: number;
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
  /** train, tune: the static hyperparameters to send. */
  hyperparameters?: HyperparameterFacts;
  /** tune: trials, trials at a time, and the ranges searched. */
  tuning?: TuningFacts;
  /** pipeline: the parameters to pass. */
  pipelineParameters?: Readonly<Record<string, string>>;
  /** deploy, rollback: the endpoint changed. */
  endpoint?: EndpointFacts;
  /** Set by /sageops freeze. */
  frozen: boolean;
  /** The requester's recent activity, from the store. */
  usage: Usage;
  /** "plan" when a plan is being made (plan-rate limits apply); "recheck" at Confirm, Approve and execution. */
  stage?: "plan" | "recheck";
  /** SAGEOPS_DRY_RUN: plans work, nothing is sent, whatever the environment says. */
  forceDryRun?: boolean;
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
  "approve-model": "approving model versions",
  "reject-model": "rejecting model versions",
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
  "approve-model": ["model"],
  "reject-model": ["model"],
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
  const refusals = checkEndpoint(policy, input, env);
  if (env.channels.includes(ANYONE) || env.channels.includes(input.channelId)) return refusals;
  return [
    ...refusals,
    refuse(
      "where.channel",
      `Requests for ${input.environment} are taken only in ${env.channels.map(mentionChannel).join(", ")}; ask there instead of ${mentionChannel(input.channelId)}.`,
      env.channels,
    ),
  ];
}

interface EndpointOwner {
  environments: string[];
  source: "policy" | "tag" | "history";
}

const OWNER_SOURCE: Record<EndpointOwner["source"], string> = {
  policy: "the policy lists it under that environment's endpoints",
  tag: "its sageops:environment tag says so",
  history: "sageops last changed it there",
};

/** Which environment an endpoint belongs to: the policy first, then its tag, then sageops's last change to it. */
export function endpointOwner(policy: Policy, endpoint: EndpointFacts): EndpointOwner | undefined {
  const listed = endpointOwners(policy, endpoint.name);
  if (listed.length > 0) return { environments: listed, source: "policy" };
  if (endpoint.tagged) return { environments: [endpoint.tagged], source: "tag" };
  if (endpoint.lastChangedIn) return { environments: [endpoint.lastChangedIn], source: "history" };
  return undefined;
}

function checkEndpoint(policy: Policy, input: GuardInput, env: EnvironmentPolicy): Refusal[] {
  if (!input.endpoint) return [];
  const name = input.endpoint.name;
  const owner = endpointOwner(policy, input.endpoint);
  if (owner) {
    if (owner.environments.includes(input.environment)) return [];
    const home = owner.environments.join(" and ");
    return [
      refuse(
        "where.endpoint",
        `Endpoint \`${name}\` belongs to ${home} (${OWNER_SOURCE[owner.source]}), so it changes only under ${home}'s rules, not ${input.environment}'s. Ask again with \`env=${owner.environments[0] ?? ""}\`, or leave env= out.`,
        owner.environments,
      ),
    ];
  }
  if (env.allowUnownedEndpoints) return [];
  return [
    refuse(
      "where.endpoint",
      `Endpoint \`${name}\` belongs to no environment (no environment's endpoints list it, it has no sageops:environment tag, and sageops never changed it), and ${input.environment} does not allow changing endpoints it does not own. Ask ${adminsToAsk(policy)} to add it to an environment's endpoints in the policy.`,
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
  if (outside.length > 0) {
    const slashes = outside.map((uri) => withClosingSlash(uri, env.inputPrefixes)).filter((uri): uri is string => uri !== undefined);
    refusals.push(
      refuse(
        "what.input-prefix",
        `${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} outside the input prefixes allowed in ${where}; allowed: ${list(env.inputPrefixes)}.${slashes.length > 0 ? ` A prefix without its closing slash also reads every key that merely starts the same way; did you mean ${slashes.join(", ")}?` : ""}`,
        env.inputPrefixes,
      ),
    );
  }
  if (input.outputUri !== undefined && !uriWithin(input.outputUri, env.outputPrefix)) {
    const slash = withClosingSlash(input.outputUri, [env.outputPrefix]);
    refusals.push(refuse("what.output-prefix", `Output ${input.outputUri} is outside the output prefix of ${where}; allowed: ${env.outputPrefix}.${slash ? ` Did you mean ${slash}?` : ""}`, [env.outputPrefix]));
  } else if (input.outputUri !== undefined) {
    const owners = outputOwners(policy, input.outputUri);
    if (owners.length > 0 && !owners.includes(where))
      refusals.push(
        refuse("where.output-owner", `Output ${input.outputUri} lies in ${owners.join(" and ")}'s output location, which ${where} may not write to; write under ${env.outputPrefix} outside it, or ask in ${owners.join(" or ")}.`, owners),
      );
  }
  if (input.hyperparameters) refusals.push(...checkHyperparameters(env, where, input.hyperparameters));
  if (input.tuning) refusals.push(...checkTuning(env, where, input.tuning, input.hyperparameters?.recipeRanges));
  if (input.pipelineParameters) refusals.push(...checkPipelineParameters(input.pipelineParameters));
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

/** Plans asked for in the last minute: so one person, or one channel, cannot bury everyone else's. */
function checkPlanRate(policy: Policy, input: GuardInput): Refusal[] {
  if (input.stage !== "plan") return [];
  const { limits } = policy;
  const refusals: Refusal[] = [];
  const mine = input.usage.plansLastMinute ?? 0;
  if (mine >= limits.plansPerMinute)
    refusals.push(refuse("how-often.plans-per-minute", `You asked for ${mine} plans in the last minute; the limit is ${limits.plansPerMinute} a minute per person. Wait a minute, or confirm or cancel the plans you have.`));
  const channel = input.usage.channelPlansLastMinute ?? 0;
  if (channel >= limits.channelPlansPerMinute)
    refusals.push(refuse("how-often.channel-plans-per-minute", `${channel} plans were asked for in ${mentionChannel(input.channelId)} in the last minute; the limit is ${limits.channelPlansPerMinute} a minute per channel. Try again in a minute.`));
  return refusals;
}

function checkHowOften(policy: Policy, input: GuardInput): Refusal[] {
  const refusals: Refusal[] = checkPlanRate(policy, input);
  if (!RATE_LIMITED.has(input.action)) return refusals;
  const { limits } = policy;
  if (input.usage.jobsLastHour >= limits.jobsPerHour)
    refusals.push(
      refuse(
        "how-often.jobs-per-hour",
        `You started or confirmed ${input.usage.jobsLastHour} job${input.usage.jobsLastHour === 1 ? "" : "s"} in the last hour; the limit is ${limits.jobsPerHour} per hour per person. Try again later.`,
      ),
    );
  if (input.usage.concurrentJobs >= limits.concurrentJobs)
    refusals.push(
      refuse(
        "how-often.concurrent-jobs",
        `You have ${input.usage.concurrentJobs} job${input.usage.concurrentJobs === 1 ? "" : "s"} running or confirmed to start; the limit is ${limits.concurrentJobs} at a time per person. Wait for one to finish, or stop or cancel one.`,
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
