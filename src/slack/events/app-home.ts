import type { App } from "@slack/bolt";
import { renderHome } from "../blocks/home.js";
import { safeOutgoing } from "../blocks/kit.js";
import { renderHomeStatus } from "../blocks/status.js";
import type { SlackDeps } from "../deps.js";

export function registerAppHome(app: App, deps: Pick<SlackDeps, "backendNote" | "status" | "logger">): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      await client.views.publish({ user_id: event.user, view: safeOutgoing({ type: "home", blocks: renderHome({ backendNote: deps.backendNote, resources: renderHomeStatus(deps.status.home(event.user), new Date()) }).blocks }) });
    } catch (error) {
      deps.logger.error({ err: error }, "could not publish the App Home");
    }
  });
}
