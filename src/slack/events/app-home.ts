import type { App } from "@slack/bolt";
import { renderHome } from "../blocks/home.js";
import { safeOutgoing } from "../blocks/kit.js";
import { renderHomeStatus } from "../blocks/status.js";
import type { BotServices } from "../../services.js";

export function registerAppHome(app: App, services: BotServices): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      await client.views.publish({ user_id: event.user, view: safeOutgoing({ type: "home", blocks: renderHome({ backendNote: services.backendNote, resources: renderHomeStatus(services.status.home(event.user), new Date()) }).blocks }) });
    } catch (error) {
      services.logger.error({ err: error }, "could not publish the App Home");
    }
  });
}
