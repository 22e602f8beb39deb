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

type Step = "confirm" | "cancel" | "approve" | "reject";

/** Confirm, Cancel, Approve and Reject on plan messages: ack, move the plan, tell the clicker if anything is off. */
export function registerPlanButtons(app: App, deps: Pick<SlackDeps, "planLife" | "logger">): void {
  for (const step of ["confirm", "cancel", "approve", "reject"] as const satisfies readonly Step[]) {
    onButton(app, PLAN_BUTTONS[step], { schema: PlanClick, unreadable: { what: "That button press came without a plan I can read.", fix: "Ask again for a fresh plan." }, logger: deps.logger }, async (click) => {
      const planId = click.actions[0]?.value ?? "";
      const result: Result<Plan> = await deps.planLife[step](planId, click.user.id);
      if (!result.ok) return renderProblem(result.problem);
      return result.note ? renderNote(result.note) : { text: "", blocks: [] };
    });
  }
}
