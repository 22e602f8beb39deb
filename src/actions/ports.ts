/**
 * The ports the plan life owns besides SageMaker's (kernel/sagemaker-port.ts): the audit, the
 * freeze, the approval rules and the notifier. The store and the Slack wing implement them.
 */
import type { Result } from "../kernel/result.js";
import type { Plan } from "./plan.js";

export interface AuditEntry {
  actor: string;
  channel?: string;
  /** What happened: request, refusal, confirmation, approval, execution, aws-error, ... */
  kind: string;
  /** The plan, job or endpoint it concerns. */
  subject?: string;
  outcome: string;
  /** Structured detail (the request, the reasons), stored as JSON. */
  detail?: unknown;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: string;
}

/** Where every decision and action is recorded. */
export interface Auditor {
  record(entry: AuditEntry): unknown;
}

/** The audit log as admins read it. */
export interface AuditTrail extends Auditor {
  /** Newest first. */
  latest(limit: number): AuditRecord[];
}

/** Tells people about a plan: the one writer of its message, and of the approvers' request. */
export interface PlanNotifier {
  /** Posts a new plan where it was asked for; its message's ts, or a problem when that place cannot be posted to. */
  planCreated(plan: Plan): Promise<Result<{ ts: string }>>;
  /** Brings the plan's message up to date. */
  planChanged(plan: Plan): Promise<void>;
  /** Asks the approvers in the plan's thread; the request's ts. */
  approvalRequested(plan: Plan): Promise<{ ts: string }>;
}

export interface ApprovalRules {
  /** Undefined when this person may approve this plan; otherwise why not, in words. */
  whyCannotApprove(plan: Plan, userId: string): Promise<string | undefined>;
  isAdmin(userId: string): boolean;
}

export interface FreezeState {
  frozen: boolean;
  by?: string;
  reason?: string;
  since?: string;
}

/** Whether sageops is frozen: no mutating action runs. */
export interface FreezeSwitch {
  freezeState(): FreezeState;
}

/** The freeze as admins set it. */
export interface FreezeControl extends FreezeSwitch {
  freeze(by: string, reason?: string): void;
  unfreeze(by: string): void;
}
