/**
 * Tells Slack what the store says. The status message shows the latest snapshot (posted once,
 * then updated in place); the one-off notices of a finished resource go out from an outbox.
 *
 * Crash windows, and the choice made for each:
 * - Snapshot saved, message not yet updated: the record's published version lags its version,
 *   so the next round (in this process or after a restart) updates the message.
 * - Message posted, its ts not yet saved: a restart posts the status message again. Slack has no
 *   idempotent post, and a duplicate status message is the lesser harm than none.
 * - A notice is claimed (`sending`) in the store before it is sent. A crash after the claim and
 *   before Slack answers leaves it `sending`, and it is never sent again: a final reply may be
 *   lost in that window, but is never posted twice. An error Slack reports puts it back to `due`
 *   for a few more tries.
 */
import { renderFailureAlert, renderFinalReply, renderStatusMessage } from "../blocks/status.js";
import type { SlackPoster } from "../notify/poster.js";
import type { Clock } from "./clock.js";
import type { NoticeKind, TrackedRecord, TrackedStore } from "./tracked-store.js";
import { viewOf } from "./view.js";

export interface PublishFailure {
  recordId: number;
  what: "message" | NoticeKind;
  error: unknown;
}

/** Message publishes that failed this many times in a row are given up until the next change. */
const MAX_MESSAGE_FAILURES = 3;

export class StatusPublisher {
  private readonly messageFailures = new Map<number, number>();

  constructor(
    private readonly poster: SlackPoster,
    private readonly store: TrackedStore,
    private readonly clock: Clock,
  ) {}

  /** Brings one record's message and notices up to date; resolves with what failed. */
  async publish(initial: TrackedRecord): Promise<PublishFailure[]> {
    const failures: PublishFailure[] = [];
    let record = initial;
    if (record.status && record.publishedVersion < record.version) {
      try {
        record = await this.publishMessage(record);
        this.messageFailures.delete(record.id);
      } catch (error) {
        failures.push({ recordId: record.id, what: "message", error });
        const count = (this.messageFailures.get(record.id) ?? 0) + 1;
        this.messageFailures.set(record.id, count);
        if (count >= MAX_MESSAGE_FAILURES) this.store.setPublished(record.id, record.version);
      }
    }
    for (const kind of this.store.dueNotices(record.id)) {
      const failure = await this.sendNotice(record, kind);
      if (failure) failures.push(failure);
    }
    return failures;
  }

  private async publishMessage(record: TrackedRecord): Promise<TrackedRecord> {
    const { status } = record;
    if (!status) return record;
    const message = renderStatusMessage({ ...viewOf(record), status }, new Date(this.clock.now()));
    const { channel, threadTs } = record.context;
    let messageTs = record.messageTs;
    if (messageTs) {
      await this.poster.update(channel, messageTs, message);
    } else {
      messageTs = (await this.poster.post(channel, message, { threadTs })).ts;
      this.store.setMessage(record.id, messageTs);
    }
    this.store.setPublished(record.id, record.version);
    return { ...record, messageTs, publishedVersion: record.version };
  }

  private async sendNotice(record: TrackedRecord, kind: NoticeKind): Promise<PublishFailure | undefined> {
    const { status } = record;
    const thread = record.context.threadTs ?? record.messageTs;
    const target = kind === "alert" ? record.context.alertChannel : record.context.channel;
    // The reply goes in a thread; while the status message may still be posted, it waits for it.
    if (!status || !target || (kind === "reply" && !thread && record.publishedVersion < record.version)) return undefined;
    if (!this.store.claimNotice(record.id, kind, new Date(this.clock.now()))) return undefined;
    const view = { ...viewOf(record), status };
    const now = new Date(this.clock.now());
    try {
      if (kind === "reply") await this.poster.post(target, renderFinalReply(view, now), { threadTs: thread });
      else await this.poster.post(target, renderFailureAlert(view, now));
      this.store.settleNotice(record.id, kind, "sent", new Date(this.clock.now()));
      return undefined;
    } catch (error) {
      this.store.settleNotice(record.id, kind, "retry", new Date(this.clock.now()));
      return { recordId: record.id, what: kind, error };
    }
  }
}
