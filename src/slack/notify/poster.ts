import type { Rendered } from "../blocks/kit.js";

/** Posting to Slack, as the rest of the bot needs it; src/notify/slack-poster.ts implements it. */
export interface SlackPoster {
  post(channel: string, message: Rendered, options?: { threadTs?: string }): Promise<{ ts: string }>;
  update(channel: string, ts: string, message: Rendered): Promise<void>;
  ephemeral(channel: string, user: string, message: Rendered, options?: { threadTs?: string }): Promise<void>;
}
