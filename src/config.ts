import { z } from "zod";

/** Run modes (docs/architecture.md, section 3), picked from which Slack credentials are present. */
export type RunMode = "socket" | "http" | "console";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional())
  .optional();

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith("xoxb-", "must be a bot token starting with xoxb-").optional()),
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith("xapp-", "must be an app-level token starting with xapp-").optional()),
  SLACK_SIGNING_SECRET: optionalText,
  PORT: optionalText.pipe(z.string().regex(/^\d+$/, "must be a port number").transform(Number).pipe(z.number().int().min(1, "must be a port number from 1 to 65535").max(65535, "must be a port number from 1 to 65535")).optional()),
  SLACK_API_URL: optionalUrl,
  AWS_REGION: optionalText.pipe(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "must be an AWS region such as us-east-1").optional()),
  AWS_DEFAULT_REGION: optionalText,
  AWS_ENDPOINT_URL: optionalUrl,
  AWS_ENDPOINT_URL_SAGEMAKER: optionalUrl,
  AWS_ENDPOINT_URL_S3: optionalUrl,
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: optionalUrl,
  AWS_ENDPOINT_URL_SQS: optionalUrl,
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_PROFILE: optionalText,
  AWS_WEB_IDENTITY_TOKEN_FILE: optionalText,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: optionalText,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: optionalText,
  BEDROCK_MODEL_ID: optionalText,
  SAGEOPS_POLICY: optionalText,
  SAGEOPS_DB: optionalText,
  // Never echoed: the URL may carry a password.
  SAGEOPS_DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine((value) => {
        try {
          return ["postgres:", "postgresql:"].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      }, "must be a PostgreSQL connection URL such as postgresql://user:password@host:5432/sageops")
      .optional(),
  ),
  SAGEOPS_EVENTS_QUEUE_URL: optionalUrl,
  SAGEOPS_DRY_RUN: optionalText.pipe(z.stringbool({ error: "must be true or false" }).optional()),
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(", ")}` }).optional()),
});

export interface Config {
  mode: RunMode;
  slack: {
    botToken?: string;
    appToken?: string;
    signingSecret?: string;
    /** Base URL of the Web API, with a trailing slash; undefined means Slack's own. */
    apiUrl?: string;
  };
  port: number;
  aws: {
    region: string;
    /** Endpoint overrides as the SDK's standard variables give them. */
    endpoints: { sagemaker?: string; s3?: string; bedrockRuntime?: string; sqs?: string };
    /** True when an endpoint or any credential source is configured; false means "use the sandbox". */
    configured: boolean;
  };
  bedrockModelId?: string;
  /** The SQS queue SageMaker's EventBridge state-change events arrive on; unset means polling only. */
  eventsQueueUrl?: string;
  policyPath: string;
  /** True when SAGEOPS_POLICY was given explicitly (then a missing file is an error). */
  policyPathExplicit: boolean;
  dbPath: string;
  /** True when SAGEOPS_DB was given explicitly. */
  dbPathExplicit: boolean;
  /** SAGEOPS_DATABASE_URL: the store is in PostgreSQL, shared by every replica (SQLite's file is then unused). */
  databaseUrl?: string;
  dryRun: boolean;
  logLevel?: (typeof LOG_LEVELS)[number];
}

/** A configuration problem: names the variable, never its value. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** The only reader of the environment. Throws ConfigError on the first problem found. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new ConfigError(variable, issue?.message ?? "is invalid");
  }
  const e = parsed.data;

  let mode: RunMode;
  if (e.SLACK_BOT_TOKEN && e.SLACK_APP_TOKEN) mode = "socket";
  else if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) mode = "http";
  else if (e.SLACK_BOT_TOKEN)
    throw new ConfigError(
      "SLACK_APP_TOKEN",
      "is missing: with SLACK_BOT_TOKEN set, also set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)",
    );
  else if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)
    throw new ConfigError(
      "SLACK_BOT_TOKEN",
      `is missing: ${e.SLACK_APP_TOKEN ? "SLACK_APP_TOKEN" : "SLACK_SIGNING_SECRET"} is set, but Slack modes also need the bot token`,
    );
  else mode = "console";

  const endpoints = {
    sagemaker: e.AWS_ENDPOINT_URL_SAGEMAKER ?? e.AWS_ENDPOINT_URL,
    s3: e.AWS_ENDPOINT_URL_S3 ?? e.AWS_ENDPOINT_URL,
    bedrockRuntime: e.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ?? e.AWS_ENDPOINT_URL,
    sqs: e.AWS_ENDPOINT_URL_SQS ?? e.AWS_ENDPOINT_URL,
  };
  const configured = Boolean(
    endpoints.sagemaker ||
      e.AWS_ACCESS_KEY_ID ||
      e.AWS_PROFILE ||
      e.AWS_WEB_IDENTITY_TOKEN_FILE ||
      e.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
      e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
  );

  return {
    mode,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL ? withTrailingSlash(e.SLACK_API_URL) : undefined,
    },
    port: e.PORT ?? 3000,
    aws: { region: e.AWS_REGION ?? e.AWS_DEFAULT_REGION ?? "us-east-1", endpoints, configured },
    bedrockModelId: e.BEDROCK_MODEL_ID,
    eventsQueueUrl: e.SAGEOPS_EVENTS_QUEUE_URL,
    policyPath: e.SAGEOPS_POLICY ?? "./policy.yml",
    policyPathExplicit: e.SAGEOPS_POLICY !== undefined,
    dbPath: e.SAGEOPS_DB ?? "./data/sageops.db",
    dbPathExplicit: e.SAGEOPS_DB !== undefined,
    databaseUrl: e.SAGEOPS_DATABASE_URL,
    dryRun: e.SAGEOPS_DRY_RUN ?? false,
    logLevel: e.LOG_LEVEL,
  };
}
