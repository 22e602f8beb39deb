import type { Rendered } from "../blocks/kit.js";

/** A file to share in a channel: a chart for an alert's thread, say. */
export interface OutgoingFile {
  filename: string;
  title: string;
  bytes: Uint8Array;
  /** What the picture shows, for screen readers. */
  altText?: string;
}

/** Posting to Slack, as the Slack wing needs it; src/slack/notify/slack-poster.ts implements it over the Web API, pacer.ts paces it. */
export interface SlackPoster {
  post(channel: string, message: Rendered, options?: { threadTs?: string }): Promise<{ ts: string }>;
  update(channel: string, ts: string, message: Rendered): Promise<void>;
  ephemeral(channel: string, user: string, message: Rendered, options?: { threadTs?: string }): Promise<void>;
  upload(channel: string, file: OutgoingFile, options?: { threadTs?: string }): Promise<void>;
}
