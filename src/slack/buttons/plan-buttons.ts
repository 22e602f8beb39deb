import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Plan } from "../../actions/plan.js";
import type { Result } from "../../kernel/result.js";
import { renderNote, renderProblem } from "../blocks/notice.js";
import { PLAN_BUTTONS } from "../blocks/plan.js";
import type { SlackDeps } from "../deps.js";
import { onButton } from "./on-button.js";

/** The part of a button click we rely on. */
const PlanClick = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().optional(),
  actions: z.array(z.object({ value: z.string().regex(/^p-[a-z0-9]{6,40}$/), action_ts: z.string().optional() })).min(1),
});
type PlanClick = z.infer<typeof PlanClick>;

/**
 * One press: Slack's action_ts (or trigger) and the presser, so a redelivered press is the same
 * press. Undefined for a click carrying neither, which cannot be told apart and is not recorded.
 */
function pressId(click: PlanClick, step: Step): string | undefined {
  const when = click.actions[0]?.action_ts ?? click.trigger_id;
  return when === undefined ? undefined : `${step}:${when}:${click.user.id}`;
}

type Step = "confirm" | "cancel" | "approve" | "reject";

/** Confirm, Cancel, Approve and Reject on plan messages: ack, move the plan, tell the clicker if anything is off. */
export function registerPlanButtons(app: App, deps: Pick<SlackDeps, "planLife" | "logger" | "clicks">): void {
  for (const step of ["confirm", "cancel", "approve", "reject"] as const satisfies readonly Step[]) {
    const record = (click: PlanClick) => {
      const id = pressId(click, step);
      if (id) deps.clicks.record({ id, step, planId: click.actions[0]?.value ?? "", userId: click.user.id }, new Date());
    };
    const unreadable = { what: "That button press came without a plan I can read.", fix: "Ask again for a fresh plan." };
    onButton(app, PLAN_BUTTONS[step], { schema: PlanClick, unreadable, logger: deps.logger, beforeAck: record }, async (click) => {
      const planId = click.actions[0]?.value ?? "";
      try {
        const result: Result<Plan> = await deps.planLife[step](planId, click.user.id);
        if (!result.ok) return renderProblem(result.problem);
        return result.note ? renderNote(result.note) : { text: "", blocks: [] };
      } finally {
        const id = pressId(click, step);
        if (id) deps.clicks.done(id, new Date());
      }
    });
  }
}
