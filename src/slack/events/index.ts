import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { registerAppHome } from "./app-home.js";
import { registerAppMention } from "./app-mention.js";
import { registerDirectMessage } from "./direct-message.js";

export function registerEvents(app: App, services: BotServices): void {
  registerAppMention(app, services);
  registerDirectMessage(app, services);
  registerAppHome(app, services);
}
