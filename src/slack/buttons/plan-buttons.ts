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
  actions: z.array(z.object({ value: z.string().regex(/^p-[a-z0-9]{6,40}$/) })).min(1),
});

/**
 * Confirm, Cancel, Approve and Reject on plan messages: ack, move the plan, tell the clicker if
 * anything is off. A press is in the request inbox before the ack (src/slack/inbox.ts), so one a
 * crash interrupts is carried out at the next start.
 */
export function registerPlanButtons(app: App, deps: Pick<SlackDeps, "planLife" | "logger">): void {
  for (const step of ["confirm", "cancel", "approve", "reject"] as const) {
    const unreadable = { what: "That button press came without a plan I can read.", fix: "Ask again for a fresh plan." };
    onButton(app, PLAN_BUTTONS[step], { schema: PlanClick, unreadable, logger: deps.logger }, async (click) => {
      const result: Result<Plan> = await deps.planLife[step](click.actions[0]?.value ?? "", click.user.id);
      if (!result.ok) return renderProblem(result.problem);
      return result.note ? renderNote(result.note) : { text: "", blocks: [] };
    });
  }
}
