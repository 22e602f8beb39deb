/**
 * The guard, run again on a plan that already exists: at Confirm, at each Approve and just before
 * execution, with the policy, freeze and usage of that moment. A plan made before a policy change,
 * or confirmed after its requester filled their job slots, is refused then and never runs.
 */
import { evaluate, type Permit, type Refusal, type Usage } from "../guard/checks.js";
import type { Policy } from "../guard/policy.js";
import type { GuardFacts, Plan } from "./plan.js";
import { deploymentConfig } from "./planners/deploy.js";

export type Recheck = { ok: true } | { ok: false; frozen: boolean; refusals: readonly Refusal[] };

/**
 * Runs in two steps: `prepare` gathers what needs asking (group memberships, the model version's
 * approval now) and returns a synchronous check, which the service runs right before its state
 * change, so usage read from the store cannot change in between within this process.
 */
export interface PlanRecheck {
  prepare(plan: Plan): Promise<() => Recheck>;
}

export interface PlanRecheckDeps {
  policy: Policy;
  /** The bot's AWS region (an environment's own region wins). */
  region: string;
  forceDryRun: boolean;
  frozen: () => boolean;
  groupsOf: (userId: string) => Promise<readonly string[]>;
  /** The requester's usage now, leaving this plan itself out. */
  usage: (plan: Plan) => Usage;
  /** A model version's approval status now, by its ARN; undefined when it cannot be read. */
  modelApproval: (arn: string) => Promise<string | undefined>;
}

export function createPlanRecheck(deps: PlanRecheckDeps): PlanRecheck {
  return {
    async prepare(plan) {
      const groupIds = await deps.groupsOf(plan.requester);
      const facts: GuardFacts = plan.guard ?? { action: plan.kind, environment: plan.environment };
      const arn = facts.model?.arn;
      const approvalNow = arn ? await deps.modelApproval(arn) : undefined;
      const model = facts.model ? { ...facts.model, approvalStatus: approvalNow ?? facts.model.approvalStatus } : undefined;
      return () => {
        const decision = evaluate(deps.policy, {
          ...facts,
          ...(model ? { model } : {}),
          requester: { userId: plan.requester, groupIds },
          channelId: plan.channel,
          region: deps.region,
          frozen: deps.frozen(),
          usage: deps.usage(plan),
          forceDryRun: deps.forceDryRun,
          stage: "recheck",
        });
        if (!decision.allowed) return { ok: false, frozen: decision.refusals.some((r) => r.rule === "frozen"), refusals: decision.refusals };
        const changed = policyChanges(plan, decision);
        if (changed.length === 0) return { ok: true };
        return {
          ok: false,
          frozen: false,
          refusals: [{ rule: "changed.policy", message: `The policy changed since this plan was made: ${changed.join("; ")}. Ask again for a fresh plan.`, allowed: [] }],
        };
      };
    },
  };
}

/** What the plan fixed at plan time that the policy now decides differently. */
function policyChanges(plan: Plan, permit: Permit): string[] {
  const changes: string[] = [];
  if (permit.mode !== plan.mode) changes.push(`${plan.environment} is now ${permit.mode}, the plan was ${plan.mode}`);
  const needed = permit.approval ? `${permit.approval.required} approval(s) from ${permit.approval.role}` : "no approval";
  const planned = plan.approval ? `${plan.approval.required} approval(s) from ${plan.approval.role}` : "no approval";
  if (needed !== planned) changes.push(`it now needs ${needed}, the plan has ${planned}`);
  const roles = plan.steps.flatMap((step) => roleArnsIn(step.request));
  if (roles.some((role) => role !== permit.executionRoleArn)) changes.push(`${plan.environment}'s execution role is now ${permit.executionRoleArn}`);
  const expected = permit.blueGreen ? JSON.stringify(deploymentConfig(permit.blueGreen)) : undefined;
  for (const step of plan.steps) {
    if (step.operation !== "UpdateEndpoint") continue;
    const sent = step.request.DeploymentConfig ? JSON.stringify(step.request.DeploymentConfig) : undefined;
    if (sent !== expected) changes.push(`${plan.environment}'s blue/green settings changed`);
  }
  return changes;
}

/** Every RoleArn or ExecutionRoleArn in a request, however deep (a tuning job's sits in its training definition). */
function roleArnsIn(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => ((key === "RoleArn" || key === "ExecutionRoleArn") && typeof inner === "string" ? [inner] : roleArnsIn(inner)));
}
