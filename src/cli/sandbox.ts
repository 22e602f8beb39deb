/**
 * `sageops sandbox [--port N] [--pace X] [--empty] [--throttle-rate R] [--error-rate R] [--latency-ms MS] [--seed N]`:
 * runs the SageMaker sandbox alone on 127.0.0.1 until interrupted, and says how to point an AWS SDK
 * at it; the fault flags make it throttle, fail or slow down a share of the calls (faults.ts).
 * `sageops sandbox --help` lists the flags.
 * `sageops sandbox run-monitor SCHEDULE [--url URL] [--clean|--violations|--fail]`: asks a running
 * sandbox to run a monitoring schedule now, and `sageops sandbox register-version GROUP [--url URL]
 * [--auc N]` to register a new version of a model package group now, through its control routes
 * (src/sandbox/control-http.ts).
 */
import { z } from "zod";
import { DEFAULT_PACE, type FaultSettings, type Sandbox, startSandbox } from "../sandbox/index.js";
import { EXIT } from "./io.js";

const rate = (flag: string) => {
  const message = `${flag} takes a share of calls from 0 to 1, such as 0.3`;
  return z.coerce.number({ error: message }).min(0, message).max(1, message).optional();
};

const SandboxArgs = z.object({
  port: z.coerce.number({ error: "--port takes a port number (0..65535)" }).int("--port takes a port number (0..65535)").min(0, "--port takes a port number (0..65535)").max(65535, "--port takes a port number (0..65535)").optional(),
  pace: z.coerce.number({ error: "--pace takes a positive number of simulated seconds per real second" }).positive("--pace takes a positive number of simulated seconds per real second").optional(),
  empty: z.literal(true).optional(),
  "throttle-rate": rate("--throttle-rate"),
  "error-rate": rate("--error-rate"),
  "latency-ms": z.coerce.number({ error: "--latency-ms takes whole milliseconds from 0 to 60000" }).int("--latency-ms takes whole milliseconds from 0 to 60000").min(0, "--latency-ms takes whole milliseconds from 0 to 60000").max(60_000, "--latency-ms takes whole milliseconds from 0 to 60000").optional(),
  seed: z.coerce.number({ error: "--seed takes a whole number" }).int("--seed takes a whole number").optional(),
});
type SandboxArgs = z.infer<typeof SandboxArgs>;

const VALUE_FLAGS = ["--port", "--pace", "--throttle-rate", "--error-rate", "--latency-ms", "--seed"] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];
const isValueFlag = (flag: string | undefined): flag is ValueFlag => VALUE_FLAGS.some((known) => known === flag);

const USAGE = "usage: sageops sandbox [--port N] [--pace X] [--empty] [--throttle-rate R] [--error-rate R] [--latency-ms MS] [--seed N]";

export const SANDBOX_HELP = [
  USAGE,
  "",
  "Runs the local SageMaker simulation (with the S3 and SQS slices sageops uses) on 127.0.0.1 until Ctrl-C.",
  "",
  "  --port N           listen on port N (default: a free port)",
  `  --pace X           simulated seconds per real second (default ${DEFAULT_PACE})`,
  "  --empty            start without the example account",
  "  --throttle-rate R  answer a share R (0..1) of calls with ThrottlingException",
  "  --error-rate R     answer a share R (0..1) of calls with HTTP 500 or 503",
  "  --latency-ms MS    hold every answer back MS milliseconds",
  "  --seed N           the same N gives the same sequence of faults",
  "  --help             this text",
  "",
  "  sageops sandbox run-monitor SCHEDULE [--url URL] [--clean|--violations|--fail]",
  "                     asks a running sandbox to run a monitoring schedule now",
  "  sageops sandbox register-version GROUP [--url URL] [--auc N]",
  "                     asks a running sandbox to register a new version of a model package group now",
].join("\n");

function parseArgs(args: string[]): SandboxArgs | string {
  const values: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i];
    if (flag === "--empty") {
      values.empty = true;
      continue;
    }
    const value = args[i + 1];
    if (isValueFlag(flag) && value !== undefined && !value.startsWith("--")) {
      values[flag.slice(2)] = value;
      i += 1;
      continue;
    }
    return isValueFlag(flag) ? `${flag} needs a value (${USAGE})` : `unknown argument ${JSON.stringify(flag)} (${USAGE})`;
  }
  const parsed = SandboxArgs.safeParse(values);
  return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? USAGE);
}

/** The fault flags as the sandbox takes them; undefined when none was given. */
function faultsOf(args: SandboxArgs): FaultSettings | undefined {
  const faults: FaultSettings = {};
  if (args["throttle-rate"] !== undefined) faults.throttleRate = args["throttle-rate"];
  if (args["error-rate"] !== undefined) faults.errorRate = args["error-rate"];
  if (args["latency-ms"] !== undefined) faults.latencyMs = args["latency-ms"];
  if (args.seed !== undefined) faults.randomSeed = args.seed;
  return Object.keys(faults).length > 0 ? faults : undefined;
}

function describeFaults(faults: FaultSettings | undefined): string {
  if (faults === undefined) return "";
  const parts = [
    faults.throttleRate ? `${faults.throttleRate * 100}% of calls throttled` : "",
    faults.errorRate ? `${faults.errorRate * 100}% answered with a server error` : "",
    faults.latencyMs ? `${faults.latencyMs} ms added to every answer` : "",
    faults.randomSeed !== undefined ? `fault sequence seeded with ${faults.randomSeed}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? ` Injected faults: ${parts.join(", ")}.` : "";
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/**
 * Runs the sandbox until SIGINT/SIGTERM (or until `stopWhen` settles, for tests) and returns
 * the exit code: 0 after a clean stop, 2 for bad arguments, 1 if it could not start.
 */
export async function sandboxCommand(args: string[], io: { out: (line: string) => void; err: (line: string) => void }, stopWhen?: Promise<void>): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.out(SANDBOX_HELP);
    return EXIT.ok;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.err(`sageops sandbox: ${parsed}`);
    return 2;
  }
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ port: parsed.port ?? 0, pace: parsed.pace, seed: parsed.empty !== true, faults: faultsOf(parsed) });
  } catch (error) {
    io.err(`sageops sandbox: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.out(sandbox.url);
  io.out(
    `This is a local simulation of SageMaker and S3 (no AWS), ${parsed.pace ?? DEFAULT_PACE} simulated seconds per real second${parsed.empty ? ", empty" : ", with the example account"}. Point an AWS SDK at it with AWS_ENDPOINT_URL=${sandbox.url} (S3 path-style). SageMaker's state-change events arrive on the SQS queue SAGEOPS_EVENTS_QUEUE_URL=${sandbox.eventsQueue.url}. Ctrl-C stops it.${describeFaults(faultsOf(parsed))}`,
  );
  io.out(`Run a monitoring schedule now, without waiting for its hour: sageops sandbox run-monitor <schedule> --url ${sandbox.url} [--clean|--violations|--fail]`);
  io.out(`Register a new model version now, as if one had just been trained: sageops sandbox register-version <group> --url ${sandbox.url} [--auc N]`);
  await (stopWhen ?? untilSignalled());
  await sandbox.close();
  return 0;
}

type Io = { out: (line: string) => void; err: (line: string) => void };
type Env = Record<string, string | undefined>;

const sandboxUrl = z.url({ protocol: /^https?$/, error: "--url takes the sandbox's http:// URL, as `sageops sandbox` printed it" });

/**
 * A control command's words: its one name (a schedule, a group), its flags' values, at most one of
 * its switches, and the sandbox's URL from --url or else the environment the bot itself would use.
 */
interface ControlArgs {
  name: string;
  url: string;
  values: Record<string, string>;
  switches: string[];
}

function parseControlArgs(args: string[], env: Env, spec: { usage: string; what: string; values?: readonly string[]; switches?: readonly string[] }): ControlArgs | string {
  const positional: string[] = [];
  const values: Record<string, string> = {};
  const switches: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    if (arg === "--url" || spec.values?.includes(arg)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("--")) return `${arg} needs a value (${spec.usage})`;
      values[arg.slice(2)] = value;
      i += 1;
    } else if (spec.switches?.includes(arg)) switches.push(arg);
    else if (arg.startsWith("--")) return `unknown argument ${JSON.stringify(arg)} (${spec.usage})`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return positional.length === 0 ? `which ${spec.what}? (${spec.usage})` : `one ${spec.what} at a time, not ${positional.length} (${spec.usage})`;
  if (switches.length > 1 && spec.switches) return `choose one of ${spec.switches.slice(0, -1).join(", ")} and ${spec.switches[spec.switches.length - 1]} (${spec.usage})`;
  const { url = env["AWS_ENDPOINT_URL_SAGEMAKER"] ?? env["AWS_ENDPOINT_URL"], ...rest } = values;
  if (url === undefined) return `needs --url URL, the address \`sageops sandbox\` printed (or AWS_ENDPOINT_URL set to it) (${spec.usage})`;
  return { name: positional[0] ?? "", url, values: rest, switches };
}

const ErrorAnswer = z.object({ error: z.object({ message: z.string() }) });

/**
 * POSTs a control request to the sandbox at `url` and returns its JSON answer, or the exit code once
 * the failure is told: 2 for what the sandbox refused, 1 when no sandbox answered.
 */
async function postControl(url: string, path: string, body: unknown, fail: (code: number, message: string) => number): Promise<{ json: unknown } | number> {
  let response: Response;
  try {
    response = await fetch(new URL(path, url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    return fail(EXIT.failure, `no sandbox answered at ${url} (${cause}); start one with \`sageops sandbox\``);
  }
  if (response.headers.get("x-sageops-sandbox") !== "true") return fail(EXIT.failure, `${url} is not a sageops sandbox (HTTP ${response.status})`);
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = ErrorAnswer.safeParse(json).data?.error.message ?? `HTTP ${response.status}`;
    return fail(response.status < 500 ? EXIT.usage : EXIT.failure, message.replace(/\s+/g, " "));
  }
  return { json };
}

/** Runs one control command: its arguments checked, its request sent, its answer told in one line. */
async function controlCommand<A extends { url: string }, S extends z.ZodType>(
  command: string,
  io: Io,
  parsed: A | string,
  request: (args: A) => { path: string; body: unknown },
  answer: { schema: S; what: string; line: (answer: z.output<S>) => string },
): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.err(`sageops sandbox ${command}: ${message}`);
    return code;
  };
  if (typeof parsed === "string") return fail(EXIT.usage, parsed);
  const { path, body } = request(parsed);
  const posted = await postControl(parsed.url, path, body, fail);
  if (typeof posted === "number") return posted;
  const read = answer.schema.safeParse(posted.json);
  if (!read.success) return fail(EXIT.failure, `the sandbox's answer was not ${answer.what}`);
  io.out(answer.line(read.data));
  return EXIT.ok;
}

const RUN_MONITOR_USAGE = "usage: sageops sandbox run-monitor SCHEDULE [--url URL] [--clean|--violations|--fail]";
const OUTCOME_FLAGS = { "--clean": { violations: false }, "--violations": { violations: true }, "--fail": { fail: true } } as const;

const RunMonitorArgs = z.object({
  schedule: z.string(),
  url: sandboxUrl,
  outcome: z.enum(["--clean", "--violations", "--fail"]).optional(),
});
type RunMonitorArgs = z.infer<typeof RunMonitorArgs>;

function parseRunMonitorArgs(args: string[], env: Env): RunMonitorArgs | string {
  const read = parseControlArgs(args, env, { usage: RUN_MONITOR_USAGE, what: "schedule", switches: Object.keys(OUTCOME_FLAGS) });
  if (typeof read === "string") return read;
  const parsed = RunMonitorArgs.safeParse({ schedule: read.name, url: read.url, outcome: read.switches[0] });
  return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? RUN_MONITOR_USAGE);
}

const StartedAnswer = z.object({
  run: z.object({
    schedule: z.string(),
    monitoringType: z.string(),
    endpoint: z.string(),
    outcome: z.enum(["violations", "clean", "failed"]),
    violationCount: z.number(),
    failureReason: z.string().optional(),
    finishesAt: z.string(),
    processingJobName: z.string(),
    outputUri: z.string(),
  }),
});

function describeStarted(run: z.infer<typeof StartedAnswer>["run"]): string {
  const result = run.outcome === "failed" ? `it will fail (${run.failureReason ?? "no reason given"})` : run.outcome === "violations" ? `it will find ${run.violationCount} violation(s)` : "it will find no violations";
  const reports = run.outcome === "failed" ? "" : `; reports in ${run.outputUri}/`;
  return `Started a simulated ${run.monitoringType} run of ${run.schedule} on ${run.endpoint}: ${result}. Processing job ${run.processingJobName}, done at ${run.finishesAt} simulated time${reports}.`;
}

/**
 * Asks the sandbox at --url to run a schedule now. Returns 0 once it started, 2 for bad use (bad
 * arguments, or a schedule or request the sandbox refused), 1 when no sandbox answered.
 */
export function sandboxRunMonitorCommand(args: string[], io: Io, env: Env): Promise<number> {
  return controlCommand(
    "run-monitor",
    io,
    parseRunMonitorArgs(args, env),
    (parsed) => ({ path: "/_sandbox/monitoring/run", body: { schedule: parsed.schedule, ...(parsed.outcome ? OUTCOME_FLAGS[parsed.outcome] : {}) } }),
    { schema: StartedAnswer, what: "the run it started", line: (started) => describeStarted(started.run) },
  );
}

const REGISTER_USAGE = "usage: sageops sandbox register-version GROUP [--url URL] [--auc N]";
const AUC_MESSAGE = "--auc takes the new model's AUC, a number from 0 to 1 such as 0.93";

const RegisterArgs = z.object({
  group: z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, "GROUP is a model package group's name (letters, digits and hyphens, at most 63)"),
  url: sandboxUrl,
  auc: z.coerce.number({ error: AUC_MESSAGE }).gt(0, AUC_MESSAGE).max(1, AUC_MESSAGE).optional(),
});
type RegisterArgs = z.infer<typeof RegisterArgs>;

function parseRegisterArgs(args: string[], env: Env): RegisterArgs | string {
  const read = parseControlArgs(args, env, { usage: REGISTER_USAGE, what: "group", values: ["--auc"] });
  if (typeof read === "string") return read;
  const parsed = RegisterArgs.safeParse({ group: read.name, url: read.url, auc: read.values.auc });
  return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? REGISTER_USAGE);
}

const RegisteredAnswer = z.object({
  ModelPackageGroupName: z.string(),
  ModelPackageVersion: z.number(),
  ModelPackageArn: z.string(),
  ModelApprovalStatus: z.string(),
  TrainingJobName: z.string(),
  ModelQualityStatistics: z.string(),
  Metrics: z.object({ auc: z.number(), recall: z.number() }),
});

function describeRegistered(version: z.infer<typeof RegisteredAnswer>): string {
  return `Registered version ${version.ModelPackageVersion} of ${version.ModelPackageGroupName} (${version.ModelApprovalStatus}) in the sandbox: ${version.ModelPackageArn}, trained by ${version.TrainingJobName}, auc ${version.Metrics.auc}, recall ${version.Metrics.recall}; its evaluation is ${version.ModelQualityStatistics}.`;
}

/**
 * Asks the sandbox at --url to register a new version of a model package group now. Returns 0
 * once it is registered, 2 for bad use (bad arguments, or a group the sandbox does not have), 1
 * when no sandbox answered.
 */
export function sandboxRegisterVersionCommand(args: string[], io: Io, env: Env): Promise<number> {
  return controlCommand(
    "register-version",
    io,
    parseRegisterArgs(args, env),
    (parsed) => ({ path: "/_sandbox/registry/register", body: { group: parsed.group, ...(parsed.auc === undefined ? {} : { auc: parsed.auc }) } }),
    { schema: RegisteredAnswer, what: "the version it registered", line: describeRegistered },
  );
}
