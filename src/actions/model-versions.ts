/**
 * Finding model versions in the registry and what an endpoint serves now, through the port.
 * Every miss is a typed problem a person can act on.
 */
import { closestMatch } from "../guard/suggest.js";
import type { ModelVersionRef } from "../interpret/schema.js";
import type { Problem, Result } from "../kernel/result.js";
import { type EndpointDescription, type ModelPackageSummary, SageMakerError, type SageMakerPort } from "../kernel/sagemaker-port.js";

/** A model version as a request names it: its group, and a number, `latest` or `latest-approved`. */
export interface ModelRef {
  group: string;
  version: ModelVersionRef;
}

/** `churn-xgb/3`, `churn-xgb@latest-approved`, `churn-xgb/latest` or `churn-xgb` (latest approved). */
export function parseModelSpec(spec: string): Result<ModelRef> {
  const match = /^([a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})(?:\/(\d+|latest|latest-approved)|@(latest-approved|latest))?$/.exec(spec);
  if (!match?.[1]) return { ok: false, problem: { what: `\`${spec}\` is not a model version I can read.`, fix: "Write it as `group/version` (e.g. `churn-xgb/1`) or `group@latest-approved`." } };
  const tail = match[2] ?? match[3];
  const version: ModelVersionRef = tail === undefined || tail === "latest-approved" ? "latest-approved" : tail === "latest" ? "latest" : Number(tail);
  return { ok: true, value: { group: match[1], version } };
}

/** A model version as a person writes it: `churn-xgb/3`, `churn-xgb/latest`, `churn-xgb@latest-approved`. */
export function modelSpec(model: ModelRef): string {
  return model.version === "latest-approved" ? `${model.group}@latest-approved` : `${model.group}/${model.version}`;
}

export function describeVersion(pkg: ModelPackageSummary): string {
  return `${pkg.ModelPackageGroupName ?? "?"}/${pkg.ModelPackageVersion ?? "?"} (${pkg.ModelApprovalStatus ?? "unknown status"})`;
}

/** What SageMaker said when it refused a read, as a problem for the person (anything else is thrown on). */
export function awsProblem(error: unknown, doing: string): Problem {
  if (error instanceof SageMakerError) return { what: `SageMaker could not ${doing} (${error.code}): ${error.message}`, fix: error.code === "Throttling" ? "SageMaker is busy; try again in a minute." : undefined };
  throw error;
}

/** A group's versions, the highest number first. */
export function newestFirst(packages: readonly ModelPackageSummary[]): ModelPackageSummary[] {
  return [...packages].sort((a, b) => (b.ModelPackageVersion ?? 0) - (a.ModelPackageVersion ?? 0));
}

/** The model package a reference points at, or why there is none. */
export async function resolveModelVersion(port: SageMakerPort, group: string, version: ModelVersionRef): Promise<Result<ModelPackageSummary>> {
  let packages: ModelPackageSummary[];
  try {
    packages = await port.listModelPackages(group);
  } catch (error) {
    return { ok: false, problem: awsProblem(error, `list the versions of ${group}`) };
  }
  if (packages.length === 0) {
    let groups: string[] = [];
    try {
      groups = (await port.listModelPackageGroups()).map((g) => g.ModelPackageGroupName);
    } catch {
      groups = [];
    }
    const suggestion = closestMatch(group, groups);
    return {
      ok: false,
      problem: {
        what: `There is no model package group \`${group}\` with versions${suggestion ? `; did you mean \`${suggestion}\`?` : "."}`,
        fix: groups.length > 0 ? `Groups: ${groups.map((g) => `\`${g}\``).join(", ")}.` : "Register a model version in the SageMaker Model Registry first.",
      },
    };
  }
  const sorted = newestFirst(packages);
  const listing = sorted.map(describeVersion).join(", ");
  if (version === "latest") return { ok: true, value: sorted[0] as ModelPackageSummary };
  if (version === "latest-approved") {
    const approved = sorted.find((p) => p.ModelApprovalStatus === "Approved");
    return approved ? { ok: true, value: approved } : { ok: false, problem: { what: `${group} has no Approved version.`, fix: `Versions: ${listing}. Approve one in the Model Registry, or name a version.` } };
  }
  const exact = sorted.find((p) => p.ModelPackageVersion === version);
  return exact ? { ok: true, value: exact } : { ok: false, problem: { what: `${group} has no version ${version}.`, fix: `Versions: ${listing}.` } };
}

/** An endpoint's description, or undefined when it does not exist. */
export async function findEndpoint(port: SageMakerPort, name: string): Promise<Result<EndpointDescription | undefined>> {
  try {
    return { ok: true, value: await port.describeEndpoint(name) };
  } catch (error) {
    if (error instanceof SageMakerError && (error.code === "ResourceNotFound" || (error.code === "Validation" && /could not find|not found|does not exist/i.test(error.message)))) return { ok: true, value: undefined };
    return { ok: false, problem: awsProblem(error, `describe endpoint ${name}`) };
  }
}

interface ServedModel {
  configName: string;
  instanceType?: string;
  instanceCount?: number;
  /** The registry version behind it, when the model came from a package. */
  version?: ModelPackageSummary;
  modelName?: string;
}

/** What an endpoint serves now: its config, instances and the model version behind it. */
export async function servedModel(port: SageMakerPort, endpoint: EndpointDescription): Promise<ServedModel | undefined> {
  if (!endpoint.EndpointConfigName) return undefined;
  try {
    const config = await port.describeEndpointConfig(endpoint.EndpointConfigName);
    const variant = config.ProductionVariants[0];
    const served: ServedModel = { configName: config.EndpointConfigName, instanceType: variant?.InstanceType, instanceCount: variant?.InitialInstanceCount, modelName: variant?.ModelName };
    if (!variant?.ModelName) return served;
    const model = await port.describeModel(variant.ModelName);
    const packageName = model.Containers?.[0]?.ModelPackageName ?? model.PrimaryContainer?.ModelPackageName;
    if (packageName) served.version = await port.describeModelPackage(packageName);
    return served;
  } catch {
    // What is served is shown for information; not knowing it does not block a deploy.
    return { configName: endpoint.EndpointConfigName };
  }
}
