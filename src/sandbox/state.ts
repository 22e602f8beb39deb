/**
 * The simulated account: every resource family, the shared timeline and object store, and the
 * dispatch from an operation name to its handler. Before anything is read, the timeline is run up
 * to the simulated now, so what a caller sees is always consistent with the clock.
 */

import { TeamDriftJobs } from "./drift-job.js";
import { Endpoints } from "./endpoints.js";
import { SANDBOX_ACCOUNT, type SandboxEnv } from "./env.js";
import { SandboxError } from "./errors.js";
import { StateChangeEvents } from "./events.js";
import { FeatureGroups } from "./feature-store.js";
import type { UserContext } from "./identity.js";
import { Models } from "./models.js";
import { MonitoringSchedules } from "./monitoring.js";
import type { MonitoringRunStarted, RunNowOptions } from "./monitoring-run-now.js";
import type { Operations } from "./operations.js";
import { Pipelines } from "./pipelines.js";
import { ProcessingJobs } from "./processing.js";
import { type RegisterVersionOptions, registerVersion, type VersionRegistered } from "./register-version.js";
import { ModelRegistry } from "./registry.js";
import { ObjectStore } from "./s3.js";
import { EVENTS_QUEUE, MessageQueues } from "./sqs.js";
import { ResourceTags } from "./tags.js";
import { Timeline } from "./timeline.js";
import { TrainingJobs } from "./training.js";
import { TransformJobs } from "./transform.js";
import { TuningJobs } from "./tuning.js";

export class SandboxState {
  readonly env: SandboxEnv;
  readonly s3 = new ObjectStore();
  /** SQS: the queue an EventBridge rule fills with SageMaker's state-change events. */
  readonly queues = new MessageQueues([EVENTS_QUEUE]);
  /** The queues the event rule sends to: the events queue, and more when a test adds targets. */
  private readonly eventTargets = [EVENTS_QUEUE];
  readonly training: TrainingJobs;
  readonly tuning: TuningJobs;
  readonly registry: ModelRegistry;
  readonly models: Models;
  readonly endpoints: Endpoints;
  readonly transforms: TransformJobs;
  readonly processing: ProcessingJobs;
  readonly monitoring: MonitoringSchedules;
  readonly pipelines: Pipelines;
  readonly featureGroups: FeatureGroups;
  /** Drift jobs of the account's own, writing reports to S3 outside SageMaker. */
  readonly driftJobs: TeamDriftJobs;
  readonly tags = new ResourceTags();
  private readonly timeline = new Timeline();
  private readonly handlers: Operations;
  /** The latest simulated time the state has been brought to; time never runs backwards here. */
  private horizon = Number.NEGATIVE_INFINITY;

  /** Adds a queue the event rule also sends every state-change event to (a second rule target), empty at first. */
  addEventTarget(name: string): void {
    this.queues.add(name);
    if (!this.eventTargets.includes(name)) this.eventTargets.push(name);
  }

  constructor(region: string) {
    // A closed (deleted) queue loses what EventBridge would have sent it, as in AWS.
    const events = new StateChangeEvents(this.timeline, { region, account: SANDBOX_ACCOUNT }, (body, at) => {
      for (const name of this.eventTargets) this.queues.find(name)?.send(body, at);
    });
    this.env = { region, account: SANDBOX_ACCOUNT, timeline: this.timeline, s3: this.s3, events };
    this.training = new TrainingJobs(this.env);
    this.tuning = new TuningJobs(this.env, this.training);
    this.registry = new ModelRegistry(this.env);
    this.models = new Models(this.env, this.registry);
    this.endpoints = new Endpoints(this.env, this.models);
    this.transforms = new TransformJobs(this.env, this.models);
    this.processing = new ProcessingJobs(this.env);
    this.monitoring = new MonitoringSchedules(this.env, this.endpoints, this.processing);
    this.pipelines = new Pipelines(this.env, this.training, this.processing, this.registry);
    this.driftJobs = new TeamDriftJobs(this.env);
    this.featureGroups = new FeatureGroups(this.env);
    // No prototype: an operation name from the wire never finds a built-in of every object.
    this.handlers = Object.assign(Object.create(null) as Operations, {
      ...this.tags.operations(),
      ...this.training.operations(),
      ...this.tuning.operations(),
      ...this.registry.operations(),
      ...this.models.operations(),
      ...this.endpoints.operations(),
      ...this.transforms.operations(),
      ...this.processing.operations(),
      ...this.monitoring.operations(),
      ...this.pipelines.operations(),
      ...this.featureGroups.operations(),
    });
  }

  get operationNames(): string[] {
    return Object.keys(this.handlers).sort();
  }

  /** Runs everything due by `now` (a clock that went backwards is held at the latest time seen). */
  syncTo(now: number): number {
    this.horizon = Math.max(this.horizon, now);
    this.timeline.runUntil(this.horizon);
    return this.horizon;
  }

  /** Handles one SageMaker operation at simulated time `now`, from `caller` when the request said who (identity.ts). */
  perform(operation: string, input: unknown, now: number, caller?: UserContext): unknown {
    const handler = this.handlers[operation];
    if (!handler) throw new SandboxError("UnknownOperationException", `The operation ${operation} is not supported by the SageMaker sandbox.`);
    return this.control(now, (at) => {
      const result = handler(input, at, caller);
      if (operation.startsWith("Create")) this.tags.recordCreate(input, result);
      return result;
    });
  }

  /** Starts a run of a monitoring schedule at simulated time `now` (a sandbox-only control). */
  runMonitorNow(schedule: string, options: RunNowOptions, now: number): MonitoringRunStarted {
    return this.control(now, (at) => this.monitoring.runNow(schedule, options, at));
  }

  /** Registers a new version of a model package group at simulated time `now` (a sandbox-only control). */
  registerVersionNow(group: string, options: RegisterVersionOptions, now: number): VersionRegistered {
    return this.control(now, (at) => registerVersion({ env: this.env, registry: this.registry, training: this.training }, group, options, at));
  }

  /** Acts at the simulated now; what the act set off at this very instant (e.g. a state-change event) happens now, not at the next call. */
  private control<T>(now: number, act: (at: number) => T): T {
    const at = this.syncTo(now);
    const result = act(at);
    this.timeline.runUntil(at);
    return result;
  }
}
