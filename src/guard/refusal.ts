/** Every rule the guard applies, in the order it applies them: who, where, what, how much, how often. */
export const RULE_IDS = [
  "frozen",
  "who.role",
  "who.owner",
  "where.environment",
  "where.channel",
  "where.endpoint",
  "where.output-owner",
  "what.incomplete",
  "what.image",
  "what.instance-type",
  "what.input-prefix",
  "what.output-prefix",
  "what.model-approval",
  "what.hyperparameters",
  "what.hyperparameter-range",
  "what.pipeline-parameters",
  "how-much.instance-count",
  "how-much.max-runtime",
  "how-much.cost",
  "how-much.endpoint-cost",
  "how-much.parallel-trials",
  "how-often.jobs-per-hour",
  "how-often.concurrent-jobs",
  "how-often.plans-per-minute",
  "how-often.channel-plans-per-minute",
  "changed.policy",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One rule that failed: its stable id, what was wrong in words, and what would be allowed instead. */
export interface Refusal {
  rule: RuleId;
  message: string;
  allowed: readonly string[];
}

export function refuse(rule: RuleId, message: string, allowed: readonly string[] = []): Refusal {
  return { rule, message, allowed };
}
