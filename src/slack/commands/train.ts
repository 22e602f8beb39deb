import type { App } from "@slack/bolt";
import { parseArguments } from "../../actions/arguments.js";
import { planReply } from "../action-requests.js";
import { renderProblem } from "../blocks/notice.js";
import type { SlackDeps } from "../deps.js";
import { answerOrApologise } from "../errors.js";
import { openTrainModal } from "../views/train-modal.js";

/** `/train <recipe> [key=value ...]`; `/train` alone opens the form. */
export function registerTrainCommand(app: App, deps: Pick<SlackDeps, "logger" | "policy" | "requests">): void {
  app.command("/train", async ({ ack, command, respond, client }) => {
    await ack();
    const requester = { userId: command.user_id, channelId: command.channel_id };
    await answerOrApologise(deps.logger, (message) => respond({ response_type: "ephemeral", ...message }), async () => {
      if (command.text.trim() === "") {
        await openTrainModal(client, command.trigger_id, requester, deps);
        return { text: "", blocks: [] };
      }
      const parsed = parseArguments(command.text);
      if (!parsed.ok) return renderProblem(parsed.problem);
      const [recipe, ...rest] = parsed.value.words;
      if (rest.length > 0) return renderProblem({ what: `I don't know what to do with \`${rest.join(" ")}\`.`, fix: "Write options as key=value, e.g. `/train churn-xgb instance=ml.m5.xlarge count=2 max_depth=6`." });
      return planReply(await deps.requests.train({ ...parsed.value.params, recipe }, parsed.value.extra, requester));
    });
  });
}
