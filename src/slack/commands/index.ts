import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { registerDeployCommand } from "./deploy.js";
import { registerSageopsCommand } from "./sageops.js";
import { registerTrainCommand } from "./train.js";

export function registerCommands(app: App, services: BotServices): void {
  registerTrainCommand(app, services);
  registerDeployCommand(app, services);
  registerSageopsCommand(app, services);
}
