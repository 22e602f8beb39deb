/**
 * A SlackPoster that keeps within Slack's rate limits. Each channel has a queue and a token
 * bucket (one message a second by default: Slack's steady rate, at which it answers no 429); an HTTP 429 pauses that
 * channel for the Retry-After Slack gave (chat.postMessage is limited per channel, so the others
 * go on), then the same call is sent again. An update waiting in
 * a queue is replaced by a newer update of the same message, so only the latest content goes
 * out. Nothing else is ever dropped: posts (final replies included) and file uploads wait their turn.
 *
 * The Slack client must hand 429s over rather than retry them itself: create the WebClient with
 * `rejectRateLimitedCalls: true`; the Web API poster turns them into SlackRateLimited.
 */

import { randomUUID } from "node:crypto";
import type { Clock } from "../../kernel/clock.js";
import type { Rendered } from "../blocks/kit.js";
import { SlackRateLimited } from "./errors.js";
import type { OutgoingFile, PostOptions, SlackPoster } from "./poster.js";

export interface PacerOptions {
  clock: Clock;
  /** Steady pace per channel: one message per this many ms (default 1000). */
  intervalMs?: number;
  /** Messages a quiet channel may send back to back (default 1: a burst above Slack's rate only earns 429s). */
  burst?: number;
  /** Rate-limited attempts at one call before its caller gets the error (default 20). */
  maxRateLimitRetries?: number;
  onRateLimited?: (info: { channel: string; retryAfterMs: number; attempt: number }) => void;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

type Job =
  | { kind: "post"; channel: string; message: Rendered; options: PostOptions & { key: string }; attempts: number; waiters: Waiter<{ ts: string }>[] }
  | { kind: "update"; channel: string; ts: string; message: Rendered; attempts: number; waiters: Waiter<void>[] }
  | { kind: "ephemeral"; channel: string; user: string; message: Rendered; threadTs?: string; attempts: number; waiters: Waiter<void>[] }
  | { kind: "upload"; channel: string; file: OutgoingFile; threadTs?: string; attempts: number; waiters: Waiter<void>[] };

interface ChannelQueue {
  jobs: Job[];
  tokens: number;
  refilledAt: number;
  sending: boolean;
  /** Until when Slack asked this channel's calls to wait (a 429's Retry-After). */
  pausedUntil: number;
  cancelWait?: () => void;
}

/** A rate limit's wait, from the poster's typed error; undefined for every other error. */
function retryAfterOf(error: unknown): number | undefined {
  return error instanceof SlackRateLimited ? error.retryAfterMs : undefined;
}

export class PacedPoster implements SlackPoster {
  private readonly queues = new Map<string, ChannelQueue>();
  private readonly intervalMs: number;
  private readonly burst: number;

  constructor(
    private readonly inner: SlackPoster,
    private readonly options: PacerOptions,
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.burst = Math.max(1, options.burst ?? 1);
  }

  /** Every post gets a key (a fresh one when the caller gives none), so its retries are one post. */
  post(channel: string, message: Rendered, options: PostOptions = {}): Promise<{ ts: string }> {
    const keyed = { ...options, key: options.key ?? randomUUID() };
    return new Promise((resolve, reject) => this.enqueue({ kind: "post", channel, message, options: keyed, attempts: 0, waiters: [{ resolve, reject }] }));
  }

  update(channel: string, ts: string, message: Rendered): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiting = this.queue(channel).jobs.find((job) => job.kind === "update" && job.ts === ts);
      if (waiting?.kind === "update") {
        waiting.message = message;
        waiting.waiters.push({ resolve, reject });
        return;
      }
      this.enqueue({ kind: "update", channel, ts, message, attempts: 0, waiters: [{ resolve, reject }] });
    });
  }

  ephemeral(channel: string, user: string, message: Rendered, options: { threadTs?: string } = {}): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue({ kind: "ephemeral", channel, user, message, threadTs: options.threadTs, attempts: 0, waiters: [{ resolve, reject }] }));
  }

  /** A file shared in the channel takes its turn like a message: it appears there as one. */
  upload(channel: string, file: OutgoingFile, options: { threadTs?: string } = {}): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue({ kind: "upload", channel, file, threadTs: options.threadTs, attempts: 0, waiters: [{ resolve, reject }] }));
  }

  /** Calls waiting (not yet sent) across all channels. */
  get pending(): number {
    return [...this.queues.values()].reduce((sum, queue) => sum + queue.jobs.length, 0);
  }

  private queue(channel: string): ChannelQueue {
    let queue = this.queues.get(channel);
    if (!queue) {
      queue = { jobs: [], tokens: this.burst, refilledAt: this.options.clock.now(), sending: false, pausedUntil: 0 };
      this.queues.set(channel, queue);
    }
    return queue;
  }

  private enqueue(job: Job): void {
    this.queue(job.channel).jobs.push(job);
    this.pump(job.channel);
  }

  private pump(channel: string): void {
    const queue = this.queue(channel);
    if (queue.sending || queue.cancelWait || queue.jobs.length === 0) return;
    const now = this.options.clock.now();
    queue.tokens = Math.min(this.burst, queue.tokens + (now - queue.refilledAt) / this.intervalMs);
    queue.refilledAt = now;
    const wait = Math.max(queue.pausedUntil - now, queue.tokens >= 1 ? 0 : Math.ceil((1 - queue.tokens) * this.intervalMs));
    if (wait > 0) {
      queue.cancelWait = this.options.clock.after(wait, () => {
        queue.cancelWait = undefined;
        this.pump(channel);
      });
      return;
    }
    const job = queue.jobs.shift();
    if (!job) return;
    queue.tokens -= 1;
    queue.sending = true;
    void this.send(job, queue).finally(() => {
      queue.sending = false;
      // Slack counts a message when it arrives, somewhere between the send and its answer: counting
      // the interval from the answer keeps the next one from landing early (and earning a 429 and a
      // whole second's wait) when this one took longer to get there than the next will.
      const answeredAt = this.options.clock.now();
      if (queue.tokens < 1) queue.refilledAt = Math.max(queue.refilledAt, answeredAt);
      this.pump(channel);
    });
  }

  private async send(job: Job, queue: ChannelQueue): Promise<void> {
    try {
      switch (job.kind) {
        case "post": {
          // A 429 means Slack took nothing, so a post retried after one need not look for itself.
          const result = await this.inner.post(job.channel, job.message, job.options);
          for (const waiter of job.waiters) waiter.resolve(result);
          return;
        }
        case "update":
          await this.inner.update(job.channel, job.ts, job.message);
          break;
        case "ephemeral":
          await this.inner.ephemeral(job.channel, job.user, job.message, { threadTs: job.threadTs });
          break;
        case "upload":
          await this.inner.upload(job.channel, job.file, { threadTs: job.threadTs });
          break;
      }
      for (const waiter of job.waiters) waiter.resolve();
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== undefined && job.attempts < (this.options.maxRateLimitRetries ?? 20)) {
        job.attempts += 1;
        queue.pausedUntil = Math.max(queue.pausedUntil, this.options.clock.now() + retryAfter);
        // Back at the front: it keeps its place, and a newer update of the same message still merges into it.
        queue.jobs.unshift(job);
        this.options.onRateLimited?.({ channel: job.channel, retryAfterMs: retryAfter, attempt: job.attempts });
        return;
      }
      for (const waiter of job.waiters) waiter.reject(error);
    }
  }
}
