import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import { registerChoiceButtons } from "./choice-buttons.js";
import { registerDriftButtons } from "./drift-buttons.js";
import { registerPlanButtons } from "./plan-buttons.js";
import { registerVersionButtons } from "./version-buttons.js";

export function registerButtons(app: App, deps: SlackDeps): void {
  registerPlanButtons(app, deps);
  registerDriftButtons(app, deps);
  registerChoiceButtons(app, deps);
  registerVersionButtons(app, deps);
}
