/** Who may change where an endpoint's drift alerts go: the policy's subscriber roles in the endpoint's environment. */
import { isAdmin, mentionUser, type Requester, rolesOf } from "./membership.js";
import type { DriftWatch, Policy } from "./policy-schema.js";

/** The roles that may subscribe channels in an environment: its drift.subscribers, else those who may deploy there. */
export function subscriberRoles(policy: Policy, environment: string): string[] {
  const env = policy.environments[environment];
  if (!env) return [];
  return env.drift.subscribers ?? env.actions.deploy;
}

/** Undefined when this person may subscribe or unsubscribe channels for the endpoint; otherwise why not. */
export function whyCannotSubscribe(policy: Policy, environment: string | undefined, requester: Requester, endpoint: string): string | undefined {
  if (isAdmin(policy, requester.userId)) return undefined;
  if (!environment) return `No environment in the policy owns \`${endpoint}\`, so only admins (${policy.admins.map(mentionUser).join(", ") || "none"}) can route its drift alerts. An admin can add it to an environment's \`endpoints\` list.`;
  const allowed = subscriberRoles(policy, environment);
  const held = rolesOf(policy, requester);
  if (allowed.some((role) => held.includes(role))) return undefined;
  return `Drift alerts for \`${endpoint}\` (${environment}) can be routed by the roles ${allowed.map((r) => `*${r}*`).join(", ") || "(none)"}; you hold ${held.length > 0 ? held.map((r) => `*${r}*`).join(", ") : "none"}.`;
}

/** The policy's watch entry for one endpoint (the first, should two environments both watch an endpoint neither owns). */
export function policyWatch(policy: Policy, endpoint: string): { environment: string; watch: DriftWatch; channels: string[] } | undefined {
  return policyWatches(policy).find((w) => w.watch.endpoint === endpoint);
}

/** Every endpoint the policy watches, with its environment and settings. */
export function policyWatches(policy: Policy): { environment: string; watch: DriftWatch; channels: string[] }[] {
  return Object.entries(policy.environments).flatMap(([environment, env]) =>
    env.drift.watch.map((watch) => ({ environment, watch, channels: watch.channels ?? (env.alertChannel ? [env.alertChannel] : []) })),
  );
}
