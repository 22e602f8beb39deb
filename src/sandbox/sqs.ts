/**
 * Standard SQS queues, in simulated time: a received message stays hidden for its visibility
 * timeout and comes back unless it is deleted. The sandbox has one, `sageops-events`, fed with
 * SageMaker's state-change events. A queue can be closed (as if deleted) to test fallbacks.
 */
import { createHash } from "node:crypto";
import { hexId } from "./random.js";

export const EVENTS_QUEUE = "sageops-events";
/** SQS's default visibility timeout. */
const DEFAULT_VISIBILITY_SECONDS = 30;
/** SQS's default retention (4 days): a sandbox nobody reads keeps bounded. */
const RETENTION_MS = 4 * 24 * 3600 * 1000;

interface StoredMessage {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The handle of the latest receive; older handles no longer delete it. */
  receiptHandle?: string;
}

interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes: Record<string, string>;
}

export class MessageQueue {
  private messages: StoredMessage[] = [];
  private sequence = 0;
  /** Closed queues answer as if they did not exist. */
  open = true;

  constructor(
    readonly name: string,
    readonly visibilitySeconds = DEFAULT_VISIBILITY_SECONDS,
  ) {}

  send(body: string, at: number): { id: string; md5: string } {
    this.sequence += 1;
    const seed = hexId(`${this.name}|${this.sequence}|${body}`, 32);
    const id = `${seed.slice(0, 8)}-${seed.slice(8, 12)}-${seed.slice(12, 16)}-${seed.slice(16, 20)}-${seed.slice(20, 32)}`;
    const md5 = createHash("md5").update(body, "utf8").digest("hex");
    if (this.messages[0] !== undefined && this.messages[0].sentAt < at - RETENTION_MS) this.messages = this.messages.filter((message) => message.sentAt >= at - RETENTION_MS);
    this.messages.push({ id, body, md5, sentAt: at, visibleAt: at, receiveCount: 0 });
    return { id, md5 };
  }

  /** Up to `max` visible messages, oldest first, hidden for `visibilitySeconds` from `at`. */
  receive(max: number, at: number, visibilitySeconds = this.visibilitySeconds): ReceivedMessage[] {
    const taken = this.messages.filter((message) => message.visibleAt <= at).slice(0, max);
    return taken.map((message) => {
      this.sequence += 1;
      message.receiveCount += 1;
      message.firstReceivedAt ??= at;
      message.visibleAt = at + visibilitySeconds * 1000;
      message.receiptHandle = `${message.id}#${hexId(`${message.id}|${this.sequence}`, 24)}`;
      return {
        MessageId: message.id,
        ReceiptHandle: message.receiptHandle,
        MD5OfBody: message.md5,
        Body: message.body,
        Attributes: {
          SentTimestamp: String(message.sentAt),
          ApproximateReceiveCount: String(message.receiveCount),
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
        },
      };
    });
  }

  /**
   * Deletes by receipt handle. As in SQS, only the latest handle deletes; an older one (the
   * message was received again since) or one of a message already gone succeeds doing nothing.
   */
  delete(receiptHandle: string): "deleted" | "ignored" | "invalid" {
    if (!/^[0-9a-f-]{36}#[0-9a-f]{24}$/.test(receiptHandle)) return "invalid";
    const index = this.messages.findIndex((message) => message.receiptHandle === receiptHandle);
    if (index < 0) return "ignored";
    this.messages.splice(index, 1);
    return "deleted";
  }

  purge(): void {
    this.messages = [];
  }

  /** Messages in the queue, visible or in flight. */
  get depth(): number {
    return this.messages.length;
  }

  hasVisible(at: number): boolean {
    return this.messages.some((message) => message.visibleAt <= at);
  }
}

export class MessageQueues {
  private readonly queues = new Map<string, MessageQueue>();

  constructor(names: readonly string[]) {
    for (const name of names) this.queues.set(name, new MessageQueue(name));
  }

  /** The queue if it exists and is open. */
  find(name: string): MessageQueue | undefined {
    const queue = this.queues.get(name);
    return queue?.open ? queue : undefined;
  }

  /** Creates a queue (no-op when it exists) and returns it. */
  add(name: string): MessageQueue {
    const queue = this.queues.get(name) ?? new MessageQueue(name);
    this.queues.set(name, queue);
    return queue;
  }

  /** The queue, open or closed (for the sandbox's own controls and its event rule). */
  get(name: string): MessageQueue | undefined {
    return this.queues.get(name);
  }
}
