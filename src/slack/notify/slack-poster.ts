import type { WebClient } from "@slack/web-api";
import { type Rendered, safeOutgoing } from "../blocks/kit.js";
import { toSlackError } from "./errors.js";
import type { SlackPoster } from "./poster.js";

/**
 * SlackPoster over the Web API client (pointed at SLACK_API_URL when set). Every message leaves
 * through safeOutgoing; every failure comes back as a typed error (notify/errors.ts).
 */
export class WebApiPoster implements SlackPoster {
  constructor(private readonly client: WebClient) {}

  async post(channel: string, rendered: Rendered, options: { threadTs?: string } = {}): Promise<{ ts: string }> {
    const message = safeOutgoing(rendered);
    const result = await this.call("chat.postMessage", () => this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, thread_ts: options.threadTs, unfurl_links: false }));
    if (!result.ts) throw new Error(`chat.postMessage to ${channel} returned no ts`);
    return { ts: result.ts };
  }

  async update(channel: string, ts: string, rendered: Rendered): Promise<void> {
    const message = safeOutgoing(rendered);
    await this.call("chat.update", () => this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }));
  }

  async ephemeral(channel: string, user: string, rendered: Rendered, options: { threadTs?: string } = {}): Promise<void> {
    const message = safeOutgoing(rendered);
    await this.call("chat.postEphemeral", () => this.client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks, thread_ts: options.threadTs }));
  }

  private async call<T>(method: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toSlackError(method, error);
    }
  }
}
