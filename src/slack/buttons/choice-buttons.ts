/**
 * The buttons of a message that asked back (src/slack/blocks/choices.ts). A pick goes on exactly
 * as if its words had been typed by the one who pressed: the same interpreter, guard, plan and
 * confirmation. The first pick on a message wins; the message then says who picked what.
 */
import type { App, RespondFn } from "@slack/bolt";
import { z } from "zod";
import { CHOICE_ACTION, NEITHER_ACTION } from "../blocks/choices.js";
import { context, escapeMrkdwn } from "../blocks/kit.js";
import { renderNote } from "../blocks/notice.js";
import { type ConversationDeps, replyToText } from "../conversation.js";
import type { SlackDeps } from "../deps.js";
import { onButton } from "./on-button.js";

/** The part of a click we rely on: who, where, which message, and the words the button stands for. */
const ChoiceClick = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }),
  container: z.object({ message_ts: z.string().min(1), is_ephemeral: z.boolean().optional() }),
  actions: z.array(z.object({ value: z.string().min(1).max(2000), action_ts: z.string().min(1), text: z.object({ text: z.string() }).optional() })).min(1),
});
type ChoiceClick = z.infer<typeof ChoiceClick>;

/** Where the first pick on a message is kept. */
export interface ChoiceLedger {
  claim(messageKey: string, clickId: string, userId: string, choice: string): boolean;
}

type ChoiceDeps = ConversationDeps & Pick<SlackDeps, "logger" | "choices" | "poster">;

export function registerChoiceButtons(app: App, deps: ChoiceDeps): void {
  const unreadable = { what: "That button press came without a choice I can read.", fix: "Say again what you would like, in other words or as a command (`/sageops help` lists them)." };
  /** Claims the message for this click and shows the pick on it; the words picked, or "taken". */
  const pick = async (click: ChoiceClick, respond: RespondFn): Promise<string | undefined> => {
    const chosen = click.actions[0];
    if (!chosen) return undefined;
    const key = `${click.channel.id}:${click.container.message_ts}`;
    if (!deps.choices.claim(key, chosen.action_ts, click.user.id, chosen.value)) return "taken";
    const label = chosen.text?.text ?? chosen.value;
    const said = chosen.value === "neither" ? `<@${click.user.id}> picked neither: nothing was done.` : `<@${click.user.id}> picked: ${escapeMrkdwn(label)}`;
    // The buttons go, so the message shows what was picked and offers nothing more. Only its
    // response URL reaches a private message; a channel message is updated in place.
    const shown = { text: said, blocks: [context(said)] };
    if (click.container.is_ephemeral) await respond({ replace_original: true, ...shown });
    else await deps.poster.update(click.channel.id, click.container.message_ts, shown);
    return chosen.value;
  };
  const taken = renderNote("Someone already picked on that message; what they picked is shown on it.");

  onButton(app, new RegExp(`^${CHOICE_ACTION}:\\d+$`), { schema: ChoiceClick, unreadable, logger: deps.logger }, async (click, _client, respond) => {
    const value = await pick(click, respond);
    if (value === "taken") return taken;
    if (value === undefined) return { text: "", blocks: [] };
    return replyToText(value, { userId: click.user.id, channelId: click.channel.id }, deps);
  });

  onButton(app, NEITHER_ACTION, { schema: ChoiceClick, unreadable, logger: deps.logger }, async (click, _client, respond) => {
    const value = await pick(click, respond);
    if (value === "taken") return taken;
    return renderNote("OK, I did nothing. Say it another way, or `/sageops help` lists what I can do.");
  });
}
