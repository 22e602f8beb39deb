/**
 * The sandbox's own control routes, on its port under `/_sandbox/` (no S3 bucket name may start
 * with an underscore, so they never shadow S3's paths): controls SageMaker does not have, for tests
 * and demos. Plain JSON, no AWS signing; injected faults and latency never apply to them.
 *
 * - `POST /_sandbox/monitoring/run` with `{ "schedule": "churn-prod-data-quality", "violations": true }`
 *   (or `"violations": false`, or `"fail": true`, or neither): starts a run of the schedule now and
 *   answers 200 with `{ simulated, note, run }` (monitoring-run-now.ts). A bad body is 400, an
 *   unknown schedule or route 404, another method 405; every error is `{ simulated, error: { code, message } }`.
 */
import { SandboxError } from "./errors.js";
import type { HttpAnswer, HttpExchange } from "./http.js";
import { type MonitoringRunStarted, RunNowRequestSchema } from "./monitoring-run-now.js";

export const CONTROL_PREFIX = "/_sandbox/";
const RUN_MONITOR_PATH = "/_sandbox/monitoring/run";
const NOTE = "This is the sageops sandbox, a local simulation of SageMaker: nothing ran on AWS.";

export type RunMonitor = (schedule: string, options: { violations?: boolean; fail?: boolean }) => MonitoringRunStarted;

export function isControlPath(path: string): boolean {
  return path.startsWith(CONTROL_PREFIX);
}

/** The name the call log gives a control request. */
export function controlOperationName(path: string): string {
  return path === RUN_MONITOR_PATH ? "Sandbox.RunMonitor" : "Sandbox.Unknown";
}

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ simulated: true, ...body }) };
}

function problem(status: number, code: string, message: string, headers: Record<string, string> = {}): HttpAnswer {
  return json(status, { error: { code, message } }, headers);
}

function runMonitor(exchange: HttpExchange, run: RunMonitor): HttpAnswer {
  let body: unknown;
  try {
    body = JSON.parse(exchange.body.toString("utf8"));
  } catch {
    return problem(400, "BadRequest", 'The body is not JSON: send {"schedule": "<name>"} with optional "violations": true|false or "fail": true.');
  }
  const parsed = RunNowRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return problem(400, "BadRequest", `${where}${issue?.message ?? "the body does not fit"}`);
  }
  const { schedule, ...options } = parsed.data;
  try {
    return json(200, { note: NOTE, run: run(schedule, options) });
  } catch (error) {
    if (error instanceof SandboxError) return error.type === "ResourceNotFound" ? problem(404, "NotFound", error.message) : problem(400, "BadRequest", error.message);
    throw error;
  }
}

export function handleControl(exchange: HttpExchange, run: RunMonitor): HttpAnswer {
  if (exchange.path !== RUN_MONITOR_PATH) return problem(404, "NotFound", `No sandbox control at ${exchange.path}: the one there is is POST ${RUN_MONITOR_PATH}.`);
  if (exchange.method !== "POST") return problem(405, "MethodNotAllowed", `${RUN_MONITOR_PATH} takes POST, not ${exchange.method}.`, { allow: "POST" });
  return runMonitor(exchange, run);
}
