import type { Plan } from "../../actions/plan.js";
import type { PlanNotifier } from "../../actions/ports.js";
import { fail, ok, type Result } from "../../kernel/result.js";
import { renderApprovalRequest, renderPlan } from "../blocks/plan.js";
import { SlackRefused, UNPOSTABLE_CHANNEL_CODES } from "./errors.js";
import type { SlackPoster } from "./poster.js";

/** The one writer of plan messages: posts each plan, keeps its message current, asks approvers in its thread. */
export class SlackPlanNotifier implements PlanNotifier {
  constructor(
    private readonly poster: SlackPoster,
    private readonly options: { backendNote?: string; approversFor: (plan: Plan) => string[] },
  ) {}

  async planCreated(plan: Plan): Promise<Result<{ ts: string }>> {
    try {
      return ok(await this.poster.post(plan.channel, renderPlan(plan, { backendNote: this.options.backendNote }), { key: `plan:${plan.id}` }));
    } catch (error) {
      if (!(error instanceof SlackRefused && UNPOSTABLE_CHANNEL_CODES.has(error.code))) throw error;
      return fail({ what: "I can't post the plan in this channel, so nobody could confirm it.", fix: "Invite me with `/invite @sageops` (or ask in a channel I'm in), then ask again." });
    }
  }

  async planChanged(plan: Plan): Promise<void> {
    const message = renderPlan(plan, { backendNote: this.options.backendNote });
    if (plan.messageTs) await this.poster.update(plan.channel, plan.messageTs, message);
    // No ts saved: the first post may have got out before a crash lost its answer.
    else await this.poster.post(plan.channel, message, { key: `plan:${plan.id}`, lookFirst: true });
  }

  async approvalRequested(plan: Plan): Promise<{ ts: string }> {
    // Asked again only when no request was saved: one a dead process posted is found, not repeated.
    return this.poster.post(plan.channel, renderApprovalRequest(plan, this.options.approversFor(plan)), { threadTs: plan.messageTs, key: `approval:${plan.id}`, lookFirst: true });
  }
}
