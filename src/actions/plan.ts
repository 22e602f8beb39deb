/**
 * A plan: one mutating action, fixed when it is made (its resource names included), shown to
 * a person, and run at most once. Its life is a sequence of compare-and-set transitions in the
 * store: pending → confirmed → approved → running → started | failed, or it ends as
 * cancelled, rejected or expired. A dry-run plan ends as `simulated` instead of running.
 */
import type {
  CreateEndpointConfigRequest,
  CreateEndpointRequest,
  CreateHyperParameterTuningJobRequest,
  CreateModelRequest,
  CreateTrainingJobRequest,
  CreateTransformJobRequest,
  StartPipelineExecutionRequest,
  UpdateEndpointRequest,
} from "./port.js";

import type { CostEstimate } from "../guard/cost.js";
import type { ActionKind } from "../guard/policy-schema.js";

export type { ActionKind } from "../guard/policy-schema.js";

export const PLAN_STATUSES = ["pending", "confirmed", "approved", "running", "started", "failed", "cancelled", "rejected", "expired", "simulated"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Statuses a plan never leaves. */
export const FINAL_STATUSES: ReadonlySet<PlanStatus> = new Set(["started", "failed", "cancelled", "rejected", "expired", "simulated"]);

/** One SageMaker call, in SageMaker's request shape: exactly what will be sent. */
export type PlanStep =
  | { operation: "CreateTrainingJob"; request: CreateTrainingJobRequest }
  | { operation: "CreateHyperParameterTuningJob"; request: CreateHyperParameterTuningJobRequest }
  | { operation: "StartPipelineExecution"; request: StartPipelineExecutionRequest }
  | { operation: "StopTrainingJob"; request: { TrainingJobName: string } }
  | { operation: "CreateModel"; request: CreateModelRequest }
  | { operation: "CreateEndpointConfig"; request: CreateEndpointConfigRequest }
  | { operation: "CreateEndpoint"; request: CreateEndpointRequest }
  | { operation: "UpdateEndpoint"; request: UpdateEndpointRequest }
  | { operation: "CreateTransformJob"; request: CreateTransformJobRequest };

/** A line of the plan as a person reads it. */
export interface PlanDetail {
  label: string;
  value: string;
}

export interface ApprovalRequirement {
  required: number;
  role: string;
}

/** The resource a started plan created, so status tracking knows what to follow. */
export interface TrackedResource {
  type: "training-job" | "tuning-job" | "pipeline-execution" | "endpoint" | "transform-job";
  name: string;
  arn?: string;
}

export interface Plan {
  id: string;
  kind: ActionKind;
  status: PlanStatus;
  requester: string;
  channel: string;
  /** The plan message, once posted. */
  messageTs?: string;
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
  createdAt: string;
  expiresAt: string;
  /** Set when it ends: what happened, in words, and any AWS error code. */
  outcome?: { message: string; errorCode?: string; arn?: string };
  /** Who cancelled, rejected or last acted on it. */
  actedBy?: string;
}

export type NewPlan = Omit<Plan, "status" | "approvals" | "createdAt" | "expiresAt" | "messageTs" | "outcome" | "actedBy">;

/** Storage for plans; implemented over SQLite in src/store/plans.ts. */
export interface PlanRepository {
  insert(plan: NewPlan, now: Date, ttlSeconds: number): Plan;
  get(id: string): Plan | undefined;
  setMessage(id: string, messageTs: string): void;
  /**
   * Moves the plan from one of `from` to `to` only if it is still in one of `from`; true when
   * this call made the move. This is the exactly-once primitive: of two racing callers, one wins.
   */
  transition(id: string, from: readonly PlanStatus[], to: PlanStatus, patch?: { outcome?: Plan["outcome"]; actedBy?: string; track?: TrackedResource; expiresAt?: Date }): boolean;
  /** Records an approval; false if this person already approved. */
  addApproval(id: string, userId: string, now: Date): boolean;
  /** Plans waiting to run (approved) or interrupted mid-run (running), oldest first. */
  resumable(): Plan[];
  /** Plans past their expiry still waiting for a person. */
  expiredBefore(now: Date): Plan[];
  /** Plans a user started in a time window, for rate limits. */
  countStartedSince(userId: string, since: Date): number;
  /** Jobs (training, tuning, pipeline runs, batch) a user started that are not known to be finished. */
  activeFor(userId: string): Plan[];
  /** The newest plan about a resource, by its name. */
  findByResource(name: string): Plan | undefined;
  /** The newest plan about a resource that got as far as starting. */
  latestStarted(name: string): Plan | undefined;
}
