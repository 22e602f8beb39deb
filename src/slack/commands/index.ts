import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import { registerDeployCommand } from "./deploy.js";
import { registerSageopsCommand } from "./sageops.js";
import { registerTrainCommand } from "./train.js";

export function registerCommands(app: App, deps: SlackDeps): void {
  registerTrainCommand(app, deps);
  registerDeployCommand(app, deps);
  registerSageopsCommand(app, deps);
}
