import { ANYONE, type Policy, type Role } from "./policy-schema.js";

/** Who asks: a Slack user and the user groups they belong to (as the Slack adapter found them). */
export interface Requester {
  userId: string;
  groupIds?: readonly string[];
}

export function isAdmin(policy: Policy, userId: string): boolean {
  return policy.admins.includes(userId);
}

export function holdsRole(role: Role, requester: Requester): boolean {
  if (role.users.includes(ANYONE) || role.users.includes(requester.userId)) return true;
  return (requester.groupIds ?? []).some((group) => role.groups.includes(group));
}

/** The names of the roles a person holds, in the policy's order. */
export function rolesOf(policy: Policy, requester: Requester): string[] {
  return Object.entries(policy.roles)
    .filter(([, role]) => holdsRole(role, requester))
    .map(([name]) => name);
}

/** True when the policy knows this person at all: an admin, or in some role. */
export function isListed(policy: Policy, requester: Requester): boolean {
  return isAdmin(policy, requester.userId) || rolesOf(policy, requester).length > 0;
}

export function mentionUser(userId: string): string {
  return userId === ANYONE ? "anyone" : `<@${userId}>`;
}

export function mentionChannel(channelId: string): string {
  return channelId === ANYONE ? "any channel" : `<#${channelId}>`;
}
