import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import type { Plan } from "../../actions/plan.js";
import type { Result } from "../../kernel/result.js";
import { renderNote, renderProblem } from "../blocks/notice.js";
import { PLAN_BUTTONS } from "../blocks/plan.js";
import type { SlackDeps } from "../deps.js";
import { answerOrApologise } from "../errors.js";

/** The part of a button click we rely on. */
const PlanClick = z.object({
  user: z.object({ id: z.string().min(1) }),
  actions: z.array(z.object({ value: z.string().regex(/^p-[a-z0-9]{6,40}$/) })).min(1),
});

type Step = "confirm" | "cancel" | "approve" | "reject";

/** Confirm, Cancel, Approve and Reject on plan messages: ack, move the plan, tell the clicker if anything is off. */
export function registerPlanButtons(app: App, deps: Pick<SlackDeps, "planLife" | "logger">): void {
  for (const step of ["confirm", "cancel", "approve", "reject"] as const satisfies readonly Step[]) {
    app.action<BlockAction<ButtonAction>>(PLAN_BUTTONS[step], async ({ ack, body, respond }) => {
      await ack();
      await answerOrApologise(
        deps.logger,
        async (message) => {
          if (message.text !== "") await respond({ response_type: "ephemeral", replace_original: false, ...message });
        },
        async () => {
          const click = PlanClick.safeParse(body);
          if (!click.success) return renderProblem({ what: "That button press came without a plan I can read.", fix: "Ask again for a fresh plan." });
          const planId = click.data.actions[0]?.value ?? "";
          const userId = click.data.user.id;
          const result: Result<Plan> = await deps.planLife[step](planId, userId);
          if (!result.ok) return renderProblem(result.problem);
          return result.note ? renderNote(result.note) : { text: "", blocks: [] };
        },
      );
    });
  }
}
