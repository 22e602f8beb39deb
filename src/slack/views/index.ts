import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import { registerDeployModal } from "./deploy-modal.js";
import { registerTrainModal } from "./train-modal.js";

export function registerViews(app: App, deps: SlackDeps): void {
  registerTrainModal(app, deps);
  registerDeployModal(app, deps);
}
