import { holdsRole, mentionUser } from "./membership.js";
import { ACTION_KINDS, type ActionKind, ANYONE, type EnvironmentPolicy, type Policy } from "./policy-schema.js";

/** How many people of which role must approve before the plan runs. */
export interface ApprovalRequirement {
  required: number;
  role: string;
  /** Users who may approve this requester's plan (the role's users, the requester left out). */
  approverIds: readonly string[];
  /** User groups whose members may approve. */
  approverGroupIds: readonly string[];
}

/** The approval a plan for this action in this environment waits for, or null when it runs on confirmation. */
export function approvalFor(policy: Policy, env: EnvironmentPolicy, action: ActionKind, requesterId: string): ApprovalRequirement | null {
  const rule = env.approval;
  if (!rule || !(rule.actions ?? ACTION_KINDS).includes(action)) return null;
  const role = policy.roles[rule.role];
  return {
    required: rule.required,
    role: rule.role,
    approverIds: (role?.users ?? []).filter((user) => user !== ANYONE && user !== requesterId),
    approverGroupIds: role?.groups ?? [],
  };
}

type ApprovalCheck =
  | { allowed: true }
  | { allowed: false; rule: "approve.unknown-environment" | "approve.not-required" | "approve.own-plan" | "approve.role"; message: string };

/** Whether this person may approve a plan in this environment: never their own plan, and only in the approval role. */
export function canApprove(policy: Policy, environment: string, approverId: string, requesterId: string, approverGroupIds: readonly string[] = []): ApprovalCheck {
  const env = policy.environments[environment];
  if (!env) return { allowed: false, rule: "approve.unknown-environment", message: `There is no environment "${environment}" in the policy.` };
  const rule = env.approval;
  if (!rule) return { allowed: false, rule: "approve.not-required", message: `Plans in ${environment} need no approval.` };
  const role = policy.roles[rule.role];
  const others = (role?.users ?? []).filter((user) => user !== requesterId);
  const ask = others.length > 0 ? ` Ask ${others.map(mentionUser).join(", ")}.` : "";
  if (approverId === requesterId)
    return { allowed: false, rule: "approve.own-plan", message: `You asked for this plan, so someone else must approve it (role ${rule.role}).${ask}` };
  if (!role || !holdsRole(role, { userId: approverId, groupIds: approverGroupIds }))
    return { allowed: false, rule: "approve.role", message: `Approving plans in ${environment} takes the role ${rule.role}, which you do not hold.${ask}` };
  return { allowed: true };
}
