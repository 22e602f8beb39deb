import type { App } from "@slack/bolt";
import { type ConversationDeps, replyToText } from "../conversation.js";
import type { SlackDeps } from "../deps.js";
import { answerOrApologise } from "../errors.js";

/** A mention in a channel is answered in its thread, so the channel stays readable. */
export function registerAppMention(app: App, deps: ConversationDeps & Pick<SlackDeps, "logger">): void {
  app.event("app_mention", async ({ event, say }) => {
    const threadTs = event.thread_ts ?? event.ts;
    await answerOrApologise(deps.logger, (message) => say({ ...message, thread_ts: threadTs }), () => replyToText(event.text, { userId: event.user ?? "", channelId: event.channel }, deps));
  });
}
