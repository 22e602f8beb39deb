/**
 * A plan: one mutating action, fixed when it is made (its resource names included), shown to
 * a person, and run at most once. Its life is a sequence of compare-and-set transitions in the
 * store: pending → confirmed → approved → running → started | failed, or it ends as
 * cancelled, rejected or expired, or as refused when the guard, run again at Confirm, Approve or
 * just before execution, no longer lets it. A dry-run plan ends as `simulated` instead of running.
 */


import type { GuardInput } from "../guard/checks.js";
import type { CostEstimate } from "../guard/cost.js";
import type { ActionKind } from "../guard/policy-schema.js";
import type { TrackedResource } from "../kernel/resources.js";
import type {
  CreateEndpointConfigRequest,
  CreateEndpointRequest,
  CreateHyperParameterTuningJobRequest,
  CreateModelRequest,
  CreateTrainingJobRequest,
  CreateTransformJobRequest,
  StartPipelineExecutionRequest,
  StopPipelineExecutionRequest,
  UpdateEndpointRequest,
  UpdateModelPackageRequest,
} from "../kernel/sagemaker-port.js";

export type { ActionKind } from "../guard/policy-schema.js";
export type { TrackedResource } from "../kernel/resources.js";

export const PLAN_STATUSES = ["pending", "confirmed", "approved", "running", "started", "failed", "cancelled", "rejected", "expired", "simulated", "refused"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * What the guard decided a plan on, kept with the plan so the whole guard runs again at Confirm,
 * at each Approve and just before execution, with the policy, freeze and usage of that moment.
 */
export type GuardFacts = Omit<GuardInput, "requester" | "channelId" | "region" | "frozen" | "usage" | "forceDryRun" | "stage">;

/** One SageMaker call, in SageMaker's request shape: exactly what will be sent. */
export type PlanStep =
  | { operation: "CreateTrainingJob"; request: CreateTrainingJobRequest }
  | { operation: "CreateHyperParameterTuningJob"; request: CreateHyperParameterTuningJobRequest }
  | { operation: "StartPipelineExecution"; request: StartPipelineExecutionRequest }
  | { operation: "StopTrainingJob"; request: { TrainingJobName: string } }
  | { operation: "StopHyperParameterTuningJob"; request: { HyperParameterTuningJobName: string } }
  | { operation: "StopPipelineExecution"; request: StopPipelineExecutionRequest }
  | { operation: "CreateModel"; request: CreateModelRequest }
  | { operation: "CreateEndpointConfig"; request: CreateEndpointConfigRequest }
  | { operation: "CreateEndpoint"; request: CreateEndpointRequest }
  | { operation: "UpdateEndpoint"; request: UpdateEndpointRequest }
  | { operation: "CreateTransformJob"; request: CreateTransformJobRequest }
  | { operation: "UpdateModelPackage"; request: UpdateModelPackageRequest };

/** A line of the plan as a person reads it. */
export interface PlanDetail {
  label: string;
  value: string;
}

export interface ApprovalRequirement {
  required: number;
  role: string;
}


export interface Plan {
  id: string;
  kind: ActionKind;
  status: PlanStatus;
  requester: string;
  channel: string;
  /** The plan message, once posted. */
  messageTs?: string;
  /** The approvers' request in the plan's thread, once posted. */
  approvalRequestTs?: string;
  environment: string;
  mode: "live" | "dry-run";
  /** Short title: "Train churn-xgb". */
  title: string;
  /** The name of what it creates or acts on, fixed at plan time. */
  resourceName: string;
  details: PlanDetail[];
  cost?: CostEstimate;
  steps: PlanStep[];
  approval?: ApprovalRequirement;
  /** Who approved so far. */
  approvals: string[];
  /** What to follow once started. */
  track?: TrackedResource;
  /** For deploys that update an endpoint: the config it returns to on rollback. */
  previousEndpointConfig?: string;
  /** What the guard decided on (absent on plans stored before it was kept). */
  guard?: GuardFacts;
  createdAt: string;
  expiresAt: string;
  /** Set when it ends: what happened, in words, and any AWS error code. */
  outcome?: { message: string; errorCode?: string; arn?: string };
  /** Who cancelled, rejected or last acted on it. */
  actedBy?: string;
}

/** True while a plan still needs approvals it does not have. */
export function awaitsApproval(plan: Pick<Plan, "approval" | "approvals">): boolean {
  return plan.approval !== undefined && plan.approvals.length < plan.approval.required;
}

export type NewPlan = Omit<Plan, "status" | "approvals" | "createdAt" | "expiresAt" | "messageTs" | "approvalRequestTs" | "outcome" | "actedBy">;

/** What a transition may change besides the status. */
export interface PlanPatch {
  outcome?: Plan["outcome"];
  actedBy?: string;
  track?: TrackedResource;
  expiresAt?: Date;
}

/** Storage for plans; implemented over SQLite in src/store/plans.ts. */
export interface PlanRepository {
  insert(plan: NewPlan, now: Date, ttlSeconds: number): Plan;
  get(id: string): Plan | undefined;
  setMessage(id: string, messageTs: string): void;
  setApprovalRequest(id: string, ts: string): void;
  /** Confirmed plans waiting for approval whose request was never posted (it failed, or a crash came first), confirmed before a moment. */
  approvalRequestsMissing(confirmedBefore: Date): Plan[];
  /**
   * Moves the plan from one of `from` to `to` at `now`, only if it is still in one of `from`; the
   * moved plan when this call made the move, else undefined. This is the exactly-once primitive:
   * of two racing callers, one wins.
   */
  transition(id: string, from: readonly PlanStatus[], to: PlanStatus, now: Date, patch?: PlanPatch): Plan | undefined;
  /** Records an approval; the plan with it, or undefined if this person already approved. */
  addApproval(id: string, userId: string, now: Date): Plan | undefined;
  /**
   * Plans waiting to run (approved), or interrupted mid-run: running, and not kept running since
   * `idleSince` (the process running them died), oldest first.
   */
  resumable(idleSince: Date): Plan[];
  /** Takes over a plan interrupted mid-run (running, not kept running since `idleSince`); the plan when this caller got it. */
  claimInterrupted(id: string, idleSince: Date, now: Date): Plan | undefined;
  /** Says the plan is still being run by its runner (a heartbeat while SageMaker is asked). */
  keepRunning(id: string, now: Date): void;
  /** Plans that started something not yet seen to finish, started since a moment: to follow again after a restart. */
  startedUnfinished(since: Date): Plan[];
  /** Plans past their expiry still waiting for a person. */
  expiredBefore(now: Date): Plan[];
  /**
   * A person's jobs for the limits, leaving one plan out: started in the last hour (or confirmed and
   * not yet started), and running now (or confirmed and not yet started).
   */
  usageOf(userId: string, now: Date, excludingPlanId?: string): { jobsLastHour: number; concurrentJobs: number };
  /** Plans asked for since a moment, by one person or in one channel. */
  plansAskedSince(since: Date, by: { requester: string } | { channel: string }): number;
  /** The newest plan about a resource that got as far as starting. */
  latestStarted(name: string): Plan | undefined;
}
