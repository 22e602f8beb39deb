import type { WebClient } from "@slack/web-api";
import { type Rendered, safeOutgoing, showInvisible } from "../blocks/kit.js";
import { toSlackError } from "./errors.js";
import type { OutgoingFile, SlackPoster } from "./poster.js";

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

  /**
   * files.uploadV2: the client asks for an upload URL, posts the bytes there, then completes the
   * upload into the channel (and thread). A refusal at any step comes back typed; a retried upload
   * starts over with a new file, and the abandoned one is never shared.
   */
  async upload(channel: string, file: OutgoingFile, options: { threadTs?: string } = {}): Promise<void> {
    const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    // The client's types take a thread only together with a channel, and no thread_ts key otherwise.
    const destination = options.threadTs === undefined ? { channel_id: channel } : { channel_id: channel, thread_ts: options.threadTs };
    await this.call("files.uploadV2", () =>
      this.client.filesUploadV2({
        ...destination,
        file: bytes,
        filename: file.filename,
        // A file's title and alt text are plain text: only the invisible characters need showing.
        title: showInvisible(file.title),
        alt_text: file.altText === undefined ? undefined : showInvisible(file.altText),
      }),
    );
  }

  private async call<T>(method: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toSlackError(method, error);
    }
  }
}
