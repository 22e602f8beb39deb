import type { Rendered } from "../blocks/kit.js";

/** A file to share in a channel: a chart for an alert's thread, say. */
export interface OutgoingFile {
  filename: string;
  title: string;
  bytes: Uint8Array;
  /** What the picture shows, for screen readers. */
  altText?: string;
}

/**
 * Where a post goes, and what makes it one post however often it is sent: a post with a `key`
 * carries it in the message's metadata, so a retry after a lost answer finds the message already
 * there instead of posting it again. `lookFirst` looks for it before the first attempt too: for a
 * post an earlier process may have made before it died (found, it is brought up to this content).
 */
export interface PostOptions {
  threadTs?: string;
  key?: string;
  lookFirst?: boolean;
}

/** Posting to Slack, as the Slack wing needs it; src/slack/notify/slack-poster.ts implements it over the Web API, pacer.ts paces it. */
export interface SlackPoster {
  post(channel: string, message: Rendered, options?: PostOptions): Promise<{ ts: string }>;
  update(channel: string, ts: string, message: Rendered): Promise<void>;
  ephemeral(channel: string, user: string, message: Rendered, options?: { threadTs?: string }): Promise<void>;
  upload(channel: string, file: OutgoingFile, options?: { threadTs?: string }): Promise<void>;
}
