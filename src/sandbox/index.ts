/**
 * The sandbox: a local, SIMULATED stand-in for Amazon SageMaker (and the slice of S3 that Model
 * Monitor writes to), on a loopback port. It speaks SageMaker's own wire protocol (AWS JSON 1.1),
 * so the real `@aws-sdk/client-sagemaker` and `@aws-sdk/client-s3` (path-style) run against it
 * unmodified: point them at `sandbox.url`. SageMaker's EventBridge state-change events arrive
 * on an SQS queue served on the same port (`eventsQueue.url`, for `@aws-sdk/client-sqs`).
 * Nothing here touches AWS; jobs, endpoints, pipelines and monitoring reports are simulated from
 * a clock that runs faster than real time (or only when a test advances it). Every answer carries the header `x-sageops-sandbox: true`.
 * Controls SageMaker does not have (running a monitoring schedule now) are on `monitoring` and, for
 * other processes, on the same port under `/_sandbox/` (control-http.ts).
 */
import { z } from "zod";
import { CallLog, type SandboxCall } from "./calls.js";
import { createPacedClock, DEFAULT_PACE, type SandboxClock } from "./clock.js";
import { SANDBOX_ACCOUNT } from "./env.js";
import { FaultInjector, type FaultSettings, FaultSettingsSchema } from "./faults.js";
import { HoldBook, type HoldRequest, type SandboxHold } from "./holds.js";
import type { MonitoringRunStarted, RunNowOptions } from "./monitoring-run-now.js";
import { seedExampleAccount } from "./seed.js";
import { startServer } from "./server.js";
import { EVENTS_QUEUE } from "./sqs.js";
import { SandboxState } from "./state.js";

export type { SandboxCall } from "./calls.js";
export { createManualClock, createPacedClock, DEFAULT_PACE, type ManualClock, type SandboxClock } from "./clock.js";
export { type FaultSettings, FaultSettingsSchema } from "./faults.js";
export type { HeldCall, HoldRequest, SandboxHold } from "./holds.js";
export type { MonitoringRunStarted, RunNowOptions } from "./monitoring-run-now.js";
export { SEED } from "./seed.js";

const OptionsSchema = z.object({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.literal("127.0.0.1", { error: "the sandbox listens on 127.0.0.1 only" }).optional(),
  region: z.string().regex(/^[a-z0-9-]{2,32}$/, "region must look like us-east-1").optional(),
  pace: z.number().positive().optional(),
  seed: z.boolean().optional(),
  faults: FaultSettingsSchema.optional(),
});

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: anything but 127.0.0.1 is refused. */
  host?: string;
  region?: string;
  /** Simulated seconds per real second for the default clock (ignored when `clock` is given). */
  pace?: number;
  /** The simulated clock; by default a paced clock starting at the real time. */
  clock?: SandboxClock;
  /** Load the example company's resources (default true). */
  seed?: boolean;
  faults?: FaultSettings;
}

/** The SQS queue SageMaker's state-change events arrive on, as an EventBridge rule would fill it. */
export interface SandboxEventsQueue {
  /** e.g. http://127.0.0.1:40123/123456789012/sageops-events */
  readonly url: string;
  readonly name: string;
  /** Messages in the queue, visible or in flight. */
  readonly depth: number;
  /** Makes the queue answer as if deleted (QueueDoesNotExist); events meanwhile are lost. */
  close(): void;
  reopen(): void;
}

/** Sandbox-only controls of Model Monitor: SageMaker runs a schedule on its cron alone. */
export interface SandboxMonitoring {
  /**
   * Starts a run of a monitoring schedule (any of the four types) at the current simulated time;
   * it finishes about two simulated minutes later and then appears, with its reports in S3, like
   * any scheduled run. `violations: true` makes it find violations, `false` clean, `fail: true`
   * fail with a reason; without options it turns out as a scheduled run at this moment would.
   * Throws SageMaker's ResourceNotFound for an unknown schedule.
   */
  runNow(schedule: string, options?: RunNowOptions): MonitoringRunStarted;
}

export interface Sandbox {
  /** Base URL for both SageMaker and S3 (path-style), e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly account: string;
  readonly clock: SandboxClock;
  /** Changes fault injection at run time (unset fields keep their values). */
  setFaults(faults: FaultSettings): void;
  /** Every call received, in order. */
  readonly calls: readonly SandboxCall[];
  /** Calls received, all or of one operation (`DescribeTrainingJob`, `S3.GetObject`). */
  countCalls(operation?: string): number;
  /** Successful calls of an operation about one resource (`{ TrainingJobName: "x" }`): how often SageMaker did it. */
  countDone(operation: string, names: Record<string, string>): number;
  resetCalls(): void;
  /**
   * Holds the next SageMaker call of an operation (optionally about one resource) before SageMaker
   * acts on it (`stage: "before"`, the default) or after, with its answer held back (`"after"`),
   * until released (holds.ts). Also on the control route `/_sandbox/holds`.
   */
  hold(request: HoldRequest): SandboxHold;
  /** SageMaker's EventBridge state-change events, through SQS (AWS JSON 1.0 on the same port). */
  readonly eventsQueue: SandboxEventsQueue;
  /**
   * Adds another queue that gets every state-change event from now on (the event rule with one
   * more target), so several bots that do not share a store can each follow their own; its URL.
   */
  addEventsQueue(name: string): string;
  readonly monitoring: SandboxMonitoring;
  /** The operations the SageMaker side answers. */
  readonly operations: readonly string[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const parsed = OptionsSchema.parse(options);
  const region = parsed.region ?? "us-east-1";
  const clock = options.clock ?? createPacedClock({ pace: parsed.pace ?? DEFAULT_PACE });
  const state = new SandboxState(region);
  if (parsed.seed ?? true) seedExampleAccount(state, clock.now());
  // The event rule is set up after the example company's history: its queue starts empty.
  state.syncTo(clock.now());
  const queue = state.queues.get(EVENTS_QUEUE);
  queue?.purge();
  const faults = new FaultInjector(parsed.faults);
  const calls = new CallLog();
  const holds = new HoldBook();
  const server = await startServer({ state, clock, faults, calls, holds }, { host: "127.0.0.1", port: parsed.port ?? 0 });
  return {
    url: server.url,
    port: server.port,
    region,
    account: SANDBOX_ACCOUNT,
    clock,
    setFaults: (settings) => faults.set(settings),
    get calls() {
      return calls.all;
    },
    countCalls: (operation) => calls.count(operation),
    countDone: (operation, names) => calls.countDone(operation, names),
    resetCalls: () => calls.reset(),
    hold: (request) => holds.add(request),
    eventsQueue: {
      url: `${server.url}/${SANDBOX_ACCOUNT}/${EVENTS_QUEUE}`,
      name: EVENTS_QUEUE,
      get depth() {
        return queue?.depth ?? 0;
      },
      close: () => {
        if (queue) queue.open = false;
      },
      reopen: () => {
        if (queue) queue.open = true;
      },
    },
    addEventsQueue: (name) => {
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new RangeError(`an SQS queue name is 1 to 80 letters, digits, - and _, not ${JSON.stringify(name)}`);
      state.addEventTarget(name);
      return `${server.url}/${SANDBOX_ACCOUNT}/${name}`;
    },
    monitoring: { runNow: (schedule, options = {}) => state.runMonitorNow(schedule, options, clock.now()) },
    operations: state.operationNames,
    close: () => server.close(),
  };
}
