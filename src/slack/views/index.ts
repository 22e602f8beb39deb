import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { registerTrainModal } from "./train-modal.js";

export function registerViews(app: App, services: BotServices): void {
  registerTrainModal(app, services);
}
