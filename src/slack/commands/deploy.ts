import type { App } from "@slack/bolt";
import { parseArguments } from "../../actions/arguments.js";
import { type ModelRef, parseModelSpec } from "../../actions/model-versions.js";
import type { Result } from "../../kernel/result.js";
import { planReply } from "../action-requests.js";
import { renderProblem } from "../blocks/notice.js";
import type { SlackDeps } from "../deps.js";
import { answerOrApologise } from "../errors.js";
import { openDeployModal } from "../views/deploy-modal.js";

const USAGE = "`/deploy churn-xgb/1 to churn-prod env=prod`, `/deploy batch churn-xgb/1 input=s3://...` or `/deploy` alone for a form";

/** The model version a word names; no word is no version (the request then asks which). */
function modelWord(word: string | undefined): Result<ModelRef | undefined> {
  return word === undefined ? { ok: true, value: undefined } : parseModelSpec(word);
}

/** `/deploy <group>[/<version>|@latest-approved] to <endpoint> [...]`, `/deploy batch ...`, `/deploy rollback <endpoint>`. */
export function registerDeployCommand(app: App, deps: Pick<SlackDeps, "logger" | "policy" | "registry" | "requests">): void {
  app.command("/deploy", async ({ ack, command, respond, client }) => {
    await ack();
    const requester = { userId: command.user_id, channelId: command.channel_id };
    await answerOrApologise(deps.logger, (message) => respond({ response_type: "ephemeral", ...message }), async () => {
      if (command.text.trim() === "") {
        await openDeployModal(client, command.trigger_id, requester, deps);
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
        const model = modelWord(second);
        return model.ok ? planReply(await deps.requests.batch(model.value, params, requester)) : renderProblem(model.problem);
      }
      if (first === "rollback") return planReply(await deps.requests.rollback(second, params, requester));
      if (second !== "to" || rest.length > 0) return renderProblem({ what: "I read `/deploy` as: a model version, `to`, and an endpoint name.", fix: `For example ${USAGE}.` });
      const model = modelWord(first);
      return model.ok ? planReply(await deps.requests.deploy(model.value, third, params, requester)) : renderProblem(model.problem);
    });
  });
}
