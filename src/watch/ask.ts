/**
 * "What is the status of X?", answered from SageMaker itself rather than from memory: a name
 * is looked up as each kind of resource at once, and tracked records add who asked for it and
 * where it reports. With no name, the asker's and the channel's running resources, refreshed.
 */

import { editDistance } from "../interpret/fuzzy.js";
import type { Clock } from "../kernel/clock.js";
import { pipelineNameFromArn, type TrackedResource } from "../kernel/resources.js";
import type { Problem } from "../kernel/result.js";
import { SageMakerError } from "../kernel/sagemaker-port.js";
import { describeResource, type WatchPort } from "./describe.js";
import { isBackoff, isNotFound } from "./errors.js";
import type { ResourceType } from "./status.js";
import type { TrackedRecord, TrackedStore } from "./tracked-store.js";
import { type ResourceView, viewOf } from "./view.js";

export type StatusAnswer =
  /** One or more resources go by this name (a training job and an endpoint may share one). */
  | { kind: "found"; query: string; views: ResourceView[] }
  /** The name is a pipeline: its executions that sageops knows of, newest first. */
  | { kind: "pipeline"; query: string; pipelineName: string; region: string; views: ResourceView[] }
  /** No name given: what the asker and the channel have running. */
  | { kind: "active"; requester: string; channel?: string; views: ResourceView[] }
  | { kind: "not-found"; query: string; suggestions: string[]; problem: Problem }
  /** SageMaker could not be asked (throttled, access denied...). */
  | { kind: "unavailable"; query?: string; problem: Problem };

export interface StatusQueryDeps {
  port: WatchPort;
  store: Pick<TrackedStore, "findByName" | "activeFor" | "recentFor" | "recentNames" | "recentOfType">;
  region: string;
  clock: Clock;
  /** Most resources refreshed from SageMaker for one "what is running" answer (default 10). */
  maxRefresh?: number;
}

/** Probed when a name is not tracked, in the order shown when several match. */
const PROBED: readonly Exclude<ResourceType, "pipeline-execution">[] = ["training-job", "tuning-job", "endpoint", "transform-job"];

/** `arn:aws:sagemaker:<region>:<account>:<kind>/<name>` kinds, for names given as ARNs. */
const ARN_KINDS: Record<string, ResourceType> = {
  "training-job": "training-job",
  "hyper-parameter-tuning-job": "tuning-job",
  endpoint: "endpoint",
  "transform-job": "transform-job",
};

export class StatusQuery {
  constructor(private readonly deps: StatusQueryDeps) {}

  async ask(request: { name?: string; requester: string; channel?: string }): Promise<StatusAnswer> {
    const name = request.name?.trim().replace(/^`|`$/g, "");
    if (!name) return this.active(request.requester, request.channel);
    try {
      return await this.lookUp(name);
    } catch (error) {
      return { kind: "unavailable", query: name, problem: unavailableProblem(error) };
    }
  }

  /** The App Home's list: a person's running and recent resources, as last seen by the tracker. */
  home(requester: string, limit = 20): ResourceView[] {
    return this.deps.store.recentFor(requester, limit).map(viewOf);
  }

  private async active(requester: string, channel: string | undefined): Promise<StatusAnswer> {
    const records = this.deps.store.activeFor({ requester, channel });
    const limit = this.deps.maxRefresh ?? 10;
    const views = await Promise.all(records.map((record, index) => (index < limit ? this.refresh(record) : viewOf(record))));
    return { kind: "active", requester, channel, views };
  }

  private async lookUp(name: string): Promise<StatusAnswer> {
    const asArn = resourceFromArn(name);
    if (asArn) {
      const view = await this.describeOrUndefined(asArn);
      if (view) return { kind: "found", query: name, views: [this.withTracking(view)] };
      return this.notFound(name);
    }

    const tracked = this.deps.store.findByName(name);
    if (tracked.length > 0) return { kind: "found", query: name, views: await Promise.all(tracked.map((record) => this.refresh(record))) };

    const [probes, pipelines] = await Promise.all([
      Promise.allSettled(PROBED.map((type) => this.describeOrUndefined({ type, name }))),
      this.deps.port.listPipelines().then(
        (list) => ({ ok: true as const, list }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    ]);
    const views = probes.flatMap((probe) => (probe.status === "fulfilled" && probe.value ? [this.withTracking(probe.value)] : []));
    if (views.length > 0) return { kind: "found", query: name, views };
    if (pipelines.ok && pipelines.list.some((p) => p.name === name)) return this.pipeline(name);

    // Nothing matched: if SageMaker failed to answer, say so rather than "not found".
    const failure = [...probes.flatMap((p) => (p.status === "rejected" ? [p.reason as unknown] : [])), ...(pipelines.ok ? [] : [pipelines.error])].find((error) => !isNotFound(error));
    if (failure !== undefined) throw failure;
    return this.notFound(name);
  }

  private async pipeline(pipelineName: string): Promise<StatusAnswer> {
    const executions = this.deps.store
      .recentOfType("pipeline-execution", 200)
      .filter((record) => pipelineNameFromArn(record.resource.arn ?? record.resource.name) === pipelineName)
      .slice(0, 3);
    return { kind: "pipeline", query: pipelineName, pipelineName, region: this.deps.region, views: await Promise.all(executions.map((record) => this.refresh(record))) };
  }

  private async notFound(name: string): Promise<StatusAnswer> {
    const suggestions = await this.suggest(name);
    const kinds = "training job, tuning job, endpoint, batch transform job or pipeline";
    return {
      kind: "not-found",
      query: name,
      suggestions,
      problem: {
        what: `I found no ${kinds} named \`${name}\` in ${this.deps.region}.`,
        fix: suggestions.length > 0 ? `Did you mean ${suggestions.map((s) => `\`${s}\``).join(", ")}?` : "Check the name; `/sageops status` with no name lists what you have running.",
      },
    };
  }

  /** Close names among tracked resources, then SageMaker's own training jobs and endpoints containing the name. */
  private async suggest(name: string): Promise<string[]> {
    const lower = name.toLowerCase();
    const limit = Math.max(2, Math.floor(name.length / 3));
    const close = this.deps.store
      .recentNames(200)
      .map((entry) => ({ name: entry.name, distance: entry.name.toLowerCase().includes(lower) ? 0 : editDistance(lower, entry.name.toLowerCase(), limit) }))
      .filter((entry) => entry.distance <= limit)
      .sort((a, b) => a.distance - b.distance)
      .map((entry) => entry.name);
    const fromSageMaker = await Promise.all([
      this.deps.port.listTrainingJobs({ nameContains: name, maxResults: 5 }).then((jobs) => jobs.map((j) => j.TrainingJobName), () => []),
      this.deps.port.listEndpoints({ nameContains: name }).then((endpoints) => endpoints.map((e) => e.EndpointName), () => []),
    ]);
    return [...new Set([...close, ...fromSageMaker.flat()])].filter((candidate) => candidate !== name).slice(0, 5);
  }

  /** A tracked record with a fresh status from SageMaker (the stored one if SageMaker cannot say). */
  private async refresh(record: TrackedRecord): Promise<ResourceView> {
    const view = viewOf(record);
    try {
      return { ...view, status: await describeResource(this.deps.port, record.resource, record.status, new Date(this.deps.clock.now())) };
    } catch {
      return view;
    }
  }

  private async describeOrUndefined(resource: TrackedResource): Promise<ResourceView | undefined> {
    try {
      const status = await describeResource(this.deps.port, resource, undefined, new Date(this.deps.clock.now()));
      return { resource: { ...resource, arn: resource.arn ?? status.arn }, region: this.deps.region, status };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Adds who asked for it, when sageops tracks a resource found by probing. */
  private withTracking(view: ResourceView): ResourceView {
    const record = this.deps.store.findByName(view.resource.name).find((r) => r.resource.type === view.resource.type);
    return record ? { ...viewOf(record), status: view.status } : view;
  }
}

function resourceFromArn(text: string): TrackedResource | undefined {
  if (!text.startsWith("arn:")) return undefined;
  if (pipelineNameFromArn(text)) return { type: "pipeline-execution", name: text, arn: text };
  const match = /^arn:[^:]+:sagemaker:[^:]*:[^:]*:([a-z-]+)\/(.+)$/.exec(text);
  const type = match?.[1] ? ARN_KINDS[match[1]] : undefined;
  return type && match?.[2] ? { type, name: match[2], arn: text } : undefined;
}

function unavailableProblem(error: unknown): Problem {
  if (isBackoff(error)) return { what: "SageMaker is busy and asked me to slow down.", fix: "Ask again in a minute." };
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SageMakerError && error.code === "AccessDenied") return { what: "I am not allowed to read this from SageMaker.", fix: `The bot's IAM role needs the sagemaker:Describe* and List* permissions. (${message})` };
  return { what: `I could not ask SageMaker: ${message}` };
}
