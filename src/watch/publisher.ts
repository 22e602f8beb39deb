/**
 * Tells Slack what the store says. The status message shows the latest snapshot (posted once,
 * then updated in place); the one-off notices of a finished resource go out from an outbox.
 *
 * Crash windows, and the choice made for each:
 * - Snapshot saved, message not yet updated: the record's published version lags its version,
 *   so the next round (in this process or after a restart) updates the message.
 * - Message posted, its ts not yet saved: the next round posts it again under the same key, and
 *   the reporter finds the message already there (`postKey`, `lookFirst`) instead of a second one.
 * - A notice, and a status message's first post, are claimed in the store before they are sent,
 *   and the claim is renewed while the send is under way. A crash leaves a claim nobody renews;
 *   once it is `SEND_LEASE_MS` old another round (woken for it) takes it and sends under the same
 *   key, looking first: sent once, whether or not Slack got it before the crash. An error Slack
 *   reports puts a notice back to `due` for a few more tries.
 */
import type { Clock } from "../kernel/clock.js";
import { startHeartbeat } from "../kernel/heartbeat.js";
import type { ResourceStatus } from "./status.js";
import { type NoticeKind, SEND_LEASE_MS, type TrackedRecord, type TrackedStore } from "./tracked-store.js";
import { type ResourceView, viewOf } from "./view.js";

/** A resource and its status, as a report shows it. */
export type StatusView = ResourceView & { status: ResourceStatus };

/**
 * Where tracking reports, owned by the core and implemented by the Slack wing
 * (src/slack/notify/status-reporter.ts): one status message per resource, kept up to date, a final reply
 * in its thread, and an alert in the environment's alert channel.
 */
export interface StatusReporter {
  /** Posts the status message (in the plan's thread), or updates it in place when it has one; its ts. */
  statusMessage(view: StatusView, at: Date, where: { channel: string; threadTs?: string; messageTs?: string }, once: OncePost): Promise<{ ts: string }>;
  finalReply(view: StatusView, at: Date, where: { channel: string; threadTs?: string }, once: OncePost): Promise<void>;
  failureAlert(view: StatusView, at: Date, channel: string, once: OncePost): Promise<void>;
}

/**
 * What makes a report one message however often it is sent: its key, and whether an earlier
 * attempt (by a process that died) may have got it out, so the reporter looks for it first.
 */
export interface OncePost {
  key: string;
  lookFirst: boolean;
}

/** A key unique to one report of one tracking of a resource (an endpoint is tracked anew for each change). */
function postKey(record: TrackedRecord, what: "status" | NoticeKind): string {
  return `${what}:${record.resource.type}:${record.resource.name}:${record.trackedAt}`;
}

interface PublishFailure {
  recordId: number;
  what: "message" | NoticeKind;
  error: unknown;
}

/** Message publishes that failed this many times in a row are given up until the next change. */
const MAX_MESSAGE_FAILURES = 3;

/** Times one publish shows a snapshot saved while the previous one was on its way, before leaving it to the next round. */
const MAX_PUBLISH_PASSES = 3;

export class StatusPublisher {
  private readonly messageFailures = new Map<number, number>();

  constructor(
    private readonly reporter: StatusReporter,
    private readonly store: TrackedStore,
    private readonly clock: Clock,
  ) {}

  /** Brings one record's message and notices up to date; resolves with what failed. */
  async publish(initial: TrackedRecord): Promise<PublishFailure[]> {
    const failures: PublishFailure[] = [];
    let record = initial;
    // Another process can save a newer snapshot while this one is on its way (a paced post can wait
    // seconds, and that process may have found the message still being posted): show it too.
    for (let pass = 0; pass < MAX_PUBLISH_PASSES && record.status && record.publishedVersion < record.version; pass += 1) {
      try {
        record = await this.publishMessage(record);
        this.messageFailures.delete(record.id);
      } catch (error) {
        failures.push({ recordId: record.id, what: "message", error });
        const count = (this.messageFailures.get(record.id) ?? 0) + 1;
        this.messageFailures.set(record.id, count);
        if (count >= MAX_MESSAGE_FAILURES) this.store.setPublished(record.id, record.version);
        break;
      }
    }
    // The notices tell what the store says now, never a snapshot read before a newer one was saved.
    const current = this.store.get(record.id) ?? record;
    for (const kind of this.store.dueNotices(current.id, new Date(this.clock.now()))) {
      const failure = await this.sendNotice(current, kind);
      if (failure) failures.push(failure);
    }
    return failures;
  }

  private async publishMessage(loaded: TrackedRecord): Promise<TrackedRecord> {
    // As the store has it now: another process may have saved a newer snapshot, or shown it already,
    // since this round read it; a message updated from an older read would go back in time.
    const record = this.store.get(loaded.id) ?? loaded;
    if (record.publishedVersion >= record.version) return record;
    const { status } = record;
    if (!status) return record;
    const { channel, threadTs } = record.context;
    // Another process is posting it (or died doing so, and the claim runs out): a later round publishes.
    if (!record.messageTs && !this.store.claimMessage(record.id, new Date(this.clock.now()))) return record;
    // Posted once per tracking: looking first costs one read, and finds a post whose ts a crash lost.
    const once = { key: postKey(record, "status"), lookFirst: true };
    let messageTs: string;
    try {
      const post = () => this.reporter.statusMessage({ ...viewOf(record), status }, new Date(this.clock.now()), { channel, threadTs, messageTs: record.messageTs }, once);
      ({ ts: messageTs } = record.messageTs ? await post() : await this.holding(() => this.store.renewMessage(record.id, new Date(this.clock.now())), post));
    } catch (error) {
      if (!record.messageTs) this.store.releaseMessage(record.id);
      throw error;
    }
    if (!record.messageTs) this.store.setMessage(record.id, messageTs);
    this.store.setPublished(record.id, record.version);
    // Another process showed a newer snapshot while this update was on its way (a paced update can
    // wait seconds), so this one may have landed over it: show the newest again.
    const after = this.store.get(record.id);
    if (after?.status && after.publishedVersion > record.version) {
      await this.reporter.statusMessage({ ...viewOf(after), status: after.status }, new Date(this.clock.now()), { channel, threadTs, messageTs }, once);
      return after;
    }
    // As stored: a snapshot saved meanwhile and not yet shown leaves its version ahead, for the next pass.
    return after ?? { ...record, messageTs, publishedVersion: record.version };
  }

  private async sendNotice(record: TrackedRecord, kind: NoticeKind): Promise<PublishFailure | undefined> {
    const { status } = record;
    const thread = record.context.threadTs ?? record.messageTs;
    const target = kind === "alert" ? record.context.alertChannel : record.context.channel;
    // The reply comes after the status message shows the end (which it may still need to be posted for, to have a thread).
    if (!status || !target || (kind === "reply" && (!thread || record.publishedVersion < record.version))) return undefined;
    const attempt = this.store.claimNotice(record.id, kind, new Date(this.clock.now()));
    if (attempt === undefined) return undefined;
    const view = { ...viewOf(record), status };
    const now = new Date(this.clock.now());
    const once = { key: postKey(record, kind), lookFirst: attempt > 1 };
    try {
      await this.holding(
        () => this.store.renewNotice(record.id, kind, new Date(this.clock.now())),
        () => (kind === "reply" ? this.reporter.finalReply(view, now, { channel: target, threadTs: thread }, once) : this.reporter.failureAlert(view, now, target, once)),
      );
      this.store.settleNotice(record.id, kind, "sent", new Date(this.clock.now()));
      return undefined;
    } catch (error) {
      this.store.settleNotice(record.id, kind, "retry", new Date(this.clock.now()));
      return { recordId: record.id, what: kind, error };
    }
  }

  /**
   * Runs a send while renewing its claim, so a post that waits its turn is not taken for a dead
   * sender's. The renewals keep real time (a claim is read by other processes), not the clock's.
   */
  private async holding<T>(renew: () => void, send: () => Promise<T>): Promise<T> {
    const stopHeartbeat = startHeartbeat(renew, SEND_LEASE_MS / 4);
    try {
      return await send();
    } finally {
      stopHeartbeat();
    }
  }
}
