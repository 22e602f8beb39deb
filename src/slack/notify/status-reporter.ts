/** The tracker's StatusReporter in Slack: Block Kit from blocks/status.ts, sent through the paced poster. */

import type { OncePost, StatusReporter, StatusView } from "../../watch/publisher.js";
import { renderFailureAlert, renderFinalReply, renderStatusMessage } from "../blocks/status.js";
import type { SlackPoster } from "./poster.js";

export class SlackStatusReporter implements StatusReporter {
  constructor(private readonly poster: SlackPoster) {}

  async statusMessage(view: StatusView, at: Date, where: { channel: string; threadTs?: string; messageTs?: string }, once: OncePost): Promise<{ ts: string }> {
    const message = renderStatusMessage(view, at);
    if (where.messageTs) {
      await this.poster.update(where.channel, where.messageTs, message);
      return { ts: where.messageTs };
    }
    return this.poster.post(where.channel, message, { threadTs: where.threadTs, ...once });
  }

  async finalReply(view: StatusView, at: Date, where: { channel: string; threadTs?: string }, once: OncePost): Promise<void> {
    await this.poster.post(where.channel, renderFinalReply(view, at), { threadTs: where.threadTs, ...once });
  }

  async failureAlert(view: StatusView, at: Date, channel: string, once: OncePost): Promise<void> {
    await this.poster.post(channel, renderFailureAlert(view, at), once);
  }
}
