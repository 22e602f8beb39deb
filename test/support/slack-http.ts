/**
 * Posts Slack requests to the bot's real HTTP receiver the way Slack does: slash commands and
 * interactions form-encoded, events as JSON, each signed with the signing secret.
 */
import { signSlackRequest } from "./signer.js";

export interface PostOptions {
  /** Sign with this secret instead of the right one. */
  wrongSecret?: string;
  /** Leave the signature headers off. */
  unsigned?: boolean;
  /** Seconds to move the timestamp back (Slack rejects anything older than five minutes). */
  ageSeconds?: number;
  /** X-Slack-Retry-Num, for Events API redeliveries. */
  retryNum?: number;
  /** Sign with this Unix time (seconds) instead of now: the same body and time give the same signature, as a replay would. */
  timestamp?: number;
}

export interface SlackResponse {
  status: number;
  body: string;
  elapsedMs: number;
}

export class SlackHttpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly signingSecret: string,
  ) {}

  async postCommand(payload: Record<string, string>, options: PostOptions = {}): Promise<SlackResponse> {
    return this.post(new URLSearchParams(payload).toString(), "application/x-www-form-urlencoded", options);
  }

  async postEvent(envelope: object, options: PostOptions = {}): Promise<SlackResponse> {
    return this.post(JSON.stringify(envelope), "application/json", options);
  }

  async postInteraction(payload: object, options: PostOptions = {}): Promise<SlackResponse> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded", options);
  }

  async postRaw(body: string, contentType: string, options: PostOptions = {}): Promise<SlackResponse> {
    return this.post(body, contentType, options);
  }

  async get(path: string): Promise<SlackResponse> {
    const started = Date.now();
    const response = await fetch(`${this.baseUrl}${path}`);
    return { status: response.status, body: await response.text(), elapsedMs: Date.now() - started };
  }

  private async post(body: string, contentType: string, options: PostOptions): Promise<SlackResponse> {
    const headers: Record<string, string> = { "content-type": contentType };
    if (!options.unsigned) {
      const { timestamp, signature } = signSlackRequest(options.wrongSecret ?? this.signingSecret, body, (options.timestamp ?? Math.floor(Date.now() / 1000)) - (options.ageSeconds ?? 0));
      headers["x-slack-request-timestamp"] = timestamp;
      headers["x-slack-signature"] = signature;
    }
    if (options.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(options.retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const started = Date.now();
    const response = await fetch(`${this.baseUrl}/slack/events`, { method: "POST", headers, body });
    return { status: response.status, body: await response.text(), elapsedMs: Date.now() - started };
  }
}
