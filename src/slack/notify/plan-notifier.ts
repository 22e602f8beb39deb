import type { Plan } from "../../actions/plan.js";
import type { PlanNotifier } from "../../actions/service.js";
import { renderApprovalRequest, renderPlan } from "../blocks/plan.js";
import type { SlackPoster } from "./poster.js";

/** Keeps each plan's message current and asks approvers in its thread. */
export class SlackPlanNotifier implements PlanNotifier {
  constructor(
    private readonly poster: SlackPoster,
    private readonly options: { backendNote?: string; approversFor: (plan: Plan) => string[] },
  ) {}

  async planChanged(plan: Plan): Promise<void> {
    const message = renderPlan(plan, { backendNote: this.options.backendNote });
    if (plan.messageTs) await this.poster.update(plan.channel, plan.messageTs, message);
    else await this.poster.post(plan.channel, message);
  }

  async approvalRequested(plan: Plan): Promise<void> {
    await this.poster.post(plan.channel, renderApprovalRequest(plan, this.options.approversFor(plan)), { threadTs: plan.messageTs });
  }
}
