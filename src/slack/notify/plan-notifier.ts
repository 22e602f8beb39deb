import type { Plan } from "../../actions/plan.js";
import type { PlanNotifier } from "../../actions/ports.js";
import { fail, ok, type Result } from "../../kernel/result.js";
import { renderApprovalRequest, renderPlan } from "../blocks/plan.js";
import { SlackRefused, UNPOSTABLE_CHANNEL_CODES } from "./errors.js";
import type { SlackPoster } from "./poster.js";

/** Passes of a plan message's update: the plan can move on while one waits, but only through a few states. */
const MAX_PASSES = 3;

/** The one writer of plan messages: posts each plan, keeps its message current, asks approvers in its thread. */
export class SlackPlanNotifier implements PlanNotifier {
  constructor(
    private readonly poster: SlackPoster,
    private readonly options: {
      backendNote?: string;
      approversFor: (plan: Plan) => string[];
      /** The plan as the store has it now: another replica may have moved it on while an update waited its turn. */
      current?: (planId: string) => Plan | undefined;
    },
  ) {}

  async planCreated(plan: Plan): Promise<Result<{ ts: string }>> {
    try {
      return ok(await this.poster.post(plan.channel, renderPlan(plan, { backendNote: this.options.backendNote }), { key: `plan:${plan.id}` }));
    } catch (error) {
      if (!(error instanceof SlackRefused && UNPOSTABLE_CHANNEL_CODES.has(error.code))) throw error;
      return fail({ what: "I can't post the plan in this channel, so nobody could confirm it.", fix: "Invite me with `/invite @sageops` (or ask in a channel I'm in), then ask again." });
    }
  }

  /**
   * Shows the plan as it is. An update waits its turn (Slack's pace per channel), and another replica
   * may move the plan on and show that first; the older update would then land last and put back
   * the Confirm or waiting state. So once sent, the plan is read again, and shown again if it has
   * changed since (a few passes at most: each is a newer state).
   */
  async planChanged(plan: Plan): Promise<void> {
    let shown = plan;
    let message = renderPlan(shown, { backendNote: this.options.backendNote });
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      if (shown.messageTs) await this.poster.update(shown.channel, shown.messageTs, message);
      // No ts saved: the first post may have got out before a crash lost its answer.
      else await this.poster.post(shown.channel, message, { key: `plan:${shown.id}`, lookFirst: true });
      const now = this.options.current?.(plan.id);
      if (!now) return;
      const current = renderPlan(now, { backendNote: this.options.backendNote });
      if (JSON.stringify(current) === JSON.stringify(message)) return;
      shown = now;
      message = current;
    }
  }

  async approvalRequested(plan: Plan): Promise<{ ts: string }> {
    // Asked again only when no request was saved: one a dead process posted is found, not repeated.
    return this.poster.post(plan.channel, renderApprovalRequest(plan, this.options.approversFor(plan)), { threadTs: plan.messageTs, key: `approval:${plan.id}`, lookFirst: true });
  }
}
