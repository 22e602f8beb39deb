import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { replyToText } from "../conversation.js";
import { answerOrApologise } from "../errors.js";

export function registerDeployCommand(app: App, services: BotServices): void {
  app.command("/deploy", async ({ ack, command, respond }) => {
    await ack();
    await answerOrApologise(services.logger, (message) => respond({ response_type: "ephemeral", ...message }), () => replyToText(`deploy ${command.text}`, { userId: command.user_id, channelId: command.channel_id }, services));
  });
}
