/**
 * What the tracker keeps between polls and across restarts; src/store/tracked.ts implements it
 * over SQLite. Each tracked resource has a snapshot version and the version its Slack message
 * shows, so a crash between saving and posting is repaired by the next round, and an outbox of
 * one-off notices (the final thread reply, the alert), each claimed before it is sent.
 */
import type { TrackedResource } from "../kernel/resources.js";
import type { ResourceStatus, ResourceType } from "./status.js";

/** Where a tracked resource reports, and on whose behalf. */
export interface TrackingContext {
  planId?: string;
  requester: string;
  channel: string;
  /** The plan's message: status messages go in its thread. */
  threadTs?: string;
  /** The environment's alert channel: failures are posted there too. */
  alertChannel?: string;
  region: string;
}

export interface TrackedRecord {
  id: number;
  resource: TrackedResource;
  context: TrackingContext;
  /** The latest snapshot, once SageMaker has been asked. */
  status?: ResourceStatus;
  /** Bumped each time the snapshot changes. */
  version: number;
  /** The snapshot version the Slack status message shows. */
  publishedVersion: number;
  /** The status message, once posted. */
  messageTs?: string;
  trackedAt: string;
  /** When SageMaker was last asked about it. */
  checkedAt?: string;
  /** When its snapshot last changed. */
  changedAt?: string;
  /** Set once its snapshot is final; it is then no longer polled. */
  finishedAt?: string;
  /** Describes in a row that answered "not found". */
  misses: number;
}

/**
 * A claim to send (a status message's first post, a notice) not renewed for this long was held by
 * a sender that died; its holder renews it while the send is under way (a post may wait its turn).
 */
export const SEND_LEASE_MS = 20_000;

/** One-off messages sent when a resource finishes: the short reply in its thread, the alert. */
export type NoticeKind = "reply" | "alert";

/** `sending` is claimed and maybe sent: never sent again, so a crash cannot double-post. */
/** How a claimed notice went: sent, or to be retried (after a few tries the store gives it up as `abandoned`). */
export type NoticeOutcome = "sent" | "retry";

export interface TrackedStore {
  /**
   * Starts tracking, or returns the record already there: tracking is idempotent per type and
   * name. A finished record tracked again by a different plan starts over, since an endpoint
   * keeps its name across deploys.
   */
  track(resource: TrackedResource, context: TrackingContext, now: Date): { record: TrackedRecord; created: boolean };
  get(id: number): TrackedRecord | undefined;
  find(type: ResourceType, name: string): TrackedRecord | undefined;
  /** Records of any type with this name (or ARN). */
  findByName(name: string): TrackedRecord[];
  /** Records not yet finished, oldest first. */
  active(): TrackedRecord[];
  /** Records whose message is behind their snapshot, or with notices due (a dead sender's included, see dueNotices). */
  unpublished(now: Date): TrackedRecord[];
  /** Unfinished records a person requested or that report in a channel. */
  activeFor(scope: { requester: string; channel?: string }): TrackedRecord[];
  /** A person's records, unfinished first, then the most recently tracked. */
  recentFor(requester: string, limit: number): TrackedRecord[];
  /** Records of one type, most recently tracked first. */
  recentOfType(type: ResourceType, limit: number): TrackedRecord[];
  /** Names of recently tracked resources, newest first (for "did you mean"). */
  recentNames(limit: number): { type: ResourceType; name: string }[];
  /**
   * Saves a snapshot seen at `now`; when it differs from the stored one, bumps the version. A
   * final snapshot also marks the record finished and queues `notices`, in the same
   * transaction. True when the snapshot changed.
   */
  saveStatus(id: number, status: ResourceStatus, now: Date, notices: readonly NoticeKind[]): boolean;
  noteChecked(id: number, now: Date): void;
  /** Counts a "not found" answer; returns the misses in a row. */
  noteMissing(id: number, now: Date): number;
  /**
   * Claims the first post of a record's status message, so of two processes only one posts it; a
   * claim older than `SEND_LEASE_MS` (its holder died) can be taken again. False when another holds it.
   */
  claimMessage(id: number, now: Date): boolean;
  /** Gives the claim back after a post that failed, so the next round tries again at once. */
  releaseMessage(id: number): void;
  setMessage(id: number, ts: string): void;
  setPublished(id: number, version: number): void;
  /** Notices queued and not yet claimed, or claimed by a sender that died with it (`SEND_LEASE_MS` ago). */
  dueNotices(id: number, now: Date): NoticeKind[];
  /** Moves a notice (due, or left by a dead sender) to sending; the attempt's number when this caller won it. */
  claimNotice(id: number, kind: NoticeKind, now: Date): number | undefined;
  /** When the earliest claim to send (a status message's first post, a notice) runs out if not renewed; undefined with none. */
  nextSendLeaseEnd(): Date | undefined;
  /** Renews a claim to send a notice, while it is being sent. */
  renewNotice(id: number, kind: NoticeKind, now: Date): void;
  /** Renews the claim on a status message's first post, while it is being posted. */
  renewMessage(id: number, now: Date): void;
  /** After a send attempt: sent, back to due for another try, or given up. */
  settleNotice(id: number, kind: NoticeKind, outcome: NoticeOutcome, now: Date): void;
}
