import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { replyToText } from "../conversation.js";
import { answerOrApologise } from "../errors.js";

/** A mention in a channel is answered in its thread, so the channel stays readable. */
export function registerAppMention(app: App, services: BotServices): void {
  app.event("app_mention", async ({ event, say }) => {
    const threadTs = event.thread_ts ?? event.ts;
    await answerOrApologise(services.logger, (message) => say({ ...message, thread_ts: threadTs }), () => replyToText(event.text, { userId: event.user ?? "", channelId: event.channel }, services));
  });
}
