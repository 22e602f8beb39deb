/**
 * The Model Registry as a team reads it: groups, versions with who registered them, their
 * metrics (the evaluation report registered with the version, else the numbers in its metadata,
 * else the final metrics of the training job that produced it), which endpoints serve which
 * version, and two versions side by side. Read through the port; nothing here changes anything.
 */
import { z } from "zod";
import { ownValue } from "../kernel/lookup.js";
import { fail, ok, type Problem, type Result } from "../kernel/result.js";
import {
  type ModelApprovalStatus,
  type ModelPackageDescription,
  type ModelPackageGroupSummary,
  type ModelPackageSummary,
  type ObjectReader,
  SageMakerError,
  type SageMakerPort,
  type UserContext,
} from "../kernel/sagemaker-port.js";
import { awsProblem, findEndpoint, type ModelRef, newestFirst, resolveModelVersion, servedModel } from "./model-versions.js";

export interface VersionMetric {
  name: string;
  value: number;
}

/** Where a version's metrics were read from. */
export type MetricsSource = { kind: "report"; uri: string } | { kind: "metadata" } | { kind: "training-job"; name: string } | { kind: "none" };

export interface VersionFacts {
  group: string;
  version: number;
  arn: string;
  status: ModelApprovalStatus | "unknown";
  createdAt?: Date;
  createdBy?: string;
  description?: string;
  approvalDescription?: string;
  metrics: VersionMetric[];
  metricsFrom: MetricsSource;
  trainingJob?: string;
  /** Training data by channel, from the training job (else the version's metadata). */
  trainingData: Record<string, string>;
  hyperparameters: Record<string, string>;
  /** Endpoints serving this version now. */
  servedBy: string[];
  /** What could not be read, said rather than left out silently. */
  gaps: string[];
}

export interface GroupFacts {
  name: string;
  description?: string;
  versions: number;
  latest?: { version: number; status: ModelApprovalStatus | "unknown" };
  latestApproved?: number;
}

export interface VersionPage {
  group: string;
  description?: string;
  /** Newest first. */
  versions: VersionFacts[];
  total: number;
  page: number;
  pages: number;
}

export interface MetricDifference {
  name: string;
  a?: number;
  b?: number;
  /** b − a, when both have it. */
  difference?: number;
}

export interface VersionComparison {
  a: VersionFacts;
  b: VersionFacts;
  metrics: MetricDifference[];
  /** Hyperparameters whose values differ (absent on one side: undefined). */
  hyperparameters: { name: string; a?: string; b?: string }[];
  trainingData: { channel: string; a?: string; b?: string }[];
}

/** Versions shown per page: each is a section and a context line, well within Slack's 50 blocks. */
export const VERSIONS_PER_PAGE = 10;
/** Groups shown per page of `/sageops models`. */
export const GROUPS_PER_PAGE = 20;
/** Endpoints looked at to say which serves which version. */
const ENDPOINTS_LOOKED_AT = 50;
/** The largest evaluation report read. */
const REPORT_MAX_BYTES = 1_000_000;

/** SageMaker's model-quality statistics: metric families, each metric with a value (confusion matrices and curves have none). */
const MetricsReport = z.record(z.string(), z.unknown());
const MetricEntry = z.looseObject({ value: z.number() });

/** Metric names a number in the version's metadata is read as (SageMaker keeps metadata as text). */
const METRIC_NAMES = /^(metric[:._-].+|.*(auc|accuracy|f1|precision|recall|rmse|mse|mae|mape|r2|logloss|log_loss|error|loss|ndcg|map))$/i;

/** SageMaker's refusal of a listing: a busy SageMaker says so, anything else is worth a second try. */
function listingProblem(error: unknown, doing: string): Problem {
  const problem = awsProblem(error, doing);
  return { ...problem, fix: problem.fix ?? "Try again in a moment." };
}

/** "alice", or the caller's role session from its ARN. */
function describeUser(user: UserContext | undefined): string | undefined {
  if (user?.UserProfileName) return user.UserProfileName;
  const arn = user?.IamIdentity?.Arn;
  if (!arn) return undefined;
  const match = /:(?:assumed-role|user|role)\/(.+)$/.exec(arn);
  return match?.[1] ?? arn;
}

/** The training job behind a version: its GeneratedBy ARN, else the job folder of its artefacts. */
export function trainingJobOf(pkg: ModelPackageDescription): string | undefined {
  const generated = pkg.MetadataProperties?.GeneratedBy;
  const fromArn = generated ? /:training-job\/([A-Za-z0-9-]+)$/.exec(generated)?.[1] : undefined;
  if (fromArn) return fromArn;
  return pkg.ModelDataUrl ? /\/([A-Za-z0-9](?:-*[A-Za-z0-9]){0,62})\/output\/model\.tar\.gz$/.exec(pkg.ModelDataUrl)?.[1] : undefined;
}

/** The metrics of a SageMaker model-quality report, family by family ("auc", "accuracy", ...). */
export function metricsFromReport(text: string): VersionMetric[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const report = MetricsReport.safeParse(json);
  if (!report.success) return undefined;
  const metrics: VersionMetric[] = [];
  for (const family of Object.values(report.data)) {
    const entries = MetricsReport.safeParse(family);
    if (!entries.success) continue;
    for (const [name, entry] of Object.entries(entries.data)) {
      const metric = MetricEntry.safeParse(entry);
      if (metric.success && Number.isFinite(metric.data.value)) metrics.push({ name, value: metric.data.value });
    }
  }
  return metrics.length > 0 ? metrics : undefined;
}

function metricsFromMetadata(metadata: Record<string, string> | undefined): VersionMetric[] {
  return Object.entries(metadata ?? {}).flatMap(([key, text]) => {
    const value = Number(text);
    return METRIC_NAMES.test(key) && text.trim() !== "" && Number.isFinite(value) ? [{ name: key.replace(/^metric[:._-]/i, ""), value }] : [];
  });
}

export class ModelRegistryView {
  constructor(private readonly deps: { port: SageMakerPort; objects: ObjectReader }) {}

  /** Every group with its version count and newest and approved versions. */
  async groups(page = 1): Promise<Result<{ groups: GroupFacts[]; total: number; page: number; pages: number }>> {
    let all: ModelPackageGroupSummary[];
    try {
      all = await this.deps.port.listModelPackageGroups();
    } catch (error) {
      return fail(listingProblem(error, "list the model package groups"));
    }
    const pages = Math.max(1, Math.ceil(all.length / GROUPS_PER_PAGE));
    const shown = all.slice((Math.min(page, pages) - 1) * GROUPS_PER_PAGE, Math.min(page, pages) * GROUPS_PER_PAGE);
    const groups: GroupFacts[] = [];
    for (const group of shown) {
      try {
        const versions = newestFirst(await this.deps.port.listModelPackages(group.ModelPackageGroupName));
        const latest = versions[0];
        groups.push({
          name: group.ModelPackageGroupName,
          description: group.ModelPackageGroupDescription,
          versions: versions.length,
          latest: latest ? { version: latest.ModelPackageVersion ?? 0, status: latest.ModelApprovalStatus ?? "unknown" } : undefined,
          latestApproved: versions.find((v) => v.ModelApprovalStatus === "Approved")?.ModelPackageVersion,
        });
      } catch (error) {
        return fail(listingProblem(error, `list the versions of ${group.ModelPackageGroupName}`));
      }
    }
    return ok({ groups, total: all.length, page: Math.min(page, pages), pages });
  }

  /** One page of a group's versions, newest first, each with its facts. */
  async versions(group: string, page = 1): Promise<Result<VersionPage>> {
    const listed = await this.listVersions(group);
    if (!listed.ok) return listed;
    const all = listed.value;
    const pages = Math.max(1, Math.ceil(all.length / VERSIONS_PER_PAGE));
    const at = Math.min(Math.max(1, page), pages);
    const served = await this.servedVersions();
    const versions: VersionFacts[] = [];
    for (const summary of all.slice((at - 1) * VERSIONS_PER_PAGE, at * VERSIONS_PER_PAGE)) versions.push(await this.facts(summary, served));
    const description = (await this.groupDescription(group)) ?? undefined;
    return ok({ group, description, versions, total: all.length, page: at, pages });
  }

  /** One version's facts, as a reference names it. */
  async version(ref: ModelRef): Promise<Result<VersionFacts>> {
    const resolved = await resolveModelVersion(this.deps.port, ref.group, ref.version);
    if (!resolved.ok) return resolved;
    return ok(await this.facts(resolved.value, await this.servedVersions()));
  }

  /** Two versions side by side: metrics with the difference, and the hyperparameters and data that differ. */
  async compare(a: ModelRef, b: ModelRef): Promise<Result<VersionComparison>> {
    const first = await resolveModelVersion(this.deps.port, a.group, a.version);
    if (!first.ok) return first;
    const second = await resolveModelVersion(this.deps.port, b.group, b.version);
    if (!second.ok) return second;
    if (first.value.ModelPackageArn === second.value.ModelPackageArn) return fail({ what: "Those are the same version.", fix: "Name two different versions, e.g. `/sageops compare churn-xgb/1 churn-xgb/2`." });
    const served = await this.servedVersions();
    const left = await this.facts(first.value, served);
    const right = await this.facts(second.value, served);
    return ok(compareFacts(left, right));
  }

  /** The registered version an endpoint serves now; undefined when it serves none from the registry. */
  async servedOn(endpoint: string): Promise<Result<VersionFacts | undefined>> {
    const found = await findEndpoint(this.deps.port, endpoint);
    if (!found.ok) return found;
    if (!found.value) return fail({ what: `There is no endpoint \`${endpoint}\`.`, fix: "`/sageops status` lists the endpoints sageops follows." });
    const version = (await servedModel(this.deps.port, found.value))?.version;
    if (!version) return ok(undefined);
    return ok(await this.facts(version, await this.servedVersions()));
  }

  /** Which endpoints serve which version (by its ARN); empty when SageMaker cannot say. */
  async servedVersions(): Promise<Map<string, string[]>> {
    const served = new Map<string, string[]>();
    let endpoints: { EndpointName: string }[];
    try {
      endpoints = (await this.deps.port.listEndpoints({})).slice(0, ENDPOINTS_LOOKED_AT);
    } catch {
      return served;
    }
    for (const { EndpointName } of endpoints) {
      try {
        const arn = (await servedModel(this.deps.port, await this.deps.port.describeEndpoint(EndpointName)))?.version?.ModelPackageArn;
        if (arn) served.set(arn, [...(served.get(arn) ?? []), EndpointName]);
      } catch {
        // An endpoint being deleted as we look is simply not serving anything.
      }
    }
    return served;
  }

  /** The group's versions, newest first; for a group with none, why (resolveModelVersion names the groups there are). */
  private async listVersions(group: string): Promise<Result<ModelPackageSummary[]>> {
    let packages: ModelPackageSummary[];
    try {
      packages = await this.deps.port.listModelPackages(group);
    } catch (error) {
      return fail(awsProblem(error, `list the versions of ${group}`));
    }
    if (packages.length > 0) return ok(newestFirst(packages));
    const resolved = await resolveModelVersion(this.deps.port, group, "latest");
    return resolved.ok ? ok([resolved.value]) : resolved;
  }

  private async groupDescription(group: string): Promise<string | undefined> {
    try {
      return (await this.deps.port.listModelPackageGroups()).find((g) => g.ModelPackageGroupName === group)?.ModelPackageGroupDescription;
    } catch {
      return undefined;
    }
  }

  private async facts(summary: ModelPackageSummary, served: Map<string, string[]>): Promise<VersionFacts> {
    const gaps: string[] = [];
    let pkg: ModelPackageDescription = summary;
    try {
      pkg = await this.deps.port.describeModelPackage(summary.ModelPackageArn);
    } catch (error) {
      if (!(error instanceof SageMakerError)) throw error;
      gaps.push(`SageMaker did not describe this version (${error.code}).`);
    }
    const trainingJob = trainingJobOf(pkg);
    const job = trainingJob ? await this.trainingJob(trainingJob, gaps) : undefined;
    const reportUri = pkg.ModelMetrics?.ModelQuality?.Statistics?.S3Uri;
    let metrics: VersionMetric[] = [];
    let metricsFrom: MetricsSource = { kind: "none" };
    if (reportUri) {
      const read = await this.report(reportUri, gaps);
      if (read) {
        metrics = read;
        metricsFrom = { kind: "report", uri: reportUri };
      }
    }
    if (metrics.length === 0) {
      metrics = metricsFromMetadata(pkg.CustomerMetadataProperties);
      if (metrics.length > 0) metricsFrom = { kind: "metadata" };
    }
    if (metrics.length === 0 && job && trainingJob) {
      metrics = (job.FinalMetricDataList ?? []).flatMap((m) => (m.MetricName !== undefined && m.Value !== undefined && Number.isFinite(m.Value) ? [{ name: m.MetricName, value: m.Value }] : []));
      if (metrics.length > 0) metricsFrom = { kind: "training-job", name: trainingJob };
    }
    const trainingData: Record<string, string> = Object.create(null);
    for (const channel of job?.InputDataConfig ?? []) {
      const uri = channel.DataSource?.S3DataSource?.S3Uri;
      if (channel.ChannelName && uri) trainingData[channel.ChannelName] = uri;
    }
    const metadataData = pkg.CustomerMetadataProperties?.["training-data"];
    if (Object.keys(trainingData).length === 0 && metadataData) trainingData["training-data"] = metadataData;
    return {
      group: pkg.ModelPackageGroupName ?? summary.ModelPackageGroupName ?? "?",
      version: pkg.ModelPackageVersion ?? 0,
      arn: pkg.ModelPackageArn,
      status: pkg.ModelApprovalStatus ?? "unknown",
      createdAt: pkg.CreationTime,
      createdBy: describeUser(pkg.CreatedBy),
      description: pkg.ModelPackageDescription,
      approvalDescription: pkg.ApprovalDescription,
      metrics,
      metricsFrom,
      trainingJob,
      trainingData,
      hyperparameters: job?.HyperParameters ?? {},
      servedBy: served.get(pkg.ModelPackageArn) ?? [],
      gaps,
    };
  }

  private async trainingJob(name: string, gaps: string[]) {
    try {
      return await this.deps.port.describeTrainingJob(name);
    } catch (error) {
      if (!(error instanceof SageMakerError)) throw error;
      gaps.push(`Its training job \`${name}\` could not be read (${error.code}).`);
      return undefined;
    }
  }

  private async report(uri: string, gaps: string[]): Promise<VersionMetric[] | undefined> {
    try {
      const read = await this.deps.objects.readText(uri, REPORT_MAX_BYTES);
      if (read.kind === "text") {
        const metrics = metricsFromReport(read.text);
        if (!metrics) gaps.push(`Its evaluation report ${uri} holds no metrics in SageMaker's format.`);
        return metrics;
      }
      gaps.push(read.kind === "missing" ? `Its evaluation report ${uri} is missing.` : `Its evaluation report ${uri} is too large to read (${read.bytes} bytes).`);
    } catch {
      gaps.push(`Its evaluation report ${uri} could not be read from S3.`);
    }
    return undefined;
  }
}

/** Two versions' facts side by side. */
export function compareFacts(a: VersionFacts, b: VersionFacts): VersionComparison {
  const names = [...new Set([...a.metrics.map((m) => m.name), ...b.metrics.map((m) => m.name)])];
  const metrics = names.map((name) => {
    const left = a.metrics.find((m) => m.name === name)?.value;
    const right = b.metrics.find((m) => m.name === name)?.value;
    return { name, a: left, b: right, difference: left !== undefined && right !== undefined ? right - left : undefined };
  });
  const differing = (x: Record<string, string>, y: Record<string, string>) =>
    [...new Set([...Object.keys(x), ...Object.keys(y)])].sort().flatMap((key) => {
      const left = ownValue(x, key);
      const right = ownValue(y, key);
      return left === right ? [] : [{ key, a: left, b: right }];
    });
  return {
    a,
    b,
    metrics,
    hyperparameters: differing(a.hyperparameters, b.hyperparameters).map(({ key, ...rest }) => ({ name: key, ...rest })),
    trainingData: differing(a.trainingData, b.trainingData).map(({ key, ...rest }) => ({ channel: key, ...rest })),
  };
}
