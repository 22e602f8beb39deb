import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { type Rendered, safeOutgoing, showInvisible } from "../blocks/kit.js";
import { SlackRateLimited, SlackRefused, toSlackError } from "./errors.js";
import type { OutgoingFile, PostOptions, SlackPoster } from "./poster.js";

/** The metadata event type that carries a post's key (see PostOptions). */
export const POST_KEY_EVENT = "sageops_post";
/** Slack answered, but with a failure on its side: the call may or may not have taken effect. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);
/** Waits before the second and third attempt of a call that failed on the way or on Slack's side. */
const RETRY_WAITS_MS = [500, 2000];
/** How far back a post an earlier process may have made is looked for. */
const LOOK_BACK_S = 3600;

const KeyedMessages = z.object({
  messages: z
    .array(z.object({ ts: z.string(), metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional() }).loose())
    .catch([]),
});

/** A failure after which the same call may succeed (and may already have taken effect). */
function isTransient(error: unknown): boolean {
  if (error instanceof SlackRateLimited) return false;
  if (error instanceof SlackRefused) return TRANSIENT_CODES.has(error.code);
  return true;
}

/**
 * SlackPoster over the Web API client (pointed at SLACK_API_URL when set). Every message leaves
 * through safeOutgoing; every failure comes back as a typed error (notify/errors.ts). A call that
 * fails on the way or on Slack's side is tried twice more (the client itself retries nothing); a
 * keyed post looks for itself before each retry, so a lost answer never makes a second message.
 */
export class WebApiPoster implements SlackPoster {
  constructor(
    private readonly client: WebClient,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async post(channel: string, rendered: Rendered, options: PostOptions = {}): Promise<{ ts: string }> {
    const message = safeOutgoing(rendered);
    const { key, threadTs } = options;
    const metadata = key === undefined ? undefined : { event_type: POST_KEY_EVENT, event_payload: { key } };
    const since = Math.floor(Date.now() / 1000) - (options.lookFirst ? LOOK_BACK_S : 60);
    for (let attempt = 0; ; attempt += 1) {
      if (key !== undefined && (attempt > 0 || options.lookFirst)) {
        const found = await this.findPosted(channel, key, threadTs, since);
        // Found before this call sent anything: an earlier process posted it, maybe with older content.
        if (found && attempt === 0) await this.update(channel, found, rendered);
        if (found) return { ts: found };
      }
      try {
        const result = await this.call("chat.postMessage", () => this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, thread_ts: threadTs, unfurl_links: false, ...(metadata ? { metadata } : {}) }));
        if (!result.ts) throw new Error(`chat.postMessage to ${channel} returned no ts`);
        return { ts: result.ts };
      } catch (error) {
        const waitMs = RETRY_WAITS_MS[attempt];
        if (waitMs === undefined || !isTransient(error)) throw error;
        await this.wait(waitMs);
      }
    }
  }

  /** The ts of the message carrying `key`, if Slack has it; undefined when it cannot tell (a lookup that fails posts again). */
  private async findPosted(channel: string, key: string, threadTs: string | undefined, since: number): Promise<string | undefined> {
    try {
      const listed =
        threadTs === undefined
          ? await this.client.conversations.history({ channel, oldest: String(since), include_all_metadata: true, limit: 100 })
          : await this.client.conversations.replies({ channel, ts: threadTs, oldest: String(since), include_all_metadata: true, limit: 200 });
      const messages = KeyedMessages.parse(listed).messages;
      return messages.find((m) => m.metadata?.event_type === POST_KEY_EVENT && m.metadata.event_payload?.["key"] === key)?.ts;
    } catch {
      return undefined;
    }
  }

  async update(channel: string, ts: string, rendered: Rendered): Promise<void> {
    const message = safeOutgoing(rendered);
    await this.retried("chat.update", () => this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }));
  }

  async ephemeral(channel: string, user: string, rendered: Rendered, options: { threadTs?: string } = {}): Promise<void> {
    const message = safeOutgoing(rendered);
    await this.retried("chat.postEphemeral", () => this.client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks, thread_ts: options.threadTs }));
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
    await this.retried("files.uploadV2", () =>
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

  /** A call whose repeat does no harm (an update sets the same content; an upload starts over). */
  private async retried<T>(method: string, send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.call(method, send);
      } catch (error) {
        const waitMs = RETRY_WAITS_MS[attempt];
        if (waitMs === undefined || !isTransient(error)) throw error;
        await this.wait(waitMs);
      }
    }
  }

  private async call<T>(method: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toSlackError(method, error);
    }
  }
}
