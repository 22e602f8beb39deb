import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import { registerAppHome } from "./app-home.js";
import { registerAppMention } from "./app-mention.js";
import { registerDirectMessage } from "./direct-message.js";

export function registerEvents(app: App, deps: SlackDeps): void {
  registerAppMention(app, deps);
  registerDirectMessage(app, deps);
  registerAppHome(app, deps);
}
