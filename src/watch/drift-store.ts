/**
 * What drift watching keeps, owned by the core and implemented over SQLite (src/store/drift.ts):
 * subscriptions, each source's position, the runs already handled, the alert outbox, the alerts
 * themselves (acknowledged, repeated, back to normal) and mutes. Every claim is one conditional
 * write, so a restart or a second bot process handles each run and each alert once.
 */
import type { DriftFinding, MonitorType } from "./finding.js";

export interface DriftSubscription {
  endpoint: string;
  channel: string;
  /** Who subscribed, or "policy" for the policy's own watch list. */
  by: string;
  at: string;
}

/** One finding waiting to be told to one channel. */
export interface DueDelivery {
  id: number;
  /** The key of the source that produced it. */
  source: string;
  channel: string;
  finding: DriftFinding;
  attempts: number;
}

export interface DriftAlertRecord {
  id: number;
  endpoint: string;
  monitorType: MonitorType;
  channel: string;
  /** The violated subjects, sorted: a repeat is the same endpoint, monitor and subjects within a day. */
  subjectsKey: string;
  messageTs?: string;
  firstAt: string;
  lastAt: string;
  /** Violating runs this alert stands for (1 when posted, more for repeats). */
  runs: number;
  open: boolean;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  /** The newest finding it shows. */
  finding: DriftFinding;
}

export interface DriftStore {
  subscribe(endpoint: string, channel: string, by: string, now: Date): boolean;
  unsubscribe(endpoint: string, channel: string): boolean;
  subscriptions(filter?: { endpoint?: string; channel?: string }): DriftSubscription[];

  /** The newest run time a source has been read up to. */
  position(source: string): string | undefined;
  setPosition(source: string, runAt: string): void;

  /**
   * Claims a finished run and queues its finding for every channel given, in one step: true the
   * first time, false ever after (another process or an earlier round already has it).
   */
  claimRun(source: string, finding: DriftFinding, channels: readonly string[], now: Date): boolean;
  /** Whether a run was claimed already (its report need not be read again). */
  claimedRun(source: string, runId: string): boolean;
  /** Deliveries due now; each is claimed (a lease) so that no other process sends it meanwhile. */
  claimDue(now: Date, leaseMs: number, limit: number): DueDelivery[];
  settleDelivery(id: number, outcome: "sent" | "retry" | "skipped", now: Date): void;

  /** The newest alert from one source for an endpoint's monitor in a channel. */
  latestAlert(source: string, endpoint: string, monitorType: MonitorType, channel: string): DriftAlertRecord | undefined;
  alert(id: number): DriftAlertRecord | undefined;
  recordAlert(source: string, finding: DriftFinding, channel: string, subjectsKey: string, now: Date): DriftAlertRecord;
  setAlertMessage(id: number, messageTs: string): void;
  repeatAlert(id: number, finding: DriftFinding, now: Date): DriftAlertRecord | undefined;
  closeAlert(id: number): void;
  acknowledge(id: number, by: string, now: Date): DriftAlertRecord | undefined;

  mute(endpoint: string, monitorType: MonitorType, channel: string, by: string, until: Date): void;
  mutedUntil(endpoint: string, monitorType: MonitorType, channel: string, now: Date): { by: string; until: string } | undefined;
}
