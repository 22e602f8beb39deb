import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { registerDeployModal } from "./deploy-modal.js";
import { registerTrainModal } from "./train-modal.js";

export function registerViews(app: App, services: BotServices): void {
  registerTrainModal(app, services);
  registerDeployModal(app, services);
}
