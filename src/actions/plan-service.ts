/**
 * The life of a plan after it is made: confirmation by the requester, approvals where the
 * policy asks for them, execution exactly once, and the audit of each step. Slack and AWS
 * are behind ports; each state change goes through the repository's compare-and-set, so
 * double clicks, retried interactions and a second bot process cannot run a plan twice.
 */

import type { Refusal } from "../guard/checks.js";
import { startHeartbeat } from "../kernel/heartbeat.js";
import { fail, ok, type Result } from "../kernel/result.js";
import { SageMakerError, type SageMakerPort } from "../kernel/sagemaker-port.js";
import { runSteps } from "./execute.js";
import { awaitsApproval, type Plan, type PlanPatch, type PlanRepository, type PlanStatus } from "./plan.js";
import type { PlanningResult } from "./planning.js";
import type { ApprovalRules, Auditor, FreezeSwitch, PlanNotifier } from "./ports.js";
import type { PlanRecheck, Recheck } from "./recheck.js";

export interface PlanServiceDeps {
  plans: PlanRepository;
  port: SageMakerPort;
  audit: Auditor;
  notifier: PlanNotifier;
  approvals: ApprovalRules;
  freeze: FreezeSwitch;
  /** The whole guard again, at Confirm, at each Approve and just before execution. */
  recheck: PlanRecheck;
  now: () => Date;
  /** Called when telling people failed; the plan's state is already safe in the store. */
  onNotifyError: (error: unknown, plan: Plan) => void;
  /** How long a plan waits for its requester (default 15 minutes). */
  planTtlSeconds?: number;
  /** How long a confirmed plan waits for its approvals (default 24 hours): approvers are not always at their desks. */
  approvalTtlSeconds?: number;
  /** Told of each plan that started something in SageMaker, so its status can be followed. */
  onStarted?: (plan: Plan) => void;
}

const DEFAULT_TTL_SECONDS = 15 * 60;
const DEFAULT_APPROVAL_TTL_SECONDS = 24 * 3600;
/** How far back a restart looks for started plans it may not have followed: older ones were followed by an earlier start. */
const FOLLOW_AGAIN_WINDOW_MS = 24 * 3600_000;
/** A running plan not kept running for this long was held by a process that died: another takes it over. */
const RUN_LEASE_MS = 20_000;

export class PlanService {
  constructor(private readonly deps: PlanServiceDeps) {}

  /**
   * What a planner decided, carried through: a refusal is audited and explained; a plan is stored,
   * pending its requester's confirmation, and posted where it was asked for. A plan that cannot be
   * posted stays pending unseen and expires: nobody can confirm it.
   */
  async submit(result: PlanningResult, requester: { userId: string; channelId: string }): Promise<Result<Plan>> {
    if (result.kind === "invalid") return fail(result.problem);
    if (result.kind === "refused") {
      this.deps.audit.record({ actor: requester.userId, channel: requester.channelId, kind: "refusal", subject: result.title, outcome: "refused", detail: { rules: result.refusals.map((r) => r.rule) } });
      return fail({
        what: `I can't plan *${result.title}*: the policy does not allow it.`,
        detail: result.refusals.map((refusal) => refusal.message),
        fix: "Change the request as above and ask again; `/sageops policy` shows what you may do.",
      });
    }
    const plan = result.plan;
    const stored = this.deps.plans.insert(plan, this.deps.now(), this.deps.planTtlSeconds ?? DEFAULT_TTL_SECONDS);
    this.deps.audit.record({ actor: plan.requester, channel: plan.channel, kind: "request", subject: plan.id, outcome: "planned", detail: { kind: plan.kind, resource: plan.resourceName, environment: plan.environment, mode: plan.mode } });
    const posted = await this.deps.notifier.planCreated(stored);
    if (!posted.ok) return posted;
    this.deps.plans.setMessage(stored.id, posted.value.ts);
    return ok({ ...stored, messageTs: posted.value.ts }, `I posted the plan for *${stored.title}* above. Check it, then press Confirm within 15 minutes.`);
  }

  async confirm(planId: string, userId: string): Promise<Result<Plan>> {
    const found = this.load(planId);
    if (!found.ok) return found;
    const plan = found.value;
    if (plan.requester !== userId) return fail({ what: `Only <@${plan.requester}> can confirm this plan.`, fix: "If you want the same action, ask for it yourself and confirm your own plan." });
    if (plan.status !== "pending") return this.alreadyHandled(plan);
    if (await this.expireIfStale(plan)) return fail({ what: "This plan has expired.", fix: "Plans wait 15 minutes for confirmation; ask again for a fresh plan." });
    // A freeze holds the plan where it is: it can still be cancelled, and it expires as usual.
    const guarded = await this.guardAgain(plan, "pending", userId, "at Confirm");
    if ("answer" in guarded) return guarded.answer;
    const approvalDeadline = awaitsApproval(plan) ? new Date(this.deps.now().getTime() + (this.deps.approvalTtlSeconds ?? DEFAULT_APPROVAL_TTL_SECONDS) * 1000) : undefined;
    const confirmed = this.move(plan, ["pending"], "confirmed", { actedBy: userId, expiresAt: approvalDeadline });
    if (!confirmed) return this.alreadyHandled(this.reload(plan));
    this.deps.audit.record({ actor: userId, channel: plan.channel, kind: "confirmation", subject: plan.id, outcome: "confirmed" });
    if (confirmed.approval && awaitsApproval(confirmed)) {
      await this.requestApproval(confirmed);
      await this.notify(confirmed, (p) => this.deps.notifier.planChanged(p));
      return ok(confirmed, `Waiting for ${confirmed.approval.required} approval(s) from ${confirmed.approval.role}.`);
    }
    return this.approveAndRun(confirmed, userId, guarded.recheck);
  }

  async approve(planId: string, userId: string): Promise<Result<Plan>> {
    const found = this.load(planId);
    if (!found.ok) return found;
    const plan = found.value;
    if (plan.status === "pending") return fail({ what: "The requester has not confirmed this plan yet.", fix: "Approvals open once the requester presses Confirm." });
    if (plan.status !== "confirmed") return this.alreadyHandled(plan);
    const why = await this.deps.approvals.whyCannotApprove(plan, userId);
    if (why) return fail({ what: why });
    if (await this.expireIfStale(plan)) return fail({ what: "This plan expired before it was approved (approvals stay open for a day).", fix: "The requester can ask again for a fresh plan." });
    // During a freeze an approval records nothing: the plan stays waiting, cancellable, and expires as usual.
    const guarded = await this.guardAgain(plan, "confirmed", userId, "at approval");
    if ("answer" in guarded) return guarded.answer;
    const approved = this.deps.plans.addApproval(plan.id, userId, this.deps.now());
    if (!approved) return ok(plan, "You have already approved this plan.");
    this.deps.audit.record({ actor: userId, channel: plan.channel, kind: "approval", subject: plan.id, outcome: "approved" });
    if (approved.approval && awaitsApproval(approved)) {
      await this.notify(approved, (p) => this.deps.notifier.planChanged(p));
      return ok(approved, `${approved.approvals.length} of ${approved.approval.required} approvals so far.`);
    }
    return this.approveAndRun(approved, userId, guarded.recheck);
  }

  async reject(planId: string, userId: string): Promise<Result<Plan>> {
    const found = this.load(planId);
    if (!found.ok) return found;
    const plan = found.value;
    const why = await this.deps.approvals.whyCannotApprove(plan, userId);
    if (why) return fail({ what: why.replace(/approve/g, "reject") });
    const rejected = this.move(plan, ["confirmed"], "rejected", { actedBy: userId, outcome: { message: `Rejected by <@${userId}>.` } });
    if (!rejected) return this.alreadyHandled(this.reload(plan));
    this.deps.audit.record({ actor: userId, channel: plan.channel, kind: "approval", subject: plan.id, outcome: "rejected" });
    await this.notify(rejected, (p) => this.deps.notifier.planChanged(p));
    return ok(rejected);
  }

  async cancel(planId: string, userId: string): Promise<Result<Plan>> {
    const found = this.load(planId);
    if (!found.ok) return found;
    const plan = found.value;
    if (plan.requester !== userId && !this.deps.approvals.isAdmin(userId)) return fail({ what: `Only <@${plan.requester}> (or an admin) can cancel this plan.` });
    const cancelled = this.move(plan, ["pending", "confirmed"], "cancelled", { actedBy: userId, outcome: { message: `Cancelled by <@${userId}>.` } });
    if (!cancelled) return this.alreadyHandled(this.reload(plan));
    this.deps.audit.record({ actor: userId, channel: plan.channel, kind: "cancellation", subject: plan.id, outcome: "cancelled" });
    await this.notify(cancelled, (p) => this.deps.notifier.planChanged(p));
    return ok(cancelled);
  }

  /** At start-up: follows what started before a crash, then runs what was interrupted. */
  async resume(): Promise<Plan[]> {
    await this.followStarted();
    return this.runInterrupted();
  }

  /**
   * Runs every plan approved but not started, and every plan interrupted mid-run: one whose runner
   * stopped keeping it running (it died). A plan another live process is running is left to it.
   * Called at start-up and by the sweeper, so a plan a dead process held runs within a lease.
   */
  async runInterrupted(): Promise<Plan[]> {
    if (this.deps.freeze.freezeState().frozen) return [];
    const idleSince = new Date(this.deps.now().getTime() - RUN_LEASE_MS);
    const resumed: Plan[] = [];
    for (const plan of this.deps.plans.resumable(idleSince)) {
      // Confirmed (and approved enough) but cut off before it moved on: the press was acknowledged, so it goes on.
      if (plan.status === "confirmed") {
        if (awaitsApproval(plan) || Date.parse(plan.expiresAt) <= this.deps.now().getTime()) continue;
        const result = await this.approveAndRun(plan, plan.actedBy ?? plan.requester);
        if (result.ok && result.value.status !== "confirmed") resumed.push(result.value);
        continue;
      }
      const claimed = plan.status === "approved" ? plan : this.deps.plans.claimInterrupted(plan.id, idleSince, this.deps.now());
      if (!claimed) continue;
      const result = claimed.status === "approved" ? await this.execute(claimed) : await this.runClaimed(claimed);
      if (result.ok) resumed.push(result.value);
    }
    return resumed;
  }

  /**
   * Plans a crash caught after SageMaker accepted them but before their message or tracking caught
   * up: each is followed again (following is idempotent) and its message shows it started, so no
   * live Confirm button is left on it.
   */
  private async followStarted(): Promise<void> {
    const since = new Date(this.deps.now().getTime() - FOLLOW_AGAIN_WINDOW_MS);
    for (const plan of this.deps.plans.startedUnfinished(since)) {
      this.deps.onStarted?.(plan);
      await this.notify(plan, (p) => this.deps.notifier.planChanged(p));
    }
  }

  /** Posts the approvers' request and remembers where, so a request that never got out is posted later. */
  private async requestApproval(plan: Plan): Promise<void> {
    await this.notify(plan, async (p) => {
      const { ts } = await this.deps.notifier.approvalRequested(p);
      this.deps.plans.setApprovalRequest(p.id, ts);
    });
  }

  /**
   * Confirmed plans whose approval request never got out (Slack refused it once, or the bot died
   * while posting): posted now, so no plan waits out its day without an Approve button.
   */
  async repostMissingApprovalRequests(graceMs = 30_000): Promise<number> {
    const missing = this.deps.plans.approvalRequestsMissing(new Date(this.deps.now().getTime() - graceMs));
    for (const plan of missing) await this.requestApproval(plan);
    return missing.length;
  }

  /** Marks plans that waited too long as expired and re-renders them. */
  async expireStale(): Promise<Plan[]> {
    const expired: Plan[] = [];
    for (const plan of this.deps.plans.expiredBefore(this.deps.now())) {
      const gone = await this.expireIfStale(plan);
      if (gone) expired.push(gone);
    }
    return expired;
  }

  /**
   * The guard again, at Confirm or Approve, before anything is recorded: a freeze's answer, a
   * refusal (the plan ends `refused`), or the prepared check, for execution to run once more.
   */
  private async guardAgain(plan: Plan, from: Plan["status"], userId: string, when: string): Promise<{ answer: Result<Plan> } | { recheck: () => Recheck }> {
    const frozen = this.frozenProblem();
    if (frozen) return { answer: frozen };
    const recheck = await this.deps.recheck.prepare(plan);
    const check = recheck();
    if (!check.ok) return { answer: await this.refuseOrHold(plan, check, from, userId, when) };
    return { recheck };
  }

  /** `recheck` is the one Confirm or Approve just prepared: its answers (groups, model approval) are seconds old. */
  private async approveAndRun(plan: Plan, userId: string, recheck?: () => Recheck): Promise<Result<Plan>> {
    const approved = this.move(plan, ["confirmed"], "approved", { actedBy: userId });
    if (!approved) return this.alreadyHandled(this.reload(plan));
    return this.execute(approved, recheck);
  }

  /** Runs an approved plan once the guard, evaluated now, still passes it; resume prepares its own check. */
  private async execute(plan: Plan, recheck?: () => Recheck): Promise<Result<Plan>> {
    const check = (recheck ?? (await this.deps.recheck.prepare(plan)))();
    if (!check.ok) {
      if (!check.frozen) return this.refuseOrHold(plan, check, "approved", plan.requester, "just before running");
      // Frozen between approval and execution: back to waiting, where it can be cancelled or expire.
      const waiting = this.move(plan, ["approved"], "confirmed");
      if (waiting) await this.notify(waiting, (p) => this.deps.notifier.planChanged(p));
      return this.frozenOutcome();
    }
    const running = this.move(plan, ["approved"], "running");
    if (!running) return this.alreadyHandled(this.reload(plan));
    return this.runClaimed(running);
  }

  /**
   * A plan the guard no longer passes. Frozen: nothing changes (it waits, can be cancelled and
   * expires). Otherwise it is refused for good, with every reason, and never runs.
   */
  private async refuseOrHold(plan: Plan, check: Exclude<Recheck, { ok: true }>, from: Plan["status"], actor: string, when: string): Promise<Result<Plan>> {
    if (check.frozen) return this.frozenOutcome();
    const reasons = check.refusals.map((refusal: Refusal) => refusal.message);
    const message = `Refused ${when}: the policy no longer allows it. ${reasons.join(" ")}`;
    const refused = this.move(plan, [from], "refused", { actedBy: actor, outcome: { message } });
    if (!refused) return this.alreadyHandled(this.reload(plan));
    this.deps.audit.record({ actor, channel: plan.channel, kind: "refusal", subject: plan.id, outcome: "refused", detail: { when, rules: check.refusals.map((r) => r.rule) } });
    await this.notify(refused, (p) => this.deps.notifier.planChanged(p));
    return fail({ what: `*${plan.title}* no longer passes the policy, so it will not run.`, detail: reasons, fix: "Change the request as above and ask again for a fresh plan." });
  }

  /** Sends the plan's steps; only called by whoever moved it to `running` (or by resume). */
  private async runClaimed(plan: Plan): Promise<Result<Plan>> {
    let done: Plan | undefined;
    if (plan.mode === "dry-run") {
      done = this.move(plan, ["running"], "simulated", { outcome: { message: "Dry run: the request above was not sent to SageMaker." } });
      this.deps.audit.record({ actor: plan.requester, channel: plan.channel, kind: "execution", subject: plan.id, outcome: "dry-run", detail: { steps: plan.steps.map((s) => s.operation) } });
    } else {
      // While SageMaker is asked, the plan is kept running, so no other process takes it over.
      const stopHeartbeat = startHeartbeat(() => this.deps.plans.keepRunning(plan.id, this.deps.now()), RUN_LEASE_MS / 4);
      try {
        const { arn } = await runSteps(this.deps.port, plan.steps);
        done = this.move(plan, ["running"], "started", { outcome: { message: `SageMaker accepted it${arn ? `: ${arn}` : ""}.${plan.track ? " Progress follows in this thread." : ""}`, arn }, track: plan.track ? { ...plan.track, arn: arn ?? plan.track.arn } : undefined });
        this.deps.audit.record({ actor: plan.requester, channel: plan.channel, kind: "execution", subject: plan.id, outcome: "started", detail: { resource: plan.resourceName, arn } });
      } catch (error) {
        const code = error instanceof SageMakerError ? error.code : "Other";
        const message = error instanceof Error ? error.message : String(error);
        done = this.move(plan, ["running"], "failed", { outcome: { message: `SageMaker refused: ${message}`, errorCode: code } });
        this.deps.audit.record({ actor: plan.requester, channel: plan.channel, kind: "aws-error", subject: plan.id, outcome: code, detail: { message } });
      } finally {
        stopHeartbeat();
      }
    }
    // Only this caller holds the plan in `running`, so each move above succeeds; the reload covers a store that lost it.
    const final = done ?? this.reload(plan);
    await this.notify(final, (p) => this.deps.notifier.planChanged(p));
    if (final.status === "started") this.deps.onStarted?.(final);
    return ok(final);
  }

  private load(planId: string): Result<Plan> {
    const plan = this.deps.plans.get(planId);
    return plan ? ok(plan) : fail({ what: `I can't find plan ${planId}.`, fix: "It may come from another sageops installation; ask again for a fresh plan." });
  }

  /** One compare-and-set transition at the service's clock: the moved plan, or undefined when someone else moved it first. */
  private move(plan: Plan, from: readonly PlanStatus[], to: PlanStatus, patch?: PlanPatch): Plan | undefined {
    return this.deps.plans.transition(plan.id, from, to, this.deps.now(), patch);
  }

  /** The plan as it stands now, after another caller moved it. */
  private reload(plan: Plan): Plan {
    return this.deps.plans.get(plan.id) ?? plan;
  }

  /** A plan that someone (or an earlier click) already moved on: say where it stands, do nothing. */
  private alreadyHandled(plan: Plan): Result<Plan> {
    const where: Record<Plan["status"], string> = {
      pending: "is waiting for its requester",
      confirmed: "is confirmed and waiting for approval",
      approved: "is approved and about to run",
      running: "is running",
      started: "has already started",
      failed: "has already run and failed",
      cancelled: "was cancelled",
      rejected: "was rejected",
      expired: "has expired",
      simulated: "has already run as a dry run",
      refused: "was refused by the policy",
    };
    return ok(plan, `This plan ${where[plan.status]}; nothing more was done.`);
  }

  /** The plan, now expired, when its time ran out and this call expired it. */
  private async expireIfStale(plan: Plan): Promise<Plan | undefined> {
    if (Date.parse(plan.expiresAt) > this.deps.now().getTime()) return undefined;
    const expired = this.move(plan, ["pending", "confirmed"], "expired", { outcome: { message: "Expired before it was confirmed and approved." } });
    if (!expired) return undefined;
    this.deps.audit.record({ actor: plan.requester, channel: plan.channel, kind: "expiry", subject: plan.id, outcome: "expired" });
    await this.notify(expired, (p) => this.deps.notifier.planChanged(p));
    return expired;
  }

  /** The freeze's answer, when the guard found the plan frozen. */
  private frozenOutcome(): Result<Plan> {
    return this.frozenProblem() ?? fail({ what: "sageops is frozen: no mutating action runs." });
  }

  private frozenProblem(): Result<Plan> | undefined {
    const state = this.deps.freeze.freezeState();
    if (!state.frozen) return undefined;
    return fail({ what: `sageops is frozen${state.by ? ` by <@${state.by}>` : ""}${state.reason ? ` (${state.reason})` : ""}: no mutating action runs.`, fix: "An admin can lift it with `/sageops unfreeze`." });
  }

  private async notify(plan: Plan, send: (plan: Plan) => Promise<void>): Promise<void> {
    try {
      await send(plan);
    } catch (error) {
      this.deps.onNotifyError(error, plan);
    }
  }
}
