import { z } from "zod";
import { BUILTIN_ALGORITHMS, describeBuiltins, isKnownBuiltin } from "../catalog/algorithms.js";
import { Environment as EnvironmentName, INSTANCE_TYPE, S3_URI, SAGEMAKER_NAME } from "../interpret/schema.js";
import { withoutPrototype } from "../kernel/lookup.js";
import { parseDuration } from "./duration.js";

/**
 * The actions the guard decides on. `batch` and `rollback` are the deploy intent's other modes;
 * `approve-model` and `reject-model` set a registered version's approval status.
 */
export const ACTION_KINDS = ["train", "tune", "pipeline", "stop", "deploy", "batch", "rollback", "approve-model", "reject-model"] as const;
export const ActionKind = z.enum(ACTION_KINDS);
export type ActionKind = z.infer<typeof ActionKind>;

export const MODES = ["live", "dry-run"] as const;
export type Mode = (typeof MODES)[number];

/** Anyone, in a role's users or an environment's channels. */
export const ANYONE = "*";


/** SageMaker's longest training job (28 days). */
const MAX_RUNTIME_SECONDS = 28 * 24 * 3600;

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const SLACK_GROUP = /^S[A-Z0-9]{2,}$/;
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,}$/;
const ROLE_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const S3_PREFIX = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/([^\s]*\/)?$/;
/** registry/repository[:tag|@digest], optionally ending in * to allow every tag (or repository) starting so. */
const IMAGE_PATTERN = /^[a-z0-9][a-z0-9.-]*(:\d+)?\/[a-z0-9._/-]+((:[A-Za-z0-9._-]*)|(@sha256:[a-f0-9]{64}))?\*?$/;
const IMAGE_URI = /^[a-z0-9][a-z0-9.-]*(:\d+)?\/[a-z0-9._/-]+((:[A-Za-z0-9._-]+)|(@sha256:[a-f0-9]{64}))?$/;
const ALARM_NAME = /^(?!\s)[^\n]{1,255}$/;
const HYPERPARAMETER_NAME = /^[A-Za-z0-9_.:-]{1,256}$/;
const DATA_CHANNEL_NAME = /^[A-Za-z0-9.\-_]{1,64}$/;
/** An endpoint name, or a pattern with * standing for any characters ("churn-dev-*"). */
const ENDPOINT_PATTERN = /^(?=.{1,63}$)[A-Za-z0-9*](-*[A-Za-z0-9*])*$/;
/** A hyperparameter name, or a pattern with * ("sagemaker_*"). */
const HYPERPARAMETER_PATTERN = /^[A-Za-z0-9_.:*-]{1,256}$/;

const UserId = z.string().regex(SLACK_USER, "must be a Slack user id such as U0ENGINEER");
const GroupId = z.string().regex(SLACK_GROUP, "must be a Slack user group id such as S0MLTEAM");
const ChannelId = z.string().regex(SLACK_CHANNEL, "must be a Slack channel id such as C0MLOPS");
const RoleName = z.string().regex(ROLE_NAME, "must be a role name: lower-case letters, digits, - or _, starting with a letter");

const S3Prefix = z
  .string()
  .regex(S3_PREFIX, "must be an S3 prefix such as s3://bucket/path/ (ending in /, so that s3://bucket/churn does not also cover s3://bucket/churn-private/)");
const S3Uri = z.string().regex(S3_URI, "must be an S3 URI such as s3://bucket/path/");
const InstanceType = z.string().regex(INSTANCE_TYPE, "must be a SageMaker instance type such as ml.m5.xlarge");
const Usd = z.number({ error: "must be an amount in US dollars, such as 20" }).positive("must be more than 0");

/** A duration: seconds, or text such as "2h", "90m", "3600s", "1h30m". Parsed to seconds. */
function duration(max: number, maxText: string) {
  return z
    .union([z.number(), z.string()], { error: 'must be a duration such as "2h", "90m", "3600s", or a number of seconds' })
    .transform((value, ctx) => {
      const seconds = parseDuration(value);
      if (seconds === undefined) {
        ctx.addIssue({ code: "custom", message: `must be a duration such as "2h", "90m", "3600s", or a number of seconds (got ${JSON.stringify(value)})` });
        return z.NEVER;
      }
      if (seconds > max) {
        ctx.addIssue({ code: "custom", message: `must be at most ${maxText}` });
        return z.NEVER;
      }
      return seconds;
    });
}

/** YAML reads 1 and 1.5 as numbers; versions and hyperparameter values are text to SageMaker. */
const Text = z.union([z.string(), z.number(), z.boolean()], { error: "must be text or a number" }).transform(String);

/** "xgboost:1.7-1" (one version) or "xgboost" (every version sageops knows). */
const AlgorithmRef = z
  .string({ error: 'must be written "name:version" in quotes, such as "xgboost:1.7-1" (or a name alone for every version)' })
  .transform((value) => {
    const [name = "", version] = value.split(":", 2);
    return { name, version: version === undefined || version === "" ? undefined : version };
  })
  .superRefine((ref, ctx) => {
    const known = ref.version === undefined ? Object.hasOwn(BUILTIN_ALGORITHMS, ref.name) : isKnownBuiltin(ref.name, ref.version);
    if (!known) ctx.addIssue({ code: "custom", message: `is not a built-in algorithm and version sageops knows; known: ${describeBuiltins()}` });
  });

const Role = z.strictObject({
  description: z.string().optional(),
  /** Slack user ids; "*" means every user. */
  users: z.array(z.union([z.literal(ANYONE), UserId], { error: 'must be a Slack user id such as U0ENGINEER, or "*" for everyone' })).default([]),
  /** Slack user group ids (S...): their members hold the role. */
  groups: z.array(GroupId).default([]),
});
export type Role = z.output<typeof Role>;

const RoleList = z.array(RoleName);

const Actions = z.strictObject({
  train: RoleList.default([]),
  tune: RoleList.default([]),
  pipeline: RoleList.default([]),
  stop: RoleList.default([]),
  deploy: RoleList.default([]),
  batch: RoleList.default([]),
  rollback: RoleList.default([]),
  "approve-model": RoleList.default([]),
  "reject-model": RoleList.default([]),
});

const Approval = z.strictObject({
  /** How many different people must approve. */
  required: z.number().int().min(1, "must be at least 1 (leave approval out for none)").max(5),
  /** The role approvers must hold. */
  role: RoleName,
  /** Which actions need approval; every action when left out. */
  actions: z.array(ActionKind).optional(),
});

/** SageMaker's traffic wait interval and termination wait are each at most an hour. */
const Wait = duration(3600, "1h");

const TrafficRouting = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("ALL_AT_ONCE"), waitInterval: Wait.optional() }),
    z.strictObject({ type: z.literal("CANARY"), canarySizePercent: z.number().int().min(1).max(99), waitInterval: Wait }),
    z.strictObject({ type: z.literal("LINEAR"), linearStepPercent: z.number().int().min(1).max(99), waitInterval: Wait }),
  ],
  { error: "must have type ALL_AT_ONCE, CANARY (with canarySizePercent and waitInterval) or LINEAR (with linearStepPercent and waitInterval)" },
);

const BlueGreen = z.strictObject({
  trafficRouting: TrafficRouting,
  /** How long the old fleet stays up after traffic moved, for a fast rollback. */
  terminationWait: Wait.optional(),
  /** CloudWatch alarm names; any of them firing during the update rolls it back. */
  alarms: z.array(z.string().regex(ALARM_NAME, "must be a CloudWatch alarm name")).default([]),
});
export type BlueGreen = z.output<typeof BlueGreen>;

const HyperparameterRules = z.strictObject({
  /** When given, a request may set only hyperparameters matching these names or patterns (the recipe's own always pass). */
  allow: z.array(z.string().regex(HYPERPARAMETER_PATTERN, 'must be a hyperparameter name or a pattern such as "sagemaker_*"')).optional(),
  /** Names or patterns a request may never set. Framework keys (sagemaker_*) are denied unless allow names them. */
  deny: z.array(z.string().regex(HYPERPARAMETER_PATTERN, 'must be a hyperparameter name or a pattern such as "sagemaker_*"')).default([]),
});

/** What to run when an endpoint drifts: a recipe to train, or a pipeline to start. */
const Retrain = z.union(
  [
    z.strictObject({ recipe: z.string().regex(SAGEMAKER_NAME, "must be a recipe name"), environment: EnvironmentName.optional() }),
    z.strictObject({ pipeline: z.string().regex(SAGEMAKER_NAME, "must be a pipeline name"), environment: EnvironmentName.optional() }),
  ],
  { error: "must be { recipe: <name> } or { pipeline: <name> }, optionally with environment" },
);

/** One endpoint this environment watches for drift, where its alerts go, and what retrains it. */
const DriftWatch = z.strictObject({
  endpoint: z.string().regex(SAGEMAKER_NAME, "must be an endpoint name"),
  /** Channels that get its alerts without anyone subscribing (default: the environment's alertChannel). */
  channels: z.array(ChannelId).optional(),
  retrain: Retrain.optional(),
  /** A pipeline whose QualityCheck and ClarifyCheck steps check this endpoint's data or model. */
  checkPipeline: z.string().regex(SAGEMAKER_NAME, "must be a pipeline name").optional(),
  /** Where a team's own drift job writes reports in Model Monitor's format (one folder per run). */
  reportPrefix: S3Prefix.optional(),
});

const Drift = z.strictObject({
  /** Roles that may subscribe channels to this environment's endpoints (default: those who may deploy here). */
  subscribers: z.array(RoleName).optional(),
  watch: z.array(DriftWatch).default([]),
});
export type DriftWatch = z.output<typeof DriftWatch>;

const EnvironmentSettings = z.strictObject({
  description: z.string().optional(),
  mode: z.enum(MODES, { error: 'must be "live" or "dry-run"' }),
  /** AWS region of this environment; the bot's region when left out. */
  region: z.string().regex(REGION, "must be an AWS region such as us-east-1").optional(),
  executionRoleArn: z.string().regex(ROLE_ARN, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/sageops-dev-execution"),
  inputPrefixes: z.array(S3Prefix).min(1, "must list at least one S3 prefix"),
  outputPrefix: S3Prefix,
  instanceTypes: z.array(InstanceType).min(1, "must list at least one instance type"),
  maxInstanceCount: z.number().int().min(1).max(100),
  maxRuntime: duration(MAX_RUNTIME_SECONDS, "28 days (SageMaker's limit)"),
  maxCostPerJobUsd: Usd,
  maxHourlyEndpointCostUsd: Usd,
  algorithms: z.array(AlgorithmRef).default([]),
  images: z.array(z.string().regex(IMAGE_PATTERN, "must be an image URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1, optionally ending in *")).default([]),
  actions: Actions,
  channels: z.array(z.union([z.literal(ANYONE), ChannelId], { error: 'must be a Slack channel id such as C0MLOPS, or "*" for any channel' })).min(1, "must list at least one channel"),
  approval: Approval.optional(),
  requireApprovedModels: z.boolean().optional(),
  blueGreen: BlueGreen.optional(),
  alertChannel: ChannelId.optional(),
  /** Endpoints this environment owns (names, or patterns with *): they change only under its rules. */
  endpoints: z.array(z.string().regex(ENDPOINT_PATTERN, 'must be an endpoint name or a pattern such as "churn-dev-*"')).default([]),
  /** Whether requests here may change endpoints that no environment owns (by the policy, a tag or an earlier sageops change). */
  allowUnownedEndpoints: z.boolean().default(false),
  /** Which hyperparameters a request may set here. */
  hyperparameters: HyperparameterRules.default({ deny: [] }),
  /** Most trials a tuning job may run at once here. */
  maxParallelTrials: z.number().int().min(1).max(100).default(10),
  /** Drift alerts: who may subscribe, and the endpoints watched with their channels, retraining and sources. */
  drift: Drift.default({ watch: [] }),
});

/** Environments named prod or production accept only approved model versions unless told otherwise. */
function requiresApprovedModelsByDefault(name: string): boolean {
  return name === "prod" || name === "production";
}

/** The shared environment name rule, with a message a person can act on. */
const EnvironmentKey = z
  .string()
  .refine((name) => EnvironmentName.safeParse(name).success, "must be an environment name: lower-case letters, digits and -, starting with a letter, at most 32 characters");

const Environments = z
  .record(EnvironmentKey, EnvironmentSettings)
  .refine((environments) => Object.keys(environments).length > 0, "must define at least one environment")
  .transform((environments) =>
    withoutPrototype(
      Object.fromEntries(
        Object.entries(environments).map(([name, env]) => [name, { ...env, requireApprovedModels: env.requireApprovedModels ?? requiresApprovedModelsByDefault(name) }]),
      ),
    ),
  );

const Range = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("continuous"), min: z.number(), max: z.number(), scaling: z.enum(["Auto", "Linear", "Logarithmic", "ReverseLogarithmic"]).default("Auto") }),
    z.strictObject({ type: z.literal("integer"), min: z.number().int(), max: z.number().int(), scaling: z.enum(["Auto", "Linear", "Logarithmic"]).default("Auto") }),
    z.strictObject({ type: z.literal("categorical"), values: z.array(Text).min(1) }),
  ],
  { error: "must have type continuous or integer (with min and max) or categorical (with values)" },
);
export type HyperparameterRange = z.output<typeof Range>;

const Tuning = z.strictObject({
  objective: z.strictObject({ metric: z.string().min(1), type: z.enum(["Maximize", "Minimize"], { error: "must be Maximize or Minimize" }) }),
  ranges: z.record(z.string().regex(HYPERPARAMETER_NAME, "must be a hyperparameter name"), Range).transform(withoutPrototype),
  strategy: z.enum(["Bayesian", "Random", "Hyperband", "Grid"]).default("Bayesian"),
  maxTrainingJobs: z.number().int().min(1).max(500).default(10),
  maxParallelJobs: z.number().int().min(1).max(100).default(2),
});

const Recipe = z.strictObject({
  description: z.string().optional(),
  /** A built-in algorithm, e.g. { name: xgboost, version: "1.7-1" } ... */
  algorithm: z
    .strictObject({ name: z.string(), version: Text })
    .superRefine((algorithm, ctx) => {
      if (!isKnownBuiltin(algorithm.name, algorithm.version))
        ctx.addIssue({ code: "custom", message: `${algorithm.name} ${algorithm.version} is not a built-in algorithm and version sageops knows; known: ${describeBuiltins()}` });
    })
    .optional(),
  /** ... or a container image URI (exactly one of the two). */
  image: z.string().regex(IMAGE_URI, "must be an image URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1").optional(),
  hyperparameters: z.record(z.string().regex(HYPERPARAMETER_NAME, "must be a hyperparameter name"), Text).default({}).transform(withoutPrototype),
  tuning: Tuning.optional(),
  /** Data channels: name -> S3 URI and content type. */
  data: z
    .record(z.string().regex(DATA_CHANNEL_NAME, "must be a channel name such as train or validation"), z.strictObject({ uri: S3Uri, contentType: z.string().min(1).optional() }))
    .transform(withoutPrototype),
  /** Where the model artefacts go; under the environment's outputPrefix. */
  output: S3Uri.optional(),
  instanceType: InstanceType,
  instanceCount: z.number().int().min(1).max(100).default(1),
  maxRuntime: duration(MAX_RUNTIME_SECONDS, "28 days (SageMaker's limit)"),
  environment: EnvironmentKey,
});
export type Recipe = z.output<typeof Recipe>;

const Limits = z.strictObject({
  /** Jobs one person may start in any rolling hour. */
  jobsPerHour: z.number().int().min(1).default(10),
  /** Jobs one person may have running at once. */
  concurrentJobs: z.number().int().min(1).default(3),
  /** Plans one person may ask for in any rolling minute (every action), so one person cannot flood a channel. */
  plansPerMinute: z.number().int().min(1).max(1000).default(6),
  /** Plans one channel may receive in any rolling minute, from everyone together. */
  channelPlansPerMinute: z.number().int().min(1).max(1000).default(20),
});

/** A model package group: whose rules its approvals follow, and where its new versions are announced. */
const ModelGroup = z.strictObject({
  description: z.string().optional(),
  /** The environment whose roles, channels, approval and freeze govern approving and rejecting its versions. */
  environment: EnvironmentKey,
  /** Channels told when a new version is registered (with its metrics and Approve, Reject and Compare buttons). */
  channels: z.array(ChannelId).default([]),
});
export type ModelGroup = z.output<typeof ModelGroup>;

export const PolicySchema = z.strictObject({
  version: z.literal(1, { error: "must be 1" }).default(1),
  admins: z.array(UserId).default([]),
  roles: z.record(RoleName, Role).default({}).transform(withoutPrototype),
  limits: Limits.default({ jobsPerHour: 10, concurrentJobs: 3, plansPerMinute: 6, channelPlansPerMinute: 20 }),
  environments: Environments,
  recipes: z.record(z.string().regex(SAGEMAKER_NAME, "must be a recipe name: letters, digits and -"), Recipe).default({}).transform(withoutPrototype),
  /** Model package groups, by name. */
  modelGroups: z.record(z.string().regex(SAGEMAKER_NAME, "must be a model package group name: letters, digits and -"), ModelGroup).default({}).transform(withoutPrototype),
  /** Instance prices (USD per hour) added to or overriding sageops's table. */
  instancePrices: z.record(InstanceType, Usd).default({}).transform(withoutPrototype),
});

export type Policy = z.output<typeof PolicySchema>;
export type EnvironmentPolicy = Policy["environments"][string];
