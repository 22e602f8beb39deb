/**
 * What every planner shares: the context a plan is made in, the result kinds, job names fixed
 * at plan time, and turning the guard's decision into a plan or a refusal.
 */
import { type EndpointFacts, endpointOwner, evaluate, type Permit, type Refusal, type Usage } from "../guard/checks.js";
import type { Policy } from "../guard/policy.js";
import type { Problem } from "../kernel/result.js";
import { SageMakerError, type SageMakerPort, type Tag } from "../kernel/sagemaker-port.js";
import type { ActionKind, GuardFacts, NewPlan, PlanDetail, PlanStep, TrackedResource } from "./plan.js";

export interface PlanningContext {
  policy: Policy;
  requester: { userId: string; groupIds?: string[] };
  channelId: string;
  /** The bot's AWS region (an environment's own region wins). */
  region: string;
  now: Date;
  newPlanId: () => string;
  frozen: boolean;
  usage: Usage;
  /** SAGEOPS_DRY_RUN. */
  forceDryRun: boolean;
  port: SageMakerPort;
  /** Who started a resource through sageops and in which environment: the plan that started it, never a draft. */
  startedBy: (resourceName: string) => { requester: string; environment: string; arn?: string } | undefined;
  /** The endpoint config the last started sageops change to an endpoint replaced. */
  previousConfigOf: (endpointName: string) => string | undefined;
}

export type PlanningResult =
  | { kind: "plan"; plan: NewPlan }
  | { kind: "refused"; title: string; refusals: readonly Refusal[] }
  | { kind: "invalid"; problem: Problem };

/** Picks offered for a missing part, at most (Slack shows a row of buttons well up to five). */
export const MAX_CHOICES = 5;

export const invalid = (problem: Problem): PlanningResult => ({ kind: "invalid", problem });

/** A ClientRequestToken for a plan's call: at least 32 characters, and the same for every retry of the plan. */
export function clientRequestToken(purpose: string, planId: string): string {
  return `sageops-${purpose}-${planId}`.padEnd(32, "0");
}

/** The environment a request goes to when it names none: dev if there is one, else the first. */
export function defaultEnvironment(policy: Policy): string {
  const names = Object.keys(policy.environments);
  return names.includes("dev") ? "dev" : (names[0] ?? "dev");
}

/** A resource's tags, or none when SageMaker cannot list them (the policy's own lists still apply). */
export async function tagsOf(port: SageMakerPort, arn: string | undefined): Promise<Tag[]> {
  if (!arn) return [];
  try {
    return await port.listTags(arn);
  } catch (error) {
    if (error instanceof SageMakerError) return [];
    throw error;
  }
}

export function tagValue(tags: readonly Tag[], key: string): string | undefined {
  return tags.find((tag) => tag.Key === key)?.Value;
}

/** What says which environment an endpoint belongs to besides the policy: its tag and sageops's last change to it. */
export async function endpointFacts(name: string, arn: string | undefined, context: PlanningContext): Promise<EndpointFacts> {
  const tagged = tagValue(await tagsOf(context.port, arn), "sageops:environment");
  const lastChangedIn = context.startedBy(name)?.environment;
  return { name, ...(tagged ? { tagged } : {}), ...(lastChangedIn ? { lastChangedIn } : {}) };
}

const OWNER_WHY = { policy: "the policy lists this endpoint there", tag: "from the endpoint's sageops:environment tag", history: "where sageops last changed it" } as const;

/**
 * The environment a deploy or rollback goes to: the one asked for (the guard refuses it if the
 * endpoint belongs elsewhere), else the endpoint's owner, else "prod" for a name that says so (so
 * a prod endpoint is never changed under dev's rules by omission), else the default.
 */
export function environmentForEndpoint(facts: EndpointFacts, explicit: string | undefined, context: PlanningContext): { name: string; why: string } {
  if (explicit) return { name: explicit, why: "as requested" };
  const owner = endpointOwner(context.policy, facts);
  const home = owner?.environments[0];
  if (owner && home) return { name: home, why: OWNER_WHY[owner.source] };
  const prodName = ["prod", "production"].find((name) => name in context.policy.environments);
  if (prodName && /(^|-)prod(uction)?($|-)/.test(facts.name)) return { name: prodName, why: "from the endpoint's name" };
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
  guard: GuardFacts,
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
    stage: "plan",
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
      guard,
    },
  };
}
