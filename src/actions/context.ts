/**
 * Where plans are made from: the planning context for one requester in one channel, now, and
 * the plan ids. The composition root gives it the policy, the store's counts and the ports.
 */
import { randomBytes } from "node:crypto";
import type { Policy } from "../guard/policy.js";
import type { SageMakerPort } from "../kernel/sagemaker-port.js";
import type { PlanRepository } from "./plan.js";
import type { PlanningContext } from "./planning.js";

export interface Requester {
  userId: string;
  channelId: string;
}

/** Plan ids: "p-" and 24 hex digits, unguessable so a forged button value finds nothing. */
function newPlanId(): string {
  return `p-${randomBytes(12).toString("hex")}`;
}

export interface PlanningContextDeps {
  policy: Policy;
  /** The bot's AWS region (an environment's own region wins). */
  region: string;
  /** SAGEOPS_DRY_RUN. */
  forceDryRun: boolean;
  port: SageMakerPort;
  plans: Pick<PlanRepository, "usageOf" | "plansAskedSince" | "latestStarted">;
  frozen: () => boolean;
  groupsOf: (userId: string) => Promise<readonly string[]>;
  now: () => Date;
}

export type PlanningContextSource = (requester: Requester) => Promise<PlanningContext>;

export function createPlanningContextSource(deps: PlanningContextDeps): PlanningContextSource {
  return async (requester) => {
    const groupIds = [...(await deps.groupsOf(requester.userId))];
    const now = deps.now();
    const minuteAgo = new Date(now.getTime() - 60_000);
    return {
      policy: deps.policy,
      requester: { userId: requester.userId, groupIds },
      channelId: requester.channelId,
      region: deps.region,
      now,
      newPlanId,
      frozen: deps.frozen(),
      usage: {
        ...deps.plans.usageOf(requester.userId, now),
        plansLastMinute: deps.plans.plansAskedSince(minuteAgo, { requester: requester.userId }),
        channelPlansLastMinute: deps.plans.plansAskedSince(minuteAgo, { channel: requester.channelId }),
      },
      forceDryRun: deps.forceDryRun,
      port: deps.port,
      // The plan that started the resource, never a draft that merely names it.
      startedBy: (name) => {
        const plan = deps.plans.latestStarted(name);
        return plan ? { requester: plan.requester, environment: plan.environment, arn: plan.outcome?.arn } : undefined;
      },
      previousConfigOf: (endpoint) => deps.plans.latestStarted(endpoint)?.previousEndpointConfig,
    };
  };
}
