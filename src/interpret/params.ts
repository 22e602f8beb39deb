import type { IntentId } from "../catalog/ids.js";
import { ownValue } from "../kernel/lookup.js";
import { type KnownKind, looksLikePipeline } from "./inventory.js";
import { KNOWN_HYPERPARAMETERS } from "./lexicon.js";
import { type ModelVersionRef, PIPELINE_RUN_ARN, RequestParams } from "./schema.js";
import type { ChannelRef } from "./slack-text.js";
import { isUnknownName, type Token } from "./tokens.js";

type DeployMode = "realtime" | "batch" | "rollback";
type ParamKey = keyof RequestParams;

/** Which params each intent may carry; anything else is left out so a request says only what it means. */
const ALLOWED: Readonly<Record<IntentId, readonly ParamKey[]>> = {
  train: ["s3Uris", "data", "output", "instanceType", "instanceCount", "maxRuntimeSeconds", "environment", "recipe", "hyperparameters", "channel"],
  tune: ["s3Uris", "data", "output", "instanceType", "instanceCount", "maxRuntimeSeconds", "environment", "recipe", "hyperparameters", "trials", "parallel", "channel"],
  deploy: ["s3Uris", "data", "output", "instanceType", "instanceCount", "environment", "modelPackageGroup", "modelVersion", "endpointName", "channel", "deployMode"],
  status: ["jobName", "endpointName", "pipelineName", "pipelineRunArn", "modelPackageGroup", "modelVersion", "environment", "channel"],
  stop: ["jobName", "endpointName", "pipelineName", "pipelineRunArn", "environment", "channel"],
  drift: ["endpointName", "environment", "channel"],
  // key=value pairs of a pipeline request are pipeline parameters; they travel in `hyperparameters`.
  pipeline: ["s3Uris", "pipelineName", "hyperparameters", "environment", "channel"],
  ask: ["question"],
  help: [],
  unknown: [],
};

/** key=value keys that name a known param (everything else is a hyperparameter or pipeline parameter). */
const KEY_ALIASES: Readonly<Record<string, ParamKey>> = {
  data: "data", input: "data", train: "data", "training-data": "data", training_data: "data",
  output: "output", out: "output",
  instance: "instanceType", "instance-type": "instanceType", instance_type: "instanceType", instancetype: "instanceType", type: "instanceType",
  count: "instanceCount", instances: "instanceCount", "instance-count": "instanceCount", instance_count: "instanceCount",
  "max-runtime": "maxRuntimeSeconds", max_runtime: "maxRuntimeSeconds", maxruntime: "maxRuntimeSeconds", runtime: "maxRuntimeSeconds", timeout: "maxRuntimeSeconds", "max-run": "maxRuntimeSeconds",
  env: "environment", environment: "environment",
  recipe: "recipe",
  group: "modelPackageGroup", model: "modelPackageGroup", "model-package-group": "modelPackageGroup",
  version: "modelVersion",
  endpoint: "endpointName",
  job: "jobName",
  pipeline: "pipelineName",
  trials: "trials", "max-jobs": "trials", max_jobs: "trials", jobs: "trials",
  parallel: "parallel", "max-parallel": "parallel", max_parallel: "parallel", parallelism: "parallel",
  channel: "channel",
  mode: "deployMode",
};

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100,
};

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
};

const ENVIRONMENT_WORDS: Readonly<Record<string, string>> = { dev: "dev", development: "dev", staging: "staging", prod: "prod", production: "prod" };
const ENVIRONMENT_LEADS = new Set(["in", "to", "on", "into", "env", "environment", "for", "against"]);
const RUNTIME_CONTEXT = new Set(["max", "maximum", "runtime", "for", "limit", "timeout", "cap", "within", "most", "up", "under", "budget"]);
const ENDPOINT_LEADS = new Set(["to", "on", "onto", "into", "behind", "at", "from"]);
const SIZE_NOUNS = new Set(["instances", "instance", "nodes", "node", "machines", "machine", "hosts", "host", "gpus"]);

/** A deploy, status or stop request speaks of these kinds of tokens as resource names. */
function isNameToken(token: Token): boolean {
  return token.kind === "name" || token.kind === "endpoint" || token.kind === "job";
}

/** The number a token stands for: digits or a number word. */
function numberOf(token: Token | undefined): number | undefined {
  if (token === undefined) return undefined;
  if (token.kind === "number") return Number(token.raw);
  if (token.kind === "word" && token.words.length === 1) return NUMBER_WORDS[token.words[0] ?? ""];
  return undefined;
}

function wordOf(token: Token | undefined): string {
  return token?.kind === "word" && token.words.length === 1 ? (token.words[0] ?? "") : "";
}

/** A duration as people write it in a sentence: "2h", "90 minutes", "1.5 hours", "1h30m", "45" (minutes); policy and key=value durations use guard/duration.ts. */
function parseSpokenDuration(text: string): number | undefined {
  const compound = /^(\d+)h(\d+)m$/i.exec(text);
  if (compound) return Number(compound[1]) * 3600 + Number(compound[2]) * 60;
  const simple = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i.exec(text);
  if (!simple) return undefined;
  const amount = Number(simple[1]);
  const unit = simple[2]?.toLowerCase();
  const factor = unit === undefined ? 60 : ownValue(UNIT_SECONDS, unit);
  if (factor === undefined) return undefined;
  return Math.round(amount * factor);
}

function parseModelRef(raw: string): { group: string; version?: ModelVersionRef } {
  const match = /^([A-Za-z0-9][\w-]*?)(?:\/(\d+)|@([\w-]+)|:(\d+))$/.exec(raw);
  if (!match || match[1] === undefined) return { group: raw };
  const group = match[1];
  if (match[2] !== undefined) return { group, version: Number(match[2]) };
  if (match[4] !== undefined) return { group, version: Number(match[4]) };
  const label = (match[3] ?? "").toLowerCase();
  if (label === "latest-approved" || label === "approved" || label === "latestapproved") return { group, version: "latest-approved" };
  if (label === "latest") return { group, version: "latest" };
  if (/^v?\d+$/.test(label)) return { group, version: Number(label.replace("v", "")) };
  return { group };
}

function parseVersionValue(value: string): ModelVersionRef | undefined {
  const lower = value.toLowerCase();
  if (/^v?\d+$/.test(lower)) return Number(lower.replace("v", ""));
  if (lower === "latest-approved" || lower === "approved") return "latest-approved";
  if (lower === "latest") return "latest";
  return undefined;
}

interface ParamInput {
  intent: IntentId;
  tokens: readonly Token[];
  channels: readonly ChannelRef[];
  deployMode?: DeployMode;
  question?: RequestParams["question"];
  /** The words are about model versions in the registry ("is version 2 of churn-xgb approved?"). */
  registry?: boolean;
}

/**
 * Pulls the params out of the tokens for the given intent. Every field is checked against the
 * RequestParams schema on its own and dropped when it does not validate, so a request never carries
 * a value an executor would have to re-check.
 */
export function extractParams(input: ParamInput): RequestParams {
  const { intent, tokens } = input;
  const draft: Partial<Record<ParamKey, unknown>> = {};
  const extras: Record<string, string> = {};
  const used = new Set<number>();
  const set = (key: ParamKey, value: unknown): void => {
    if (draft[key] === undefined && value !== undefined) draft[key] = value;
  };

  // key=value pairs first: they are the most explicit.
  for (const token of tokens) {
    if (token.kind !== "kv" || token.key === undefined || token.value === undefined) continue;
    used.add(token.index);
    const key = KEY_ALIASES[token.key.toLowerCase()];
    const value = token.value;
    if (key === undefined) {
      extras[token.key] = value;
      continue;
    }
    switch (key) {
      case "instanceCount":
      case "trials":
      case "parallel":
        set(key, /^\d+$/.test(value) ? Number(value) : undefined);
        break;
      case "maxRuntimeSeconds":
        set(key, parseSpokenDuration(value));
        break;
      case "instanceType":
      case "environment":
        set(key, value.toLowerCase());
        break;
      case "modelVersion":
        set(key, parseVersionValue(value));
        break;
      case "modelPackageGroup": {
        const ref = parseModelRef(value);
        set("modelPackageGroup", ref.group);
        set("modelVersion", ref.version);
        break;
      }
      case "channel":
        set("channel", value.startsWith("#") ? { name: value.slice(1) } : { name: value });
        break;
      case "deployMode":
        set("deployMode", ["realtime", "batch", "rollback"].includes(value.toLowerCase()) ? value.toLowerCase() : undefined);
        break;
      default:
        set(key, value);
    }
  }

  // S3 locations: all of them, in order; "to"/"into"/"output" marks the output of a batch job.
  const s3Uris: string[] = [];
  let freeInput: string | undefined;
  let freeOutput: string | undefined;
  for (const token of tokens) {
    if (token.kind === "s3") {
      s3Uris.push(token.raw);
      const before = wordOf(tokens[token.index - 1]);
      if ((before === "to" || before === "into" || before === "output") && freeOutput === undefined) freeOutput = token.raw;
      else if (freeInput === undefined) freeInput = token.raw;
    } else if (token.kind === "kv" && token.value?.startsWith("s3://")) {
      s3Uris.push(token.value);
    }
  }
  if (s3Uris.length > 0) set("s3Uris", s3Uris);
  set("data", freeInput);
  set("output", freeOutput);

  const instance = tokens.find((token) => token.kind === "instance");
  if (instance) set("instanceType", instance.raw);

  // Instance count: "2 instances", "on 3 ml.m5.xlarge instances", "ml.c5.xlarge x2", "instance count 3".
  for (const token of tokens) {
    const amount = numberOf(token);
    if (amount !== undefined) {
      const next = tokens[token.index + 1];
      const afterNext = tokens[token.index + 2];
      if (SIZE_NOUNS.has(wordOf(next)) || (next?.kind === "instance" && (SIZE_NOUNS.has(wordOf(afterNext)) || wordOf(tokens[token.index - 1]) === "on"))) {
        set("instanceCount", amount);
      }
      if (wordOf(tokens[token.index - 1]) === "count" && wordOf(tokens[token.index - 2]) === "instance") set("instanceCount", amount);
    }
    if (token.kind === "times" && tokens[token.index - 1]?.kind === "instance") set("instanceCount", Number(token.raw.slice(1)));
  }

  // Maximum runtime: a duration with "max", "for", "limit"... around it.
  for (const token of tokens) {
    let seconds: number | undefined;
    let span = 1;
    if (token.kind === "duration") seconds = parseSpokenDuration(token.raw);
    else {
      const amount = numberOf(token);
      const unit = UNIT_SECONDS[wordOf(tokens[token.index + 1])];
      if (amount !== undefined && unit !== undefined) {
        seconds = Math.round(amount * unit);
        span = 2;
      }
    }
    if (seconds === undefined) continue;
    const around = [-3, -2, -1, span, span + 1].map((offset) => wordOf(tokens[token.index + offset]));
    if (around.some((word) => RUNTIME_CONTEXT.has(word))) {
      set("maxRuntimeSeconds", seconds);
      break;
    }
  }

  // Environment: "in dev", "to production", "dev env".
  for (const token of tokens) {
    const environment = ENVIRONMENT_WORDS[wordOf(token)];
    if (environment === undefined) continue;
    const before = wordOf(tokens[token.index - 1]);
    const after = wordOf(tokens[token.index + 1]);
    if (ENVIRONMENT_LEADS.has(before) || after === "env" || after === "environment") {
      set("environment", environment);
      break;
    }
  }

  // Channel: Slack's own reference first (it carries the id), else a #name.
  const slackChannel = input.channels[0];
  if (slackChannel) set("channel", { ...slackChannel });
  else {
    const named = tokens.find((token) => token.kind === "channel");
    if (named) set("channel", { name: named.raw.slice(1) });
  }

  assignNames(input, draft, used);
  if (intent === "deploy") set("deployMode", input.deployMode ?? "realtime");
  if (intent === "ask") set("question", input.question);

  // Hyperparameters: unknown key=value pairs, and known names followed by a value in free text.
  const hyperparameters: Record<string, string> = { ...extras };
  for (const token of tokens) {
    let name: string | undefined;
    let valueIndex = token.index + 1;
    if (token.kind === "ident") name = KNOWN_HYPERPARAMETERS[token.raw.toLowerCase()];
    else if (token.kind === "word" && token.words.length === 1) {
      const word = token.words[0] ?? "";
      const pair = `${word} ${wordOf(tokens[token.index + 1])}`;
      name = ownValue(KNOWN_HYPERPARAMETERS, pair);
      if (name !== undefined) valueIndex += 1;
      else name = word.length > 2 ? ownValue(KNOWN_HYPERPARAMETERS, word) : undefined;
    }
    if (name === undefined || name in hyperparameters) continue;
    if (["of", "to", "at", "="].includes(wordOf(tokens[valueIndex]))) valueIndex += 1;
    const value = tokens[valueIndex];
    if (value?.kind === "number") hyperparameters[name] = value.raw;
  }
  if (Object.keys(hyperparameters).length > 0) set("hyperparameters", hyperparameters);

  // Tuning budget: "20 trials", "max 25 jobs", "4 in parallel", "5 at a time", "parallel 4".
  for (const token of tokens) {
    const amount = numberOf(token);
    if (amount === undefined) continue;
    const next = wordOf(tokens[token.index + 1]);
    const nextTwo = `${next} ${wordOf(tokens[token.index + 2])}`;
    const before = wordOf(tokens[token.index - 1]);
    if (next === "trials" || next === "trial" || (before === "budget" && next !== "parallel")) set("trials", amount);
    else if (next === "parallel" || nextTwo === "in parallel" || nextTwo === "at a" || next === "concurrent" || before === "parallel" || before === "parallelism") set("parallel", amount);
    else if (intent === "tune" && (next === "jobs" || nextTwo === "training jobs") && before !== "parallel") set("trials", amount);
    else if (intent === "tune" && before === "max" && (next === "jobs" || next === "")) set("trials", amount);
  }

  return validated(intent, draft);
}

/** Resource names: which name is the recipe, the model, the endpoint, the job or the pipeline. */
function assignNames(input: ParamInput, draft: Partial<Record<ParamKey, unknown>>, used: Set<number>): void {
  const { intent, tokens } = input;
  const set = (key: ParamKey, value: unknown): void => {
    if (draft[key] === undefined && value !== undefined) draft[key] = value;
  };
  const names = tokens.filter((token) => (isNameToken(token) || token.kind === "ref") && !used.has(token.index));
  // A name the inventory knows as this kind comes first; one it knows only as something else is not taken for it.
  const knownAs = (kind: KnownKind): Token | undefined => names.find((token) => token.known?.includes(kind));
  const maybe = (kind: KnownKind, token: Token): boolean => token.known === undefined || token.known.includes(kind);

  if (intent === "train" || intent === "tune") {
    // A name opening with a digit ("14-uhr-meeting") is a time or a date in words, not a recipe.
    const recipe = knownAs("recipe") ?? names.find((token) => token.kind === "name" && maybe("recipe", token) && !/^\d/.test(token.raw));
    set("recipe", recipe?.raw);
    return;
  }
  if (intent === "pipeline") {
    const pipeline = knownAs("pipeline") ?? names.find((token) => (token.kind === "name" || token.kind === "endpoint") && maybe("pipeline", token));
    set("pipelineName", pipeline?.raw);
    return;
  }
  if (intent === "drift") {
    const endpoint = knownAs("endpoint") ?? names.find((token) => token.kind === "endpoint") ?? names.find((token) => token.kind === "name" && maybe("endpoint", token));
    set("endpointName", endpoint?.raw);
    return;
  }
  if (intent === "status" || intent === "stop") {
    for (const token of names) {
      if (token.kind === "ref") continue;
      if (PIPELINE_RUN_ARN.test(token.raw)) {
        set("pipelineRunArn", token.raw);
        continue;
      }
      const before = wordOf(tokens[token.index - 1]);
      const after = wordOf(tokens[token.index + 1]);
      const only = token.known?.length === 1 ? token.known[0] : undefined;
      const pipelineByLooks = isUnknownName(token) && looksLikePipeline(token.raw);
      if (only === "pipeline" || pipelineByLooks || ["pipeline", "workflow"].includes(before) || ["pipeline", "workflow", "execution"].includes(after)) set("pipelineName", token.raw);
      else if (intent === "status" && (only === "model-group" || (input.registry && token.kind !== "endpoint" && only !== "endpoint" && (token.known === undefined || token.known.includes("model-group") || token.known.includes("recipe"))))) set("modelPackageGroup", token.raw);
      else if (only === "endpoint" || (only === undefined && (token.kind === "endpoint" || before === "endpoint" || after === "endpoint"))) set("endpointName", token.raw);
      else set("jobName", token.raw);
    }
    if (draft.modelPackageGroup !== undefined) set("modelVersion", versionFromWords(tokens));
    return;
  }
  if (intent === "deploy") {
    const mode = input.deployMode ?? "realtime";
    for (const token of names) {
      if (token.kind === "ref") {
        const ref = parseModelRef(token.raw);
        set("modelPackageGroup", ref.group);
        set("modelVersion", ref.version);
        continue;
      }
      const before = wordOf(tokens[token.index - 1]);
      const after = wordOf(tokens[token.index + 1]);
      const followedByVersion = after === "version" || after === "latest" || /^v\d+$/.test(after);
      const endpointLike =
        token.known !== undefined && token.known.includes("endpoint") !== token.known.includes("model-group")
          ? token.known.includes("endpoint")
          : token.kind === "endpoint" || ["endpoint", "named", "called"].includes(before) || after === "endpoint" || (ENDPOINT_LEADS.has(before) && !followedByVersion && draft.modelPackageGroup !== undefined);
      if (mode === "rollback") set("endpointName", token.raw);
      else if (endpointLike && mode !== "batch") set("endpointName", token.raw);
      else set("modelPackageGroup", token.raw);
    }
    if (mode !== "rollback") set("modelVersion", versionFromWords(tokens));
  }
}

/** "version" in the corpus languages, before its number. */
const VERSION_WORDS = new Set(["version", "ver", "versión", "versao", "versão"]);

/** "version 7", "v2", "latest approved", "the latest version". */
function versionFromWords(tokens: readonly Token[]): ModelVersionRef | undefined {
  for (const token of tokens) {
    const word = wordOf(token);
    if (VERSION_WORDS.has(word) && tokens[token.index + 1]?.kind === "number") return Number(tokens[token.index + 1]?.raw);
    if (/^v\d+$/.test(word)) return Number(word.slice(1));
    if (word === "latest" && wordOf(tokens[token.index + 1]) === "approved") return "latest-approved";
    if (word === "approved" && wordOf(tokens[token.index + 1]) === "version") return "latest-approved";
  }
  for (const token of tokens) {
    if (wordOf(token) !== "latest" || wordOf(tokens[token.index + 1]) === "approved") continue;
    const before = tokens[token.index - 1];
    if (["version", "model"].includes(wordOf(tokens[token.index + 1])) || before?.kind === "name") return "latest";
  }
  return undefined;
}

/** Keeps only what the intent may carry and what passes the schema, field by field. */
function validated(intent: IntentId, draft: Partial<Record<ParamKey, unknown>>): RequestParams {
  const result: Record<string, unknown> = {};
  for (const key of ALLOWED[intent]) {
    const value = draft[key];
    if (value === undefined) continue;
    const field = RequestParams.shape[key];
    const parsed = field.safeParse(value);
    if (parsed.success && parsed.data !== undefined) result[key] = parsed.data;
  }
  if (result.hyperparameters !== undefined) {
    const cleaned = cleanHyperparameters(result.hyperparameters);
    if (cleaned === undefined) delete result.hyperparameters;
    else result.hyperparameters = cleaned;
  }
  const whole = RequestParams.safeParse(result);
  return whole.success ? whole.data : {};
}

/** Hyperparameter names and values as SageMaker accepts them (names <= 256 chars, values <= 2500, no blanks). */
function cleanHyperparameters(value: unknown): Record<string, string> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const cleaned: Record<string, string> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (typeof raw !== "string") continue;
    if (!/^[A-Za-z_][\w.:-]{0,255}$/.test(name) || raw.length === 0 || raw.length > 2500 || /\s/.test(raw)) continue;
    cleaned[name] = raw;
  }
  return Object.keys(cleaned).length > 0 ? cleaned : undefined;
}
