/**
 * Follows the resources plans started until they finish, and keeps their Slack status messages
 * current. One round (`pollOnce`) costs few SageMaker calls whatever the number tracked:
 *
 * - Training jobs and endpoints: one List call per type with `LastModifiedTimeAfter` (training
 *   jobs: a page per 100 followed, as the changes need), then a Describe only for those whose
 *   modification time or status moved. A cursor (the newest
 *   modification seen, less an overlap for SageMaker's eventual consistency) keeps the list
 *   short; it only advances once a round has seen and described every change.
 * - Tuning jobs, transform jobs and pipeline executions (the port has no List with a time filter
 *   for them): a Describe when due, at an interval that grows while the resource stays the same.
 * - New records are described at once (their first status message).
 * - Every round is capped (`maxCallsPerRound`); what does not fit waits for the next round.
 * - Throttling or SageMaker being unavailable ends the round at once and backs off.
 *
 * - With SageMaker's state-change events (EventBridge through SQS, see events.ts): an event
 *   marks its resource changed (`noteChanged`) and the next round, woken at once, describes it.
 *   While the event feed is healthy, the covered types are neither listed nor described on the
 *   short interval, only by a slow safety poll (`safetyPollMs`) for events that never came; when
 *   the feed fails, polling returns to normal.
 */

import type { Clock } from "../kernel/clock.js";
import type { TrackedResource } from "../kernel/resources.js";
import { describeCost, describeResource, goneStatus, UndescribableError, type WatchPort } from "./describe.js";
import { isBackoff, isNotFound } from "./errors.js";
import type { ChangeListener, StateChange } from "./events.js";
import { StatusPublisher, type StatusReporter } from "./publisher.js";
import { RoundLoop } from "./round-loop.js";
import { checkIntervalMs, DEFAULT_TIMING, nextSchedule, type PollTiming, type ScheduleState } from "./schedule.js";
import { type ResourceStatus, type ResourceType, TYPE_LABEL } from "./status.js";
import type { NoticeKind, TrackedRecord, TrackedStore, TrackingContext } from "./tracked-store.js";

export interface TrackerDeps {
  /** SageMaker's read calls; the full SageMakerPort will do. */
  port: WatchPort;
  /** Where status messages, final replies and alerts go (the Slack wing implements it). */
  reporter: StatusReporter;
  store: TrackedStore;
  clock: Clock;
  timing?: Partial<PollTiming>;
  /** In [0, 1), for backoff jitter (default Math.random). */
  random?: () => number;
  /** Most SageMaker calls in one round (default 40). */
  maxCallsPerRound?: number;
  /** MaxResults of one List call (default 100, SageMaker's most); training jobs are listed up to one page per this many followed. */
  listPageSize?: number;
  /** How far back each List reaches before the cursor, for changes SageMaker shows late (default 15 s). */
  listOverlapMs?: number;
  /** "Not found" answers in a row before a resource is taken as gone (default 3). */
  missesBeforeGone?: number;
  /** Errors that did not stop the loop: a resource SageMaker would not describe, a Slack failure. */
  onError?: (error: unknown, about: { resource?: TrackedResource; stage: "describe" | "list" | "publish" | "round" }) => void;
  /** Called once per resource when its final status is saved (e.g. to mark its plan finished). */
  onFinished?: (record: TrackedRecord) => void;
  /** While state-change events are healthy: how often the types they cover are still polled (default 10 min). */
  safetyPollMs?: number;
}

export interface PollReport {
  /** SageMaker calls made this round. */
  calls: number;
  lists: number;
  describes: number;
  /** Resources whose status changed. */
  changed: TrackedResource[];
  /** Resources that reached a final status. */
  finished: TrackedResource[];
  /** Due for a Describe but left for the next round by the call cap. */
  deferred: number;
  throttled: boolean;
  errors: { resource?: TrackedResource; message: string }[];
  /** The adaptive loop's wait before the next round. */
  nextDelayMs: number;
}

/** Types that SageMaker can list by modification time, through this port. */
const LISTED = ["training-job", "endpoint"] as const;
type ListedType = (typeof LISTED)[number];
const isListed = (type: ResourceType): type is ListedType => (LISTED as readonly string[]).includes(type);

class RoundStopped extends Error {}

/** A round in progress: what its report will say, plus its call budget and what it described. */
interface Round extends Omit<PollReport, "nextDelayMs"> {
  budget: number;
  /** Records described this round, so a resource an event flagged is not described twice. */
  described: Set<number>;
}

export class Tracker implements ChangeListener {
  private readonly timing: PollTiming;
  private readonly publisher: StatusPublisher;
  private schedule: ScheduleState;
  /** Per listed type: changes before this instant have all been seen. */
  private readonly cursors = new Map<ListedType, number>();
  private readonly loop: RoundLoop<PollReport>;
  /** Records an event said changed, described next round. */
  private readonly flagged = new Set<number>();
  /** Types whose changes events report, while the feed is healthy. */
  private eventTypes = new Set<ResourceType>();
  /** When each listed type was last listed. */
  private readonly listedAt = new Map<ListedType, number>();

  constructor(private readonly deps: TrackerDeps) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.schedule = { delayMs: this.timing.fastMs, throttledStreak: 0 };
    this.publisher = new StatusPublisher(deps.reporter, deps.store, deps.clock);
    this.loop = new RoundLoop({
      clock: deps.clock,
      round: () => this.round(),
      pauseAfter: (report) => report?.nextDelayMs ?? this.schedule.delayMs,
      onError: (error) => this.deps.onError?.(error, { stage: "round" }),
    });
  }

  /**
   * Starts following a resource (idempotent per type and name) and, when the loop runs, polls
   * soon so its first status message appears without waiting for the next round.
   */
  track(resource: TrackedResource, context: TrackingContext): TrackedRecord {
    const { record, created } = this.deps.store.track(resource, context, this.now());
    if (created) this.wake();
    return record;
  }

  /**
   * An event says this resource changed: the next round (woken now) describes it. False when
   * nothing tracked and unfinished matches (by ARN when the event has one, else by name).
   */
  noteChanged(change: StateChange): boolean {
    const candidates = this.deps.store.active().filter((record) => record.resource.type === change.type);
    const sameArn = (record: TrackedRecord): boolean => {
      const known = record.resource.arn ?? record.status?.arn;
      return change.arn !== undefined && known !== undefined && known.toLowerCase() === change.arn.toLowerCase();
    };
    const sameName = (record: TrackedRecord): boolean => {
      if (change.type !== "pipeline-execution") return record.resource.name === change.name;
      // A pipeline runs many executions, and its name is lowercased in ARNs: by name, only an execution whose ARN is not known yet.
      return record.resource.name.toLowerCase() === change.name.toLowerCase() && !record.resource.arn && !record.status?.arn;
    };
    let matches = candidates.filter(sameArn);
    if (matches.length === 0) matches = candidates.filter(sameName);
    for (const record of matches) this.flagged.add(record.id);
    if (matches.length > 0) this.wake();
    return matches.length > 0;
  }

  /** The event feed's health: while healthy, `types` are polled only by the safety poll. */
  setEventsHealthy(healthy: boolean, types: readonly ResourceType[]): void {
    const wasCovered = this.eventTypes.size > 0;
    this.eventTypes = healthy ? new Set(types) : new Set();
    // The safety poll counts from when events started to flow, not from a list never made.
    const now = this.deps.clock.now();
    if (healthy) for (const type of LISTED) if (!this.listedAt.has(type)) this.listedAt.set(type, now);
    // Events stopped: poll soon rather than at the end of a long event-time rest.
    if (wasCovered && !healthy) this.wake();
  }

  /** One round: bounded SageMaker calls, then Slack brought up to date. Concurrent callers share it. */
  pollOnce(): Promise<PollReport> {
    return this.loop.runOnce();
  }

  /** Runs rounds on the adaptive schedule until `stop()`. */
  start(): void {
    this.loop.start();
  }

  /** Stops the loop and waits for a round in progress. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Something changed (an event, a newly tracked resource): a round now, throttled or not; the round's own budget bounds its calls. */
  private wake(): void {
    this.loop.wake();
  }

  private now(): Date {
    return new Date(this.deps.clock.now());
  }

  private async round(): Promise<PollReport> {
    const round: Round = { calls: 0, budget: this.deps.maxCallsPerRound ?? 40, lists: 0, describes: 0, changed: [], finished: [], deferred: 0, throttled: false, errors: [], described: new Set() };
    const active = this.deps.store.active();
    try {
      await this.pollSageMaker(active, round);
    } catch (error) {
      if (!(error instanceof RoundStopped)) throw error;
    }
    await this.publishAll(round);
    const stillActive = this.deps.store.active().length;
    // Work left by the call cap counts as movement: the next round comes soon to finish it.
    const moving = round.changed.length > 0 || round.deferred > 0;
    // With events reporting changes, a quiet loop may rest up to the safety poll.
    const timing = this.eventTypes.size > 0 ? { ...this.timing, slowMs: Math.max(this.timing.slowMs, this.safetyPollMs) } : this.timing;
    const next = nextSchedule(this.schedule, { active: stillActive, changed: moving, throttled: round.throttled }, timing, this.deps.random ?? Math.random);
    // A notice whose sender died while sending is sent again when its claim runs out, not a long idle pause later.
    const leaseEnd = this.deps.store.nextSendLeaseEnd();
    const untilLeaseEnd = leaseEnd === undefined ? Number.POSITIVE_INFINITY : Math.max(1000, leaseEnd.getTime() - this.deps.clock.now() + 1000);
    this.schedule = untilLeaseEnd < next.delayMs ? { ...next, delayMs: untilLeaseEnd } : next;
    return {
      calls: round.calls,
      lists: round.lists,
      describes: round.describes,
      changed: round.changed,
      finished: round.finished,
      deferred: round.deferred,
      throttled: round.throttled,
      errors: round.errors,
      nextDelayMs: this.schedule.delayMs,
    };
  }

  private get safetyPollMs(): number {
    return this.deps.safetyPollMs ?? 600_000;
  }

  private async pollSageMaker(active: TrackedRecord[], round: Round): Promise<void> {
    const unseen = active.filter((record) => !record.status);
    await this.describeAll(unseen, round);
    const flagged = active.filter((record) => record.status && this.flagged.has(record.id));
    await this.describeAll(flagged, round);
    const now = this.deps.clock.now();

    for (const type of LISTED) {
      const seen = active.filter((record) => record.resource.type === type && record.status && !round.described.has(record.id));
      if (seen.length === 0) {
        this.cursors.delete(type);
        continue;
      }
      const listedAt = this.listedAt.get(type);
      if (this.eventTypes.has(type) && listedAt !== undefined && now - listedAt < this.safetyPollMs) continue;
      this.listedAt.set(type, now);
      const { changed, uncertain, cursor, modifiedAt } = await this.listChanges(type, seen, round);
      const deferred = await this.describeAll(changed, round);
      await this.describeAll(uncertain, round);
      // Changes left for the next round must stay after the cursor, so it stops just before the oldest.
      const oldestDeferred = Math.min(...deferred.map((record) => modifiedAt.get(record.id) ?? Number.NEGATIVE_INFINITY));
      const next = deferred.length > 0 ? (Number.isFinite(oldestDeferred) ? oldestDeferred - 1 : undefined) : cursor;
      if (next !== undefined) this.cursors.set(type, next);
    }

    const due = active
      .filter((record) => record.status && !isListed(record.resource.type) && !round.described.has(record.id))
      .filter((record) => {
        const checked = Date.parse(record.checkedAt ?? record.trackedAt);
        const changed = Date.parse(record.changedAt ?? record.trackedAt);
        const interval = this.eventTypes.has(record.resource.type) ? this.safetyPollMs : checkIntervalMs(now - changed, this.timing);
        return now - checked >= interval;
      })
      .sort((a, b) => (a.checkedAt ?? "").localeCompare(b.checkedAt ?? ""));
    await this.describeAll(due, round);
  }

  /**
   * Lists one type's recent changes and picks the tracked resources that moved. When the page
   * is full, SageMaker may have left changes out: those not on it are "uncertain" (described,
   * least recently checked first, as the cap allows) and the cursor stays where it was.
   */
  private async listChanges(
    type: ListedType,
    seen: TrackedRecord[],
    round: Round,
  ): Promise<{ changed: TrackedRecord[]; uncertain: TrackedRecord[]; cursor?: number; modifiedAt: Map<number, number> }> {
    const pageSize = this.deps.listPageSize ?? 100;
    const overlap = this.deps.listOverlapMs ?? 15_000;
    const since = this.cursors.get(type) ?? oldestModification(seen);
    const modifiedAfter = since === undefined ? undefined : new Date(since - overlap);
    // Training jobs are read a page at a time: up to one page per `pageSize` followed, within the round's budget.
    const pages = type === "training-job" ? Math.max(1, Math.min(Math.ceil(seen.length / pageSize), round.budget - round.calls - 1)) : 1;
    const limit = pageSize * pages;
    let listed: { name: string; status: string; lastModified?: number }[];
    try {
      listed =
        type === "training-job"
          ? (await this.deps.port.listTrainingJobs({ modifiedAfter, maxResults: limit })).map((j) => ({ name: j.TrainingJobName, status: j.TrainingJobStatus, lastModified: j.LastModifiedTime?.getTime() }))
          : (await this.deps.port.listEndpoints({ modifiedAfter })).map((e) => ({ name: e.EndpointName, status: e.EndpointStatus, lastModified: e.LastModifiedTime?.getTime() }));
      const used = type === "training-job" ? Math.max(1, Math.ceil(listed.length / pageSize)) : 1;
      this.spend(round, used);
      round.lists += used;
    } catch (error) {
      this.spend(round, 1);
      round.lists += 1;
      if (isBackoff(error)) return this.stopRound(round);
      round.errors.push({ message: `${TYPE_LABEL[type]} list: ${messageOf(error)}` });
      this.deps.onError?.(error, { stage: "list" });
      return { changed: [], uncertain: [], modifiedAt: new Map() };
    }
    const byName = new Map(listed.map((item) => [item.name, item]));
    const modifiedAt = new Map<number, number>();
    const changed = seen.filter((record) => {
      const item = byName.get(record.resource.name);
      if (!item || !record.status) return false;
      if (item.lastModified !== undefined) modifiedAt.set(record.id, item.lastModified);
      const known = record.status.lastModified ? Date.parse(record.status.lastModified) : undefined;
      return item.status !== record.status.status || (item.lastModified !== undefined && (known === undefined || item.lastModified > known));
    });
    if (listed.length >= (type === "training-job" ? limit : pageSize)) {
      const uncertain = seen.filter((record) => !byName.has(record.resource.name)).sort((a, b) => (a.checkedAt ?? "").localeCompare(b.checkedAt ?? ""));
      return { changed, uncertain, cursor: undefined, modifiedAt };
    }
    const newest = Math.max(since ?? 0, ...listed.map((item) => item.lastModified ?? 0));
    return { changed, uncertain: [], cursor: newest > 0 ? newest : undefined, modifiedAt };
  }

  /** Describes records in order while the cap allows; returns those left for the next round. */
  private async describeAll(records: TrackedRecord[], round: Round): Promise<TrackedRecord[]> {
    const deferred: TrackedRecord[] = [];
    for (const record of records) {
      if (round.described.has(record.id)) continue;
      if (round.calls + describeCost(record.resource.type) > round.budget) {
        deferred.push(record);
        continue;
      }
      await this.describeOne(record, round);
    }
    round.deferred += deferred.length;
    return deferred;
  }

  private async describeOne(record: TrackedRecord, round: Round): Promise<void> {
    const cost = describeCost(record.resource.type);
    this.spend(round, cost);
    round.describes += 1;
    round.described.add(record.id);
    const now = this.now();
    let status: ResourceStatus;
    try {
      status = await describeResource(this.deps.port, record.resource, record.status, now);
      this.flagged.delete(record.id);
    } catch (error) {
      if (isBackoff(error)) this.stopRound(round);
      this.flagged.delete(record.id);
      if (error instanceof UndescribableError) {
        status = goneStatus(record.resource, record.status, error.message, now);
      } else if (isNotFound(error)) {
        const misses = this.deps.store.noteMissing(record.id, now);
        if (misses < (this.deps.missesBeforeGone ?? 3)) return;
        status = goneStatus(record.resource, record.status, `SageMaker no longer knows the ${TYPE_LABEL[record.resource.type].toLowerCase()} ${record.resource.name}.`, now);
      } else {
        this.deps.store.noteChecked(record.id, now);
        round.errors.push({ resource: record.resource, message: messageOf(error) });
        this.deps.onError?.(error, { resource: record.resource, stage: "describe" });
        return;
      }
    }
    const final = status.phase !== "running";
    const notices: NoticeKind[] = final ? ["reply", ...(status.phase === "failed" && record.context.alertChannel ? (["alert"] as const) : [])] : [];
    const changed = this.deps.store.saveStatus(record.id, status, now, notices);
    if (changed) round.changed.push(record.resource);
    if (final && !record.finishedAt) {
      round.finished.push(record.resource);
      const saved = this.deps.store.get(record.id);
      if (saved) this.deps.onFinished?.(saved);
    }
  }

  private async publishAll(round: Round): Promise<void> {
    const pending = this.deps.store.unpublished(new Date(this.deps.clock.now()));
    const results = await Promise.all(pending.map((record) => this.publisher.publish(record)));
    for (const failure of results.flat()) {
      const record = pending.find((r) => r.id === failure.recordId);
      round.errors.push({ resource: record?.resource, message: `Slack ${failure.what}: ${messageOf(failure.error)}` });
      this.deps.onError?.(failure.error, { resource: record?.resource, stage: "publish" });
    }
  }

  private spend(round: Round, calls: number): void {
    round.calls += calls;
  }

  private stopRound(round: Round): never {
    round.throttled = true;
    throw new RoundStopped();
  }
}

function oldestModification(records: TrackedRecord[]): number | undefined {
  const times = records.map((record) => (record.status?.lastModified ? Date.parse(record.status.lastModified) : Number.NaN));
  if (times.some((time) => Number.isNaN(time))) return undefined;
  return Math.min(...times);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
