/**
 * Where the interpreter's inventory of names comes from (src/interpret/inventory.ts): the policy
 * (recipes, environments' endpoints, the pipelines drift retraining starts), the store (every
 * resource the bot has tracked, read again every few seconds) and SageMaker (pipelines, endpoints,
 * model package groups, read again every few minutes).
 */
import type { Policy } from "../guard/policy-schema.js";
import { CachedInventory, type InventoryEntry, type InventorySource, type KnownKind } from "../interpret/inventory.js";
import type { SageMakerPort } from "../kernel/sagemaker-port.js";
import type { Logger } from "../logger.js";
import type { SqlTrackedStore } from "../store/tracked.js";

const STORE_MAX_AGE_MS = 5_000;
const SAGEMAKER_MAX_AGE_MS = 5 * 60_000;
/** Names of tracked resources read from the store, newest first. */
const TRACKED_NAMES = 500;

function policyEntries(policy: Policy): InventoryEntry[] {
  const entries: InventoryEntry[] = Object.keys(policy.recipes).map((name) => ({ name, kind: "recipe" }));
  for (const environment of Object.values(policy.environments)) {
    for (const endpoint of environment.endpoints) entries.push({ name: endpoint, kind: "endpoint" });
    for (const watch of environment.drift.watch) {
      entries.push({ name: watch.endpoint, kind: "endpoint" });
      if (watch.retrain && "pipeline" in watch.retrain) entries.push({ name: watch.retrain.pipeline, kind: "pipeline" });
      if (watch.checkPipeline) entries.push({ name: watch.checkPipeline, kind: "pipeline" });
    }
  }
  return entries;
}

/**
 * The policy's names alone, for reading text away from a running bot (`sageops interpret`, `sageops
 * eval`): offline, and the same names the bot starts with.
 */
export function policyInventory(policy: Policy): CachedInventory {
  // The policy is already in memory: its source cannot fail.
  return new CachedInventory([policySource(policy)], Date.now, () => {});
}

function policySource(policy: Policy): InventorySource {
  return { name: "policy", maxAgeMs: Number.POSITIVE_INFINITY, read: () => policyEntries(policy) };
}

export function buildInventory(deps: { policy: Policy; store: Pick<SqlTrackedStore, "recentNames">; sagemaker: SageMakerPort; logger: Logger; now?: () => number }): CachedInventory {
  const { policy, store, sagemaker, logger } = deps;
  const named = (kind: KnownKind) => (name: string): InventoryEntry => ({ name, kind });
  return new CachedInventory(
    [
      policySource(policy),
      { name: "store", maxAgeMs: STORE_MAX_AGE_MS, read: () => store.recentNames(TRACKED_NAMES).map(({ type, name }) => ({ name, kind: type })) },
      { name: "SageMaker pipelines", maxAgeMs: SAGEMAKER_MAX_AGE_MS, read: async () => (await sagemaker.listPipelines()).map(({ name }) => named("pipeline")(name)) },
      { name: "SageMaker endpoints", maxAgeMs: SAGEMAKER_MAX_AGE_MS, read: async () => (await sagemaker.listEndpoints({})).map(({ EndpointName }) => named("endpoint")(EndpointName)) },
      {
        name: "SageMaker model package groups",
        maxAgeMs: SAGEMAKER_MAX_AGE_MS,
        read: async () => (await sagemaker.listModelPackageGroups()).map(({ ModelPackageGroupName }) => named("model-group")(ModelPackageGroupName)),
      },
    ],
    deps.now ?? Date.now,
    (error, source) => logger.warn({ err: error, source }, "could not read names for the interpreter; using the last ones read"),
  );
}
