/**
 * The sandbox's own control routes, on its port under `/_sandbox/` (no S3 bucket name may start
 * with an underscore, so they never shadow S3's paths): controls SageMaker does not have, for tests
 * and demos. Plain JSON, no AWS signing; injected faults and latency never apply to them.
 *
 * - `POST /_sandbox/monitoring/run` with `{ "schedule": "churn-prod-data-quality", "violations": true }`
 *   (or `"violations": false`, or `"fail": true`, or neither): starts a run of the schedule now and
 *   answers 200 with `{ simulated, note, run }` (monitoring-run-now.ts). A bad body is 400, an
 *   unknown schedule or route 404, another method 405; every error is `{ simulated, error: { code, message } }`.
 * - `POST /_sandbox/registry/register` with `{ "group": "churn-xgb" }` (optionally `"auc": 0.93`):
 *   registers a new PendingManualApproval version of the group now, trained by a new completed
 *   training job and with its own evaluation.json in S3 (register-version.ts), and answers 200 with
 *   `{ simulated, note, ModelPackageArn, ModelPackageVersion, ... }`. A bad body or an unknown
 *   group is 400.
 * - `GET /_sandbox/calls` (optionally `?operation=CreateTrainingJob`): the calls received so far,
 *   oldest first, `{ simulated, calls: [{ operation, at, status, error?, names? }] }`.
 * - `POST /_sandbox/holds` with `{ "operation": "CreateTrainingJob", "stage": "before" | "after",
 *   "where": { "TrainingJobName": "..." } }`: holds the next such call (holds.ts) and answers with the
 *   hold's `id`; `GET /_sandbox/holds/<id>` says whether it is `holding` a call yet, and
 *   `POST /_sandbox/holds/<id>/release` lets the call go on.
 */

import type { z } from "zod";
import type { CallLog } from "./calls.js";
import { SandboxError } from "./errors.js";
import { type HoldBook, HoldRequestSchema, type SandboxHold } from "./holds.js";
import type { HttpAnswer, HttpExchange } from "./http.js";
import { type MonitoringRunStarted, RunNowRequestSchema } from "./monitoring-run-now.js";
import { type RegisterVersionOptions, RegisterVersionRequestSchema, type VersionRegistered } from "./register-version.js";

export const CONTROL_PREFIX = "/_sandbox/";
const RUN_MONITOR_PATH = "/_sandbox/monitoring/run";
const REGISTER_PATH = "/_sandbox/registry/register";
const CALLS_PATH = "/_sandbox/calls";
const HOLDS_PATH = "/_sandbox/holds";
const HOLD_PATH = /^\/_sandbox\/holds\/(hold-\d+)(\/release)?$/;
const NOTE = "This is the sageops sandbox, a local simulation of SageMaker: nothing ran on AWS.";

export type RunMonitor = (schedule: string, options: { violations?: boolean; fail?: boolean }) => MonitoringRunStarted;
export type RegisterVersion = (group: string, options: RegisterVersionOptions) => VersionRegistered;

/** What the control routes act on. */
export interface Controls {
  run: RunMonitor;
  register: RegisterVersion;
  holds: HoldBook;
  calls: CallLog;
}

export function isControlPath(path: string): boolean {
  return path.startsWith(CONTROL_PREFIX);
}

/** The name the call log gives a control request. */
export function controlOperationName(path: string): string {
  if (path === RUN_MONITOR_PATH) return "Sandbox.RunMonitor";
  if (path === REGISTER_PATH) return "Sandbox.RegisterVersion";
  if (path === CALLS_PATH) return "Sandbox.ListCalls";
  if (path === HOLDS_PATH || HOLD_PATH.test(path)) return "Sandbox.Hold";
  return "Sandbox.Unknown";
}

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ simulated: true, ...body }) };
}

function problem(status: number, code: string, message: string, headers: Record<string, string> = {}): HttpAnswer {
  return json(status, { error: { code, message } }, headers);
}

function jsonBody(exchange: HttpExchange): { body: unknown } | undefined {
  try {
    return { body: JSON.parse(exchange.body.toString("utf8")) };
  } catch {
    return undefined;
  }
}

function badBody(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): HttpAnswer {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
  return problem(400, "BadRequest", `${where}${issue?.message ?? "the body does not fit"}`);
}

/** The answer of a control that may be refused: SageMaker's ResourceNotFound is 404, its other errors 400. */
function refusable(act: () => Record<string, unknown>): HttpAnswer {
  try {
    return json(200, { note: NOTE, ...act() });
  } catch (error) {
    if (error instanceof SandboxError) return error.type === "ResourceNotFound" ? problem(404, "NotFound", error.message) : problem(400, "BadRequest", error.message);
    throw error;
  }
}

/** A control that acts on a JSON body of its schema's; `hint` says what to send when the body is not JSON. */
function jsonControl<S extends z.ZodType>(exchange: HttpExchange, schema: S, hint: string, act: (body: z.output<S>) => Record<string, unknown>): HttpAnswer {
  const read = jsonBody(exchange);
  if (read === undefined) return problem(400, "BadRequest", `The body is not JSON: send ${hint}.`);
  const parsed = schema.safeParse(read.body);
  if (!parsed.success) return badBody(parsed.error);
  return refusable(() => act(parsed.data));
}

function runMonitor(exchange: HttpExchange, run: RunMonitor): HttpAnswer {
  return jsonControl(exchange, RunNowRequestSchema, '{"schedule": "<name>"} with optional "violations": true|false or "fail": true', ({ schedule, ...options }) => ({ run: run(schedule, options) }));
}

function registerVersion(exchange: HttpExchange, register: RegisterVersion): HttpAnswer {
  return jsonControl(exchange, RegisterVersionRequestSchema, '{"group": "<model package group>"} with optional "auc": <0..1>', ({ group, ...options }) => ({ ...register(group, options) }));
}

function listCalls(exchange: HttpExchange, calls: CallLog): HttpAnswer {
  const operation = exchange.query.get("operation") ?? undefined;
  const listed = calls.all.filter((call) => operation === undefined || call.operation === operation);
  return json(200, { calls: listed.map((call) => ({ ...call, at: call.at.toISOString(), simulatedAt: call.simulatedAt.toISOString() })) });
}

function describeHold(hold: SandboxHold): Record<string, unknown> {
  return { id: hold.id, operation: hold.operation, stage: hold.stage, holding: hold.holding, released: hold.released };
}

function addHold(exchange: HttpExchange, holds: HoldBook): HttpAnswer {
  const read = jsonBody(exchange);
  if (read === undefined) return problem(400, "BadRequest", 'The body is not JSON: send {"operation": "CreateTrainingJob"} with optional "stage": "before"|"after" and "where": {"TrainingJobName": "<name>"}.');
  const parsed = HoldRequestSchema.safeParse(read.body);
  if (!parsed.success) return badBody(parsed.error);
  return json(200, { hold: describeHold(holds.add(parsed.data)) });
}

function onHold(exchange: HttpExchange, holds: HoldBook, id: string, release: boolean): HttpAnswer {
  const hold = holds.get(id);
  if (hold === undefined) return problem(404, "NotFound", `No hold ${id}.`);
  const method = release ? "POST" : "GET";
  if (exchange.method !== method) return problem(405, "MethodNotAllowed", `${exchange.path} takes ${method}, not ${exchange.method}.`, { allow: method });
  if (release) hold.release();
  return json(200, { hold: describeHold(hold) });
}

function only(method: string, exchange: HttpExchange, answer: () => HttpAnswer): HttpAnswer {
  return exchange.method === method ? answer() : problem(405, "MethodNotAllowed", `${exchange.path} takes ${method}, not ${exchange.method}.`, { allow: method });
}

export function handleControl(exchange: HttpExchange, controls: Controls): HttpAnswer {
  if (exchange.path === RUN_MONITOR_PATH) return only("POST", exchange, () => runMonitor(exchange, controls.run));
  if (exchange.path === REGISTER_PATH) return only("POST", exchange, () => registerVersion(exchange, controls.register));
  if (exchange.path === CALLS_PATH) return only("GET", exchange, () => listCalls(exchange, controls.calls));
  if (exchange.path === HOLDS_PATH) return only("POST", exchange, () => addHold(exchange, controls.holds));
  const hold = HOLD_PATH.exec(exchange.path);
  if (hold?.[1] !== undefined) return onHold(exchange, controls.holds, hold[1], hold[2] !== undefined);
  return problem(404, "NotFound", `No sandbox control at ${exchange.path}: there are POST ${RUN_MONITOR_PATH}, POST ${REGISTER_PATH}, GET ${CALLS_PATH} and POST ${HOLDS_PATH}.`);
}
