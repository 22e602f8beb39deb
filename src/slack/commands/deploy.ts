import type { App } from "@slack/bolt";
import { parseArguments } from "../../actions/arguments.js";
import { renderProblem } from "../blocks/notice.js";
import type { BotServices } from "../../services.js";
import { requestBatch, requestDeploy, requestRollback } from "../action-requests.js";
import { answerOrApologise } from "../errors.js";
import { openDeployModal } from "../views/deploy-modal.js";

const USAGE = "`/deploy churn-xgb/1 to churn-prod env=prod`, `/deploy batch churn-xgb/1 input=s3://...` or `/deploy` alone for a form";

/** `/deploy <group>[/<version>|@latest-approved] to <endpoint> [...]`, `/deploy batch ...`, `/deploy rollback <endpoint>`. */
export function registerDeployCommand(app: App, services: BotServices): void {
  app.command("/deploy", async ({ ack, command, respond, client }) => {
    await ack();
    const requester = { userId: command.user_id, channelId: command.channel_id };
    await answerOrApologise(services.logger, (message) => respond({ response_type: "ephemeral", ...message }), async () => {
      if (command.text.trim() === "") {
        await openDeployModal(client, command.trigger_id, requester, services);
        return { text: "", blocks: [] };
      }
      const parsed = parseArguments(command.text);
      if (!parsed.ok) return renderProblem(parsed.problem);
      const { words, params, extra } = parsed.value;
      const unknown = Object.keys(extra);
      if (unknown.length > 0) return renderProblem({ what: `\`/deploy\` takes no \`${unknown.join("=`, `")}=\` option.`, fix: "Options: env=, instance=, count=, input=, output=, max-runtime=." });
      const [first, second, third, ...rest] = words;
      if (first === "batch") {
        if (third !== undefined) return renderProblem({ what: `I don't know what to do with \`${[third, ...rest].join(" ")}\`.`, fix: USAGE });
        return requestBatch(second, params, requester, services);
      }
      if (first === "rollback") return requestRollback(second, params, requester, services);
      if (second !== "to" || rest.length > 0) return renderProblem({ what: "I read `/deploy` as: a model version, `to`, and an endpoint name.", fix: `For example ${USAGE}.` });
      return requestDeploy(first, third, params, requester, services);
    });
  });
}
