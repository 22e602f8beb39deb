/**
 * What every planner shares: the context a plan is made in, the result kinds, job names fixed
 * at plan time, and turning the guard's decision into a plan or a refusal.
 */
import { evaluate, type GuardInput, type Permit, type Refusal } from "../guard/checks.js";
import type { Policy } from "../guard/policy.js";
import type { ActionKind, NewPlan, PlanDetail, PlanStep, TrackedResource } from "./plan.js";
import type { SageMakerPort } from "./port.js";
import type { Problem } from "./problem.js";

export interface PlanningContext {
  policy: Policy;
  requester: { userId: string; groupIds?: string[] };
  channelId: string;
  /** The bot's AWS region (an environment's own region wins). */
  region: string;
  now: Date;
  newPlanId: () => string;
  frozen: boolean;
  usage: { jobsLastHour: number; concurrentJobs: number };
  /** SAGEOPS_DRY_RUN. */
  forceDryRun: boolean;
  port: SageMakerPort;
  /** Who started a resource through sageops, if anyone. */
  startedBy: (resourceName: string) => { requester: string; environment: string } | undefined;
  /** The endpoint config the last started sageops change to an endpoint replaced. */
  previousConfigOf: (endpointName: string) => string | undefined;
}

export type PlanningResult =
  | { kind: "plan"; plan: NewPlan }
  | { kind: "refused"; title: string; refusals: readonly Refusal[] }
  | { kind: "invalid"; problem: Problem };

export const invalid = (problem: Problem): PlanningResult => ({ kind: "invalid", problem });

/** The environment a request goes to when it names none: dev if there is one, else the first. */
export function defaultEnvironment(policy: Policy): string {
  const names = Object.keys(policy.environments);
  return names.includes("dev") ? "dev" : (names[0] ?? "dev");
}

/**
 * The environment an endpoint belongs to when the request names none: the one sageops last
 * deployed it in, else "prod" for a name that says so (so a prod endpoint is never updated
 * under dev's rules by omission), else the default.
 */
export function environmentForEndpoint(endpoint: string, explicit: string | undefined, context: PlanningContext): { name: string; why: string } {
  if (explicit) return { name: explicit, why: "as requested" };
  const earlier = context.startedBy(endpoint);
  if (earlier) return { name: earlier.environment, why: "where sageops last deployed it" };
  const prodName = ["prod", "production"].find((name) => name in context.policy.environments);
  if (prodName && /(^|-)prod(uction)?($|-)/.test(endpoint)) return { name: prodName, why: "from the endpoint's name" };
  return { name: defaultEnvironment(context.policy), why: "the default environment" };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * A resource name fixed at plan time: `<base>-YYYYMMDD-HHMMSS-<4 hex of the plan id>` (UTC),
 * or `<base>-MMDDHHMMSS-<hex>` where SageMaker allows fewer characters (tuning jobs: 32). The
 * plan's own suffix keeps two plans made in the same second apart, so "already exists" can
 * only ever mean this plan's own earlier attempt.
 */
export function timestampedName(base: string, now: Date, planId: string, maxLength = 63): string {
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const suffix = planId.replace(/^p-/, "").slice(0, 4);
  const stamp = maxLength >= 48 ? `${date}-${time}-${suffix}` : `${date.slice(4)}${time}-${suffix}`;
  const head = base.slice(0, maxLength - stamp.length - 1).replace(/-+$/, "");
  return `${head}-${stamp}`;
}

/** Runs the guard and, when it permits, completes the plan with mode, approval and cost. */
export function decide(
  context: PlanningContext,
  guard: Omit<GuardInput, "requester" | "channelId" | "region" | "frozen" | "usage" | "forceDryRun">,
  draft: { id?: string; kind: ActionKind; title: string; resourceName: string; details: PlanDetail[] | ((permit: Permit) => PlanDetail[]); steps: (permit: Permit) => PlanStep[]; track?: TrackedResource; previousEndpointConfig?: string },
): PlanningResult {
  const decision = evaluate(context.policy, {
    ...guard,
    requester: context.requester,
    channelId: context.channelId,
    region: context.region,
    frozen: context.frozen,
    usage: context.usage,
    forceDryRun: context.forceDryRun,
  });
  if (!decision.allowed) return { kind: "refused", title: draft.title, refusals: decision.refusals };
  return {
    kind: "plan",
    plan: {
      id: draft.id ?? context.newPlanId(),
      kind: draft.kind,
      requester: context.requester.userId,
      channel: context.channelId,
      environment: decision.environment,
      mode: decision.mode,
      title: draft.title,
      resourceName: draft.resourceName,
      details: typeof draft.details === "function" ? draft.details(decision) : draft.details,
      cost: decision.cost ?? undefined,
      steps: draft.steps(decision),
      approval: decision.approval ? { required: decision.approval.required, role: decision.approval.role } : undefined,
      track: draft.track,
      previousEndpointConfig: draft.previousEndpointConfig,
    },
  };
}
