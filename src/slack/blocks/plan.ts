import type { Plan } from "../../actions/plan.js";
import { type CostEstimate, formatUsd } from "../../guard/cost.js";
import { actions, button, context, escapeMrkdwn, fieldsSection, header, type KnownBlock, type Rendered, section, truncate } from "./kit.js";

/** Button action ids; the value of each button is the plan id. */
export const PLAN_BUTTONS = {
  confirm: "plan_confirm",
  cancel: "plan_cancel",
  approve: "plan_approve",
  reject: "plan_reject",
} as const;

const STATUS_LINE: Record<Plan["status"], string> = {
  pending: ":hourglass_flowing_sand: Waiting for the requester to confirm.",
  confirmed: ":raised_hand: Confirmed; waiting for approval.",
  approved: ":white_check_mark: Approved; about to run.",
  running: ":gear: Sending to SageMaker…",
  started: ":rocket: Started.",
  failed: ":x: Failed.",
  cancelled: ":no_entry_sign: Cancelled.",
  rejected: ":no_entry: Rejected.",
  expired: ":zzz: Expired.",
  simulated: ":test_tube: Dry run complete: nothing was sent.",
  refused: ":no_entry: Refused: the policy no longer allows it.",
};

function costLine(cost: CostEstimate): string {
  return cost.kind === "hourly" ? `~${formatUsd(cost.usd)} per hour` : `at most ~${formatUsd(cost.usd)}`;
}

function requestPreview(plan: Plan): string {
  const json = JSON.stringify(
    plan.steps.map((step) => ({ [step.operation]: step.request })),
    null,
    1,
  );
  return `*Exact SageMaker request${plan.steps.length > 1 ? "s" : ""} (dry run, not sent):*\n\`\`\`${truncate(json, 2800)}\`\`\``;
}

/** The plan message: what will happen, its cost, where it stands, and the buttons that apply now. */
export function renderPlan(plan: Plan, options: { backendNote?: string } = {}): Rendered {
  const blocks: KnownBlock[] = [header(`${plan.mode === "dry-run" ? "[dry run] " : ""}Plan: ${plan.title}`)];
  blocks.push(section(`<@${plan.requester}> asked for this in *${plan.environment}*. ${STATUS_LINE[plan.status]}`));
  const fields = plan.details.map((detail) => `*${escapeMrkdwn(detail.label)}*\n${escapeMrkdwn(detail.value)}`);
  if (plan.cost) fields.push(`*Estimated cost*\n${costLine(plan.cost)}`);
  for (let i = 0; i < fields.length; i += 10) blocks.push(fieldsSection(fields.slice(i, i + 10)));
  if (plan.cost) blocks.push(context(escapeMrkdwn(plan.cost.basis)));
  if (plan.mode === "dry-run") blocks.push(section(requestPreview(plan)));
  if (plan.approval) {
    const got = plan.approvals.length > 0 ? ` Approved so far by ${plan.approvals.map((id) => `<@${id}>`).join(", ")}.` : "";
    blocks.push(context(`Needs ${plan.approval.required} approval(s) from *${plan.approval.role}* (not the requester).${got}`));
  }
  if (plan.outcome) blocks.push(section(escapeMrkdwn(plan.outcome.message)));
  if (plan.status === "pending") {
    blocks.push(
      actions(`plan:${plan.id}`, [
        button({ text: plan.approval ? "Confirm and ask for approval" : "Confirm", actionId: PLAN_BUTTONS.confirm, value: plan.id, style: "primary" }),
        button({ text: "Cancel", actionId: PLAN_BUTTONS.cancel, value: plan.id }),
      ]),
    );
    blocks.push(context(`Only <@${plan.requester}> can confirm. Expires <!date^${Math.floor(Date.parse(plan.expiresAt) / 1000)}^{time}|${plan.expiresAt}>. Plan ${plan.id}.`));
  } else if (plan.status === "confirmed") {
    blocks.push(actions(`plan:${plan.id}`, [button({ text: "Cancel", actionId: PLAN_BUTTONS.cancel, value: plan.id })]));
    blocks.push(context(`Approvals open until <!date^${Math.floor(Date.parse(plan.expiresAt) / 1000)}^{date_short_pretty} {time}|${plan.expiresAt}>. Plan ${plan.id}.`));
  } else {
    blocks.push(context(`Plan ${plan.id}.`));
  }
  if (options.backendNote) blocks.push(context(options.backendNote));
  // The fallback text is what notifications show: every value in it is escaped like the blocks.
  const text = [
    `Plan: ${escapeMrkdwn(plan.title)} (${plan.environment}${plan.mode === "dry-run" ? ", dry run" : ""})`,
    STATUS_LINE[plan.status],
    ...plan.details.map((d) => `${escapeMrkdwn(d.label)}: ${escapeMrkdwn(d.value)}`),
    plan.cost ? `Estimated cost: ${costLine(plan.cost)}` : "",
    escapeMrkdwn(plan.outcome?.message ?? ""),
  ]
    .filter(Boolean)
    .join("\n");
  return { text, blocks };
}

/** The request to approvers, posted in the plan's thread. */
export function renderApprovalRequest(plan: Plan, approvers: readonly string[]): Rendered {
  const who = approvers.length > 0 ? approvers.map((id) => `<@${id}>`).join(" ") : `someone in *${plan.approval?.role ?? "the approver role"}*`;
  const summary = `:raised_hand: *Approval needed.* ${who}: <@${plan.requester}> asks to run *${escapeMrkdwn(plan.title)}* in *${plan.environment}*. It needs ${plan.approval?.required ?? 1} approval(s) from someone other than the requester.`;
  return {
    text: `Approval needed: ${escapeMrkdwn(plan.title)} in ${plan.environment} (plan ${plan.id})`,
    blocks: [
      section(summary),
      actions(`approval:${plan.id}`, [
        button({ text: "Approve", actionId: PLAN_BUTTONS.approve, value: plan.id, style: "primary" }),
        button({ text: "Reject", actionId: PLAN_BUTTONS.reject, value: plan.id, style: "danger" }),
      ]),
      context(`Plan ${plan.id}.`),
    ],
  };
}
