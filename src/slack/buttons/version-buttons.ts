/**
 * The buttons on a new version's announcement (src/slack/blocks/models.ts): Approve and Reject
 * plan the change as the one who pressed, through the same policy, confirmation and approval as
 * `/sageops approve`; Compare answers privately. The announcement keeps its buttons for the next person.
 */
import type { App } from "@slack/bolt";
import { z } from "zod";
import { VERSION_ACTION } from "../blocks/models.js";
import { type ModelCommandDeps, modelCommand } from "../commands/models.js";
import type { SlackDeps } from "../deps.js";
import { onButton } from "./on-button.js";

/** What a click carries: who, where, and the subcommand with its version ("approve churn-xgb/3"). */
const VersionClick = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }),
  actions: z
    .array(z.object({ value: z.string().regex(/^(approve|reject|compare) [A-Za-z0-9/@ -]{1,200}$/) }))
    .min(1),
});

export function registerVersionButtons(app: App, deps: ModelCommandDeps & Pick<SlackDeps, "logger">): void {
  const unreadable = { what: "That button came without a model version I can read.", fix: "Use `/sageops models <group>`, then `/sageops approve <group>/<version>`." };
  onButton(app, new RegExp(`^${VERSION_ACTION}:(approve|reject|compare)$`), { schema: VersionClick, unreadable, logger: deps.logger }, async (click) => {
    const [sub = "", ...rest] = (click.actions[0]?.value ?? "").split(" ");
    const requester = { userId: click.user.id, channelId: click.channel.id };
    if (sub !== "approve" && sub !== "reject" && sub !== "compare") return { text: "", blocks: [] };
    return modelCommand(sub, rest.join(" "), requester, deps);
  });
}
