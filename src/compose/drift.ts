/** Drift watching, built once: the store, the subscriptions, each watched endpoint's sources, the Slack reporter and the watcher. */
import { policyWatch } from "../guard/drift-access.js";
import { endpointOwners } from "../guard/matchers.js";
import type { Policy } from "../guard/policy.js";
import { systemClock } from "../kernel/clock.js";
import type { ObjectReader, SageMakerPort } from "../kernel/sagemaker-port.js";
import type { Logger } from "../logger.js";
import type { AlertContext } from "../slack/blocks/drift-alert.js";
import { SlackDriftReporter } from "../slack/notify/drift-reporter.js";
import type { SlackPoster } from "../slack/notify/poster.js";
import type { Db } from "../store/db.js";
import { SqlDriftStore } from "../store/drift.js";
import { ModelMonitorSource, PipelineCheckSource, ReportPrefixSource } from "../watch/drift-sources.js";
import type { DriftAlertRecord } from "../watch/drift-store.js";
import { DriftSubscriptions } from "../watch/drift-subscriptions.js";
import { type DriftSource, DriftWatcher } from "../watch/drift-watch.js";

export interface DriftInputs {
  db: Db;
  policy: Policy;
  sagemaker: SageMakerPort;
  objects: ObjectReader;
  poster: SlackPoster;
  groupsOf: (userId: string) => Promise<readonly string[]>;
  region: string;
  logger: Logger;
  intervalMs?: number;
}

export function buildDriftWatching(inputs: DriftInputs) {
  const { policy, sagemaker, objects } = inputs;
  const store = new SqlDriftStore(inputs.db);
  /** The environment the policy puts an endpoint in: its endpoints lists, else the watch list naming it. */
  const policyEnvironment = (endpoint: string): string | undefined => endpointOwners(policy, endpoint)[0] ?? policyWatch(policy, endpoint)?.environment;
  const subscriptions = new DriftSubscriptions({
    policy,
    store,
    groupsOf: inputs.groupsOf,
    environmentOf: async (endpoint) => {
      const fromPolicy = policyEnvironment(endpoint);
      if (fromPolicy) return fromPolicy;
      // Else the endpoint's own sageops:environment tag, when SageMaker knows the endpoint.
      try {
        const arn = (await sagemaker.describeEndpoint(endpoint)).EndpointArn;
        const tagged = arn ? (await sagemaker.listTags(arn)).find((tag) => tag.Key === "sageops:environment")?.Value : undefined;
        return tagged && policy.environments[tagged] ? tagged : undefined;
      } catch {
        return undefined;
      }
    },
    now: () => new Date(),
  });
  const contextOf = (alert: DriftAlertRecord): AlertContext => {
    const environment = policyEnvironment(alert.endpoint);
    const retrain = policyWatch(policy, alert.endpoint)?.watch.retrain;
    const muted = store.mutedUntil(alert.endpoint, alert.monitorType, alert.channel, new Date());
    return {
      region: (environment ? policy.environments[environment]?.region : undefined) ?? inputs.region,
      ...(environment ? { environment } : {}),
      ...(retrain ? { retrain: "recipe" in retrain ? retrain.recipe : retrain.pipeline } : {}),
      ...(muted ? { muted } : {}),
    };
  };
  const reporter = new SlackDriftReporter(inputs.poster, contextOf, (error, alert) => inputs.logger.warn({ err: error, endpoint: alert.endpoint }, "could not share a drift chart"));
  // Sources live as long as the process, so each keeps its schedules' baselines read once.
  const sources = new Map<string, DriftSource[]>();
  const sourcesOf = (endpoint: string): DriftSource[] => {
    let list = sources.get(endpoint);
    if (!list) {
      list = [new ModelMonitorSource(endpoint, sagemaker, objects)];
      const watch = policyWatch(policy, endpoint)?.watch;
      if (watch?.reportPrefix) list.push(new ReportPrefixSource(endpoint, watch.reportPrefix, "data-quality", objects));
      if (watch?.checkPipeline) list.push(new PipelineCheckSource(endpoint, watch.checkPipeline, sagemaker, objects));
      sources.set(endpoint, list);
    }
    return list;
  };
  const watcher = new DriftWatcher({
    store,
    sources: () => subscriptions.watchedEndpoints().flatMap(sourcesOf),
    channelsFor: (endpoint) => subscriptions.channelsFor(endpoint),
    reporter,
    clock: systemClock,
    intervalMs: inputs.intervalMs,
    onError: (error, about) => inputs.logger.warn({ err: error, source: about.source, stage: about.stage }, "drift watching hit an error"),
  });
  return { store, subscriptions, reporter, watcher };
}
