/**
 * Watches endpoints for drift: each round reads every source once (a bounded number of List
 * calls per watched endpoint), turns each finished run not yet handled into a finding, claims it
 * in the store with a delivery for every channel that should hear of it, and then sends what is
 * due. A restart resumes from the stored positions; a second process claims nothing twice.
 */
import type { Clock } from "../kernel/clock.js";
import type { DriftAlertRecord, DriftStore, DueDelivery } from "./drift-store.js";
import type { DriftFinding, MonitorType } from "./finding.js";
import { RoundLoop } from "./round-loop.js";

/** A producer of findings for one endpoint: a Model Monitor endpoint, a pipeline's check steps, a drift job's reports. */
export interface DriftSource {
  /** Stable across restarts: where this source's position and handled runs are kept. */
  key: string;
  endpoint: string;
  /**
   * Finished runs after `after` (all recent ones when undefined), newest first, each read into a
   * finding. `handled` says which run ids were already claimed, so their reports are never read.
   * `oldestOpen` is the run time of the oldest run still in progress, which the position must not pass.
   * `quiet` runs are only marked handled (a pipeline execution without check steps), never told.
   */
  finishedRuns(after: Date | undefined, handled: (runId: string) => boolean): Promise<{ findings: DriftFinding[]; oldestOpen?: string; quiet?: DriftFinding[] }>;
}

/** What a person is told, implemented by the Slack wing. */
export interface DriftReporter {
  /** Posts a new alert; its message's ts. */
  alert(alert: DriftAlertRecord): Promise<{ ts: string }>;
  /** The same violations again within a day: a reply in the alert's thread, and its count updated in place. */
  repeat(alert: DriftAlertRecord): Promise<void>;
  /** A clean run after an open alert: a short reply in its thread. */
  backToNormal(alert: DriftAlertRecord, finding: DriftFinding): Promise<void>;
}

export interface DriftWatcherDeps {
  store: DriftStore;
  /** The sources of every watched endpoint, as the policy and the subscriptions say now. */
  sources: () => DriftSource[];
  /** Channels that hear of an endpoint's drift: its subscriptions and the policy's watch list. */
  channelsFor: (endpoint: string) => string[];
  reporter: DriftReporter;
  clock: Clock;
  /** Pause between rounds (default 5 minutes); events wake it sooner. */
  intervalMs?: number;
  onError?: (error: unknown, about: { source?: string; stage: string }) => void;
}

/** How long a repeat joins an earlier alert. */
const DAY_MS = 24 * 3600_000;
/** A sender that died holds its deliveries this long. */
const LEASE_MS = 2 * 60_000;

/** The violated subjects of a finding, sorted: what makes a repeat the same alert. */
export function subjectsKey(finding: DriftFinding): string {
  const names = finding.violations.map((v) => {
    const s = v.subject;
    if (s.kind === "feature" || s.kind === "metric") return `${s.kind}:${s.name}:${v.checkType}`;
    if (s.kind === "facet") return `facet:${s.facet}=${s.facetValue ?? ""}:${s.metric ?? ""}:${v.checkType}`;
    if (s.kind === "label") return `label:${s.label}:${s.metric ?? ""}:${v.checkType}`;
    return "unrecognised";
  });
  return `${finding.status}|${[...new Set(names)].sort().join(",")}`;
}

export interface DriftRound {
  claimed: number;
  delivered: number;
  failed: number;
}

export class DriftWatcher {
  private readonly loop: RoundLoop<DriftRound>;

  constructor(private readonly deps: DriftWatcherDeps) {
    this.loop = new RoundLoop({
      clock: deps.clock,
      round: () => this.round(),
      pauseAfter: () => deps.intervalMs ?? 5 * 60_000,
      onError: (error) => deps.onError?.(error, { stage: "round" }),
    });
  }

  /** One round: read every source, claim new runs, then send what is due. Concurrent callers share it. */
  checkOnce(): Promise<DriftRound> {
    return this.loop.runOnce();
  }

  start(): void {
    this.loop.start();
  }

  /**
   * Stops the loop and waits a little for a round in progress. A round stuck on a Slack that does
   * not answer must not hold shutdown: what it already claimed is in the store, and is sent by the
   * next process (a delivery's lease runs out).
   */
  stop(graceMs = 3000): Promise<void> {
    return this.loop.stop(graceMs);
  }

  /** A processing job finished (an event said so): check now rather than at the end of the pause. */
  wake(): void {
    this.loop.wake();
  }

  private async round(): Promise<DriftRound> {
    let claimed = 0;
    for (const source of this.deps.sources()) {
      try {
        claimed += await this.readSource(source);
      } catch (error) {
        this.deps.onError?.(error, { source: source.key, stage: "read" });
      }
    }
    const { delivered, failed } = await this.deliverDue();
    return { claimed, delivered, failed };
  }

  /**
   * Claims the source's new runs. The first read of a source tells only the newest run of each
   * monitor (not its whole history); it goes by the runs' own times, never this machine's clock.
   */
  private async readSource(source: DriftSource): Promise<number> {
    const { store, clock } = this.deps;
    const now = new Date(clock.now());
    const position = store.position(source.key);
    const { findings, oldestOpen, quiet = [] } = await source.finishedRuns(position ? new Date(position) : undefined, (runId) => store.claimedRun(source.key, runId));
    for (const finding of quiet) store.claimRun(source.key, finding, [], now);
    const channels = this.deps.channelsFor(source.endpoint);
    const toldMonitors = new Set<MonitorType>();
    let claimed = 0;
    let newest = position;
    for (const finding of [...findings].sort((a, b) => b.runAt.localeCompare(a.runAt))) {
      const tell = position !== undefined || !toldMonitors.has(finding.monitorType);
      toldMonitors.add(finding.monitorType);
      if (store.claimRun(source.key, finding, tell ? channels : [], now)) claimed += 1;
      if (newest === undefined || finding.runAt > newest) newest = finding.runAt;
    }
    // Never past a run still in progress: it is read again until it finishes.
    const next = oldestOpen !== undefined && (newest === undefined || oldestOpen < newest) ? oldestOpen : newest;
    if (next !== undefined && next !== position) store.setPosition(source.key, next);
    return claimed;
  }

  private async deliverDue(): Promise<{ delivered: number; failed: number }> {
    const { store, clock } = this.deps;
    let delivered = 0;
    let failed = 0;
    for (const due of store.claimDue(new Date(clock.now()), LEASE_MS, 100)) {
      try {
        const outcome = await this.deliver(due);
        store.settleDelivery(due.id, outcome, new Date(clock.now()));
        if (outcome === "sent") delivered += 1;
      } catch (error) {
        failed += 1;
        store.settleDelivery(due.id, "retry", new Date(clock.now()));
        this.deps.onError?.(error, { source: due.finding.source.kind, stage: "deliver" });
      }
    }
    return { delivered, failed };
  }

  private async deliver(due: DueDelivery): Promise<"sent" | "skipped"> {
    const { store, reporter, clock } = this.deps;
    const { finding, channel } = due;
    const now = new Date(clock.now());
    if (store.mutedUntil(finding.endpoint, finding.monitorType, channel, now)) return "skipped";
    // Alerts group by source: a drift job's findings never close or repeat a Model Monitor schedule's.
    const latest = store.latestAlert(due.source, finding.endpoint, finding.monitorType, channel);
    if (finding.status === "clean") {
      if (!latest?.open) return "skipped";
      await reporter.backToNormal(latest, finding);
      store.closeAlert(latest.id);
      return "sent";
    }
    const key = subjectsKey(finding);
    // A retried delivery whose alert was recorded but not posted posts that alert.
    if (latest && !latest.messageTs && latest.finding.runId === finding.runId) return this.post(latest);
    const recent = latest?.open && latest.messageTs && latest.subjectsKey === key && now.getTime() - Date.parse(latest.firstAt) < DAY_MS;
    if (latest && recent) {
      if (latest.finding.runId === finding.runId) return "skipped";
      const repeated = store.repeatAlert(latest.id, finding, now);
      if (repeated) await reporter.repeat(repeated);
      return "sent";
    }
    if (latest?.open) store.closeAlert(latest.id);
    return this.post(store.recordAlert(due.source, finding, channel, key, now));
  }

  private async post(alert: DriftAlertRecord): Promise<"sent"> {
    const { ts } = await this.deps.reporter.alert(alert);
    this.deps.store.setAlertMessage(alert.id, ts);
    return "sent";
  }
}
