/** The policy in force, and what the rest of the bot reads from it at start. */
import { fileURLToPath } from "node:url";
import { type Config, ConfigError } from "../config.js";
import { loadPolicy, type Policy, resolvePolicy } from "../guard/policy.js";
import type { PolicySource } from "../slack/deps.js";

/** The example policy shipped with the package: the company the sandbox's seed data describes. */
export const EXAMPLE_POLICY_PATH = fileURLToPath(new URL("../../policy.example.yml", import.meta.url));

interface PolicyInForce {
  policy: Policy;
  source: PolicySource;
  path?: string;
}

/**
 * A broken policy file is bad configuration (exit 2), named by its first problem. With no policy
 * file on the embedded sandbox, the example policy applies (it describes the sandbox's seed data,
 * and nothing there reaches AWS); against AWS, the built-in one.
 */
export function policyInForce(config: Pick<Config, "policyPath" | "policyPathExplicit">, onSandbox: boolean): PolicyInForce {
  const result = resolvePolicy({ path: config.policyPath, explicit: config.policyPathExplicit });
  if (result.ok && result.source === "builtin" && onSandbox) {
    const example = loadPolicy(EXAMPLE_POLICY_PATH);
    if (example.ok) return { policy: example.policy, source: "example", path: EXAMPLE_POLICY_PATH };
  }
  if (result.ok) return { policy: result.policy, source: result.source, path: result.source === "file" ? config.policyPath : undefined };
  const first = result.problems[0];
  const where = first ? `${config.policyPath}${first.line ? `:${first.line}` : ""}: ${first.path ? `${first.path}: ` : ""}${first.message}` : config.policyPath;
  const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more; run: sageops policy check ${config.policyPath})` : "";
  throw new ConfigError("SAGEOPS_POLICY", `names an invalid policy: ${where}${more}`);
}

export function describePolicy(inForce: PolicyInForce): string {
  if (inForce.source === "example") return "Policy: policy.example.yml, the example set-up that matches the sandbox (set SAGEOPS_POLICY to use your own).";
  if (inForce.source === "builtin") return "Policy: built-in (no policy file), so every action is a dry run; set SAGEOPS_POLICY to a policy file.";
  return `Policy: ${inForce.path ?? "policy file"}.`;
}

/** Every Slack user group the policy's roles name. */
export function policyGroupIds(policy: Policy): string[] {
  return [...new Set(Object.values(policy.roles).flatMap((role) => role.groups))];
}

/** Approvers to mention for a plan: the users of the role its approval needs. */
export function approversOf(policy: Policy, role: string | undefined): string[] {
  if (!role) return [];
  return (policy.roles[role]?.users ?? []).filter((user) => user !== "*");
}
