import { type CostEstimate, lookupPrice } from "./cost.js";
import { formatDuration } from "./duration.js";
import type { EnvironmentPolicy, Policy } from "./policy-schema.js";

/** Ways to bring an over-budget plan within the limit, as a person would change it. */
export function waysWithinBudget(policy: Policy, env: EnvironmentPolicy, estimate: CostEstimate, limit: number, region: string): string[] {
  const perUnit = estimate.price.usdPerHour * estimate.jobs;
  const hours = estimate.seconds / 3600;
  const options: string[] = [];
  if (estimate.kind === "job") {
    const seconds = Math.floor(((limit / (perUnit * estimate.count)) * 3600) / 60) * 60;
    if (seconds >= 60) options.push(`max runtime up to ${formatDuration(Math.min(seconds, env.maxRuntime))}`);
  }
  const count = Math.floor(limit / (perUnit * hours));
  if (count >= 1 && count < estimate.count) options.push(`${count} instance${count === 1 ? "" : "s"}`);
  if (estimate.jobs > 1) {
    const jobs = Math.floor(limit / (estimate.price.usdPerHour * estimate.count * hours));
    if (jobs >= 1) options.push(`up to ${jobs} tuning jobs`);
  }
  const cheaper = env.instanceTypes.filter((type) => {
    const price = lookupPrice(type, region, policy.instancePrices);
    return price.ok && price.price.usdPerHour < estimate.price.usdPerHour && price.price.usdPerHour * estimate.count * hours * estimate.jobs <= limit;
  });
  if (cheaper.length > 0) options.push(`a cheaper instance type (${cheaper.join(", ")})`);
  return options;
}
