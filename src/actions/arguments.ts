/**
 * The key=value arguments of `/train`, `/deploy` and `/sageops tune|pipeline|stop`, parsed
 * strictly: a value that is typed wrong is a problem named back to the person, never silently
 * dropped (plain-language requests go through the interpreter instead).
 */

import { formatDuration, parseDuration } from "../guard/duration.js";
import { isObjectBuiltinName } from "../guard/hyperparameters.js";
import { INSTANCE_TYPE, type RequestParams, S3_URI, SAGEMAKER_NAME } from "../interpret/schema.js";
import { ownValue, withoutPrototype } from "../kernel/lookup.js";
import type { Problem, Result } from "../kernel/result.js";

interface ParsedArguments {
  /** Bare words, in order (recipe, group/version, "to", endpoint...). */
  words: string[];
  params: RequestParams;
  /** key=value pairs that are not sageops parameters: hyperparameters or pipeline parameters. */
  extra: Record<string, string>;
}

const HYPERPARAMETER_NAME = /^[A-Za-z0-9_.:-]{1,256}$/;
const MAX_COUNT = 1000;
const MAX_RUNTIME = 28 * 24 * 3600;

type Setter = (value: string, params: RequestParams) => Problem | undefined;

function s3(key: "data" | "output"): Setter {
  return (value, params) => {
    if (!S3_URI.test(value)) return { what: `\`${key}=${value}\` is not an S3 URI.`, fix: `Write it as \`${key}=s3://bucket/prefix/\`.` };
    params[key] = value;
    return undefined;
  };
}

const SETTERS: Record<string, Setter> = withoutPrototype({
  data: s3("data"),
  input: s3("data"),
  output: s3("output"),
  instance: (value, params) => {
    if (!INSTANCE_TYPE.test(value)) return { what: `\`instance=${value}\` is not a SageMaker instance type.`, fix: "Instance types look like `ml.m5.xlarge`." };
    params.instanceType = value;
    return undefined;
  },
  count: (value, params) => {
    const count = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) return { what: `\`count=${value}\` is not a usable instance count.`, fix: "Give a whole number of instances, at least 1 (the policy sets the maximum per environment)." };
    params.instanceCount = Math.min(count, 100);
    if (count > 100) return { what: `\`count=${value}\` is more instances than SageMaker allows in one job (100).`, fix: "Ask for fewer instances." };
    return undefined;
  },
  "max-runtime": (value, params) => {
    const seconds = parseDuration(value);
    if (seconds === undefined || seconds > MAX_RUNTIME) return { what: `\`max-runtime=${value}\` is not a duration I can use.`, fix: `Write it like \`2h\`, \`90m\` or \`1h30m\` (at most ${formatDuration(MAX_RUNTIME)}).` };
    params.maxRuntimeSeconds = seconds;
    return undefined;
  },
  env: (value, params) => {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(value)) return { what: `\`env=${value}\` is not an environment name.`, fix: "Environments are named like `dev` or `prod`; `/sageops policy` lists yours." };
    params.environment = value;
    return undefined;
  },
  trials: (value, params) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 500) return { what: `\`trials=${value}\` is not a usable number of tuning trials.`, fix: "Give a whole number from 1 to 500." };
    params.trials = Number(value);
    return undefined;
  },
  parallel: (value, params) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) return { what: `\`parallel=${value}\` is not a usable number of parallel trials.`, fix: "Give a whole number from 1 to 100." };
    params.parallel = Number(value);
    return undefined;
  },
});
SETTERS["max_runtime"] = SETTERS["max-runtime"] as Setter;
SETTERS["environment"] = SETTERS["env"] as Setter;
SETTERS["instance-type"] = SETTERS["instance"] as Setter;
SETTERS["instance_type"] = SETTERS["instance"] as Setter;

/**
 * One option by its key (`data`, `instance`, `count`, `env`, ...), checked and set on `params`;
 * the problem when the value is wrong, or when no such option exists. Forms use it field by field.
 */
export function applyOption(params: RequestParams, key: string, value: string): Problem | undefined {
  const setter = ownValue(SETTERS, key.toLowerCase());
  if (!setter) return { what: `\`${key}\` is not an option I know.`, fix: "Options are env=, instance=, count=, data=, output=, max-runtime=, trials= and parallel=." };
  return setter(value, params);
}

/** Slack wraps URLs and channel references in <...>; unwrap them before parsing. */
function unwrapSlack(text: string): string {
  return text.replace(/<((?:s3|https?):\/\/[^|>]+)(\|[^>]*)?>/g, "$1");
}

export function parseArguments(text: string): Result<ParsedArguments> {
  const words: string[] = [];
  const params: RequestParams = {};
  const extra: Record<string, string> = withoutPrototype({});
  for (const token of unwrapSlack(text).trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf("=");
    if (eq <= 0) {
      words.push(token);
      continue;
    }
    const key = token.slice(0, eq);
    const value = token.slice(eq + 1);
    if (value === "") return { ok: false, problem: { what: `\`${key}=\` has no value.`, fix: `Write it as \`${key}=<value>\` with no spaces around \`=\`.` } };
    const setter = ownValue(SETTERS, key.toLowerCase());
    if (setter) {
      const problem = setter(value, params);
      if (problem) return { ok: false, problem };
      continue;
    }
    if (!HYPERPARAMETER_NAME.test(key)) return { ok: false, problem: { what: `\`${key}\` is not a parameter name I can pass on.`, fix: "Parameter names use letters, digits, `_`, `.`, `:` and `-`." } };
    if (isObjectBuiltinName(key)) return { ok: false, problem: { what: `\`${key}\` is not a parameter I know.`, fix: "Check the spelling; options are env=, instance=, count=, data=, output=, max-runtime=, trials=, parallel=, or the recipe's hyperparameters." } };
    extra[key] = value;
  }
  return { ok: true, value: { words, params, extra } };
}

/** A SageMaker resource name from a bare word, or a problem naming the pattern. */
export function resourceName(word: string | undefined, what: string, example: string): Result<string> {
  if (word === undefined || word === "") return { ok: false, problem: { what: `Which ${what}?`, fix: `For example: \`${example}\`.` } };
  if (!SAGEMAKER_NAME.test(word)) return { ok: false, problem: { what: `\`${word}\` is not a valid ${what} name.`, fix: "SageMaker names use letters, digits and single hyphens, start with a letter or digit, and have at most 63 characters." } };
  return { ok: true, value: word };
}
