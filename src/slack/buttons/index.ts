import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { registerPlanButtons } from "./plan-buttons.js";

export function registerActions(app: App, services: BotServices): void {
  registerPlanButtons(app, services);
}
