import { rolesOf } from "../../guard/checks.js";
import { formatDuration } from "../../guard/duration.js";
import type { Policy } from "../../guard/policy.js";
import type { PolicySource } from "../deps.js";
import { context, header, type KnownBlock, type Rendered, section } from "./kit.js";

/** What the policy allows one person, per environment. */
export function renderPolicySummary(policy: Policy, userId: string, source: PolicySource): Rendered {
  const roles = rolesOf(policy, { userId });
  const blocks: KnownBlock[] = [header("What the policy allows you")];
  blocks.push(section(`Your roles: ${roles.length > 0 ? roles.map((r) => `*${r}*`).join(", ") : "none"}${policy.admins.includes(userId) ? " (and admin)" : ""}.`));
  const lines: string[] = [];
  for (const [name, env] of Object.entries(policy.environments)) {
    const actions = Object.entries(env.actions)
      .filter(([, allowed]) => allowed.some((role) => roles.includes(role)) || policy.admins.includes(userId))
      .map(([action]) => action);
    lines.push(
      [
        `*${name}* (${env.mode}${env.approval ? `, ${env.approval.required} approval(s) by ${env.approval.role}` : ", no approval"})`,
        `• you may: ${actions.length > 0 ? actions.join(", ") : "nothing"}`,
        `• instance types: ${env.instanceTypes.join(", ")}; at most ${env.maxInstanceCount} instances, ${formatDuration(env.maxRuntime)}, $${env.maxCostPerJobUsd} a job`,
        `• data from: ${env.inputPrefixes.join(", ")}`,
        `• channels: ${env.channels.map((c) => (c === "*" ? "any" : `<#${c}>`)).join(", ")}`,
      ].join("\n"),
    );
  }
  blocks.push(section(lines.join("\n\n")));
  const recipes = Object.keys(policy.recipes);
  blocks.push(section(`Recipes: ${recipes.length > 0 ? recipes.map((r) => `\`${r}\``).join(", ") : "none"}.`));
  if (source === "example") blocks.push(context("This is policy.example.yml, which sageops uses on its sandbox when no policy file is given."));
  if (source === "builtin") blocks.push(context("No policy file is loaded: the built-in policy allows dry runs only. Set SAGEOPS_POLICY to a policy file (see policy.example.yml)."));
  return { text: lines.join("\n"), blocks };
}
