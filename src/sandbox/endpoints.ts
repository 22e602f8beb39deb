/**
 * Real-time endpoints: CreateEndpoint, UpdateEndpoint (with blue/green DeploymentConfig),
 * DescribeEndpoint, ListEndpoints, DeleteEndpoint. Each create or update is a deployment with a
 * start and an end; the endpoint's status is read off its deployments at the simulated now.
 * A failed update leaves the endpoint InService on its previous configuration, as a blue/green
 * deployment rolls back.
 */
import { z } from "zod";
import { MINUTE, type SandboxEnv, SECOND, sagemakerArn, wireTime } from "./env.js";
import { validationError } from "./errors.js";
import { eventDetail, type WatchedResource } from "./events.js";
import type { Models, ProductionVariant } from "./models.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { paginate, sortItems, within } from "./paging.js";
import { hexId } from "./random.js";
import { LIST_FILTERS, parseRequest, resourceName, sortOrder, tags, } from "./validate.js";

const CapacitySize = z.looseObject({ Type: z.enum(["INSTANCE_COUNT", "CAPACITY_PERCENT"]), Value: z.number().int().min(1) });

const DeploymentConfigSchema = z.looseObject({
  BlueGreenUpdatePolicy: z
    .looseObject({
      TrafficRoutingConfiguration: z.looseObject({
        Type: z.enum(["ALL_AT_ONCE", "CANARY", "LINEAR"]),
        WaitIntervalInSeconds: z.number().int().min(0).max(3600),
        CanarySize: CapacitySize.optional(),
        LinearStepSize: CapacitySize.optional(),
      }),
      TerminationWaitInSeconds: z.number().int().min(0).max(3600).optional(),
      MaximumExecutionTimeoutInSeconds: z.number().int().min(600).max(28800).optional(),
    })
    .optional(),
  RollingUpdatePolicy: z
    .looseObject({
      MaximumBatchSize: CapacitySize,
      WaitIntervalInSeconds: z.number().int().min(0).max(3600),
      MaximumExecutionTimeoutInSeconds: z.number().int().min(600).max(28800).optional(),
    })
    .optional(),
  AutoRollbackConfiguration: z.looseObject({ Alarms: z.array(z.looseObject({ AlarmName: z.string().min(1).max(255) })).min(1).max(10).optional() }).optional(),
});
type DeploymentConfig = z.output<typeof DeploymentConfigSchema>;

const CreateEndpointSchema = z.looseObject({ EndpointName: resourceName(), EndpointConfigName: resourceName(), DeploymentConfig: DeploymentConfigSchema.optional(), Tags: tags.optional() });
const UpdateEndpointSchema = z.looseObject({
  EndpointName: resourceName(),
  EndpointConfigName: resourceName(),
  RetainAllVariantProperties: z.boolean().optional(),
  DeploymentConfig: DeploymentConfigSchema.optional(),
  RetainDeploymentConfig: z.boolean().optional(),
});
const EndpointNameSchema = z.looseObject({ EndpointName: resourceName() });

const ENDPOINT_STATUSES = ["OutOfService", "Creating", "Updating", "SystemUpdating", "RollingBack", "InService", "Deleting", "Failed", "UpdateRollbackFailed"] as const;
type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];

const ListEndpointsSchema = z.looseObject({
  ...LIST_FILTERS,
  SortBy: z.enum(["Name", "CreationTime", "Status"]).optional(),
  SortOrder: sortOrder.optional(),
  StatusEquals: z.enum(ENDPOINT_STATUSES).optional(),
});

const CREATE_DURATION = 6 * MINUTE;
const UPDATE_BASE_DURATION = 5 * MINUTE;
const DELETE_DURATION = MINUTE;

interface Deployment {
  kind: "create" | "update";
  configName: string;
  variants: ProductionVariant[];
  startedAt: number;
  endsAt: number;
  failureReason?: string;
  deploymentConfig?: DeploymentConfig;
}

interface Endpoint {
  name: string;
  arn: string;
  createdAt: number;
  deployments: Deployment[];
  deletedAt?: number;
}

interface EndpointView {
  status: EndpointStatus;
  serving?: Deployment;
  pending?: Deployment;
  failureReason?: string;
  lastModified: number;
}

/** How long traffic shifting and baking take under a blue/green policy. */
function shiftingSeconds(config: DeploymentConfig | undefined, variants: ProductionVariant[]): number {
  const policy = config?.BlueGreenUpdatePolicy;
  if (!policy) return config?.RollingUpdatePolicy?.WaitIntervalInSeconds ?? 0;
  const routing = policy.TrafficRoutingConfiguration;
  const instances = variants.reduce((sum, v) => sum + (v.InitialInstanceCount ?? 1), 0);
  let bakes = 1;
  if (routing.Type === "CANARY") bakes = 2;
  if (routing.Type === "LINEAR" && routing.LinearStepSize) {
    const step = routing.LinearStepSize;
    bakes = step.Type === "CAPACITY_PERCENT" ? Math.ceil(100 / step.Value) : Math.ceil(instances / step.Value);
  }
  const total = bakes * routing.WaitIntervalInSeconds + (policy.TerminationWaitInSeconds ?? 0);
  return Math.min(total, policy.MaximumExecutionTimeoutInSeconds ?? Number.POSITIVE_INFINITY);
}

function checkDeploymentConfig(config: DeploymentConfig | undefined): void {
  const routing = config?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration;
  if (config?.BlueGreenUpdatePolicy && config.RollingUpdatePolicy) throw validationError("Only one of BlueGreenUpdatePolicy and RollingUpdatePolicy may be set in DeploymentConfig.");
  if (routing?.Type === "CANARY" && !routing.CanarySize) throw validationError("CanarySize is required when the traffic routing type is CANARY.");
  if (routing?.Type === "LINEAR" && !routing.LinearStepSize) throw validationError("LinearStepSize is required when the traffic routing type is LINEAR.");
  for (const size of [routing?.CanarySize, routing?.LinearStepSize]) {
    if (size?.Type === "CAPACITY_PERCENT" && size.Value > 100) throw validationError(`A CAPACITY_PERCENT size must be between 1 and 100, not ${size.Value}.`);
  }
}

export class Endpoints {
  private readonly endpoints = new NameMap<Endpoint>();

  constructor(
    private readonly env: SandboxEnv,
    private readonly models: Models,
  ) {}

  private arnOf(name: string): string {
    return sagemakerArn(this.env, "endpoint", name);
  }

  /** The endpoint if it exists at `now` (a deleted one lingers as Deleting for a minute). */
  find(name: string, now: number): Endpoint | undefined {
    const endpoint = this.endpoints.get(name);
    if (endpoint?.deletedAt !== undefined && now >= endpoint.deletedAt + DELETE_DURATION) {
      this.endpoints.delete(name);
      return undefined;
    }
    return endpoint;
  }

  private require(name: string, now: number): Endpoint {
    const endpoint = this.find(name, now);
    if (!endpoint) throw validationError(`Could not find endpoint "${this.arnOf(name)}".`);
    return endpoint;
  }

  /** Why the variants cannot serve: a model gone, or an image that does not exist. */
  private deploymentFailure(variants: ProductionVariant[]): string | undefined {
    for (const variant of variants) {
      const model = variant.ModelName === undefined ? undefined : this.models.findModel(variant.ModelName);
      if (!model) return `Could not find model "${sagemakerArn(this.env, "model", variant.ModelName ?? "")}" for production variant ${variant.VariantName}.`;
      const images = this.models.imagesOf(model);
      if (images.length === 0) return `The model package of model ${model.name} has no inference image for production variant ${variant.VariantName}.`;
      const missing = images.find((image) => /missing|does-not-exist/.test(image));
      if (missing) return `Failed to pull the image ${missing} for production variant ${variant.VariantName}: the image does not exist or the execution role cannot access it.`;
    }
    return undefined;
  }

  private deploy(kind: Deployment["kind"], configName: string, at: number, deploymentConfig: DeploymentConfig | undefined): Deployment {
    const config = this.models.requireConfig(configName);
    const variants = config.request.ProductionVariants;
    const failureReason = this.deploymentFailure(variants);
    const duration = kind === "create" ? CREATE_DURATION : UPDATE_BASE_DURATION + shiftingSeconds(deploymentConfig, variants) * SECOND;
    // A deployment that cannot work fails partway, once the instances try to pull the image.
    return { kind, configName, variants, startedAt: at, endsAt: at + (failureReason ? Math.round(duration / 2) : duration), failureReason, deploymentConfig };
  }

  view(endpoint: Endpoint, now: number): EndpointView {
    if (endpoint.deletedAt !== undefined) return { status: "Deleting", lastModified: endpoint.deletedAt };
    const done = endpoint.deployments.filter((d) => d.endsAt <= now);
    const serving = [...done].reverse().find((d) => d.failureReason === undefined);
    const last = endpoint.deployments[endpoint.deployments.length - 1];
    const lastModified = Math.max(endpoint.createdAt, ...endpoint.deployments.flatMap((d) => (d.endsAt <= now ? [d.startedAt, d.endsAt] : [d.startedAt])));
    // Until a deployment ends, EndpointConfigName stays on what serves; PendingDeploymentSummary shows what is coming.
    if (last && last.endsAt > now) return { status: last.kind === "create" ? "Creating" : "Updating", serving, pending: last, lastModified };
    if (last?.failureReason !== undefined) return { status: serving ? "InService" : "Failed", serving, failureReason: last.failureReason, lastModified };
    return { status: "InService", serving, lastModified };
  }

  statusOf(name: string, now: number): EndpointStatus | undefined {
    const endpoint = this.find(name, now);
    return endpoint ? this.view(endpoint, now).status : undefined;
  }

  private variantsOf(deployment: Deployment, settled: boolean): Record<string, unknown>[] {
    return deployment.variants.map((variant) => {
      const model = variant.ModelName === undefined ? undefined : this.models.findModel(variant.ModelName);
      const images = model ? this.models.imagesOf(model) : [];
      const count = variant.InitialInstanceCount ?? 1;
      return compact({
        VariantName: variant.VariantName,
        DeployedImages: settled ? images.map((image) => ({ SpecifiedImage: image, ResolvedImage: `${image.split(":")[0] ?? image}@sha256:${hexId(image, 64)}`, ResolutionTime: wireTime(deployment.startedAt) })) : undefined,
        CurrentWeight: settled ? (variant.InitialVariantWeight ?? 1) : undefined,
        DesiredWeight: variant.InitialVariantWeight ?? 1,
        CurrentInstanceCount: settled ? count : undefined,
        DesiredInstanceCount: count,
        CurrentServerlessConfig: variant.ServerlessConfig,
      });
    });
  }

  private describe(endpoint: Endpoint, now: number): Record<string, unknown> {
    const view = this.view(endpoint, now);
    const shown = view.serving ?? endpoint.deployments[endpoint.deployments.length - 1];
    const lastConfig = [...endpoint.deployments].reverse().find((d) => d.deploymentConfig !== undefined)?.deploymentConfig;
    const config = shown ? this.models.findConfig(shown.configName) : undefined;
    return compact({
      EndpointName: endpoint.name,
      EndpointArn: endpoint.arn,
      EndpointConfigName: shown?.configName,
      ProductionVariants: view.serving ? this.variantsOf(view.serving, true) : undefined,
      DataCaptureConfig: config?.request.DataCaptureConfig
        ? { EnableCapture: config.request.DataCaptureConfig.EnableCapture ?? true, CaptureStatus: "Started", CurrentSamplingPercentage: config.request.DataCaptureConfig.InitialSamplingPercentage, DestinationS3Uri: config.request.DataCaptureConfig.DestinationS3Uri }
        : undefined,
      EndpointStatus: view.status,
      FailureReason: view.failureReason,
      CreationTime: wireTime(endpoint.createdAt),
      LastModifiedTime: wireTime(view.lastModified),
      LastDeploymentConfig: lastConfig,
      PendingDeploymentSummary: view.pending
        ? { EndpointConfigName: view.pending.configName, ProductionVariants: this.variantsOf(view.pending, false).map((v) => ({ ...v, VariantStatus: [{ Status: "Creating", StartTime: wireTime(view.pending?.startedAt) }] })), StartTime: wireTime(view.pending.startedAt) }
        : undefined,
    });
  }

  create(request: z.output<typeof CreateEndpointSchema>, at: number): Endpoint {
    if (this.find(request.EndpointName, at)) throw validationError(`Cannot create already existing endpoint "${this.arnOf(request.EndpointName)}".`);
    checkDeploymentConfig(request.DeploymentConfig);
    const deployment = this.deploy("create", request.EndpointConfigName, at, request.DeploymentConfig);
    const endpoint: Endpoint = { name: request.EndpointName, arn: this.arnOf(request.EndpointName), createdAt: at, deployments: [deployment] };
    this.endpoints.set(endpoint.name, endpoint);
    this.env.events.checkAt(this.watched(endpoint), [at, deployment.endsAt]);
    return endpoint;
  }

  private watched(endpoint: Endpoint): WatchedResource {
    return {
      kind: "endpoint",
      arn: endpoint.arn,
      read: (at) => ({ status: this.view(endpoint, at).status, detail: eventDetail(this.describe(endpoint, at)) }),
    };
  }

  update(request: z.output<typeof UpdateEndpointSchema>, at: number): Endpoint {
    const endpoint = this.require(request.EndpointName, at);
    const status = this.view(endpoint, at).status;
    if (status === "Creating" || status === "Updating") throw validationError(`Cannot update in-progress endpoint "${endpoint.arn}".`);
    if (status !== "InService") throw validationError(`Cannot update endpoint "${endpoint.arn}" in status ${status}; only InService endpoints can be updated.`);
    checkDeploymentConfig(request.DeploymentConfig);
    const previous = [...endpoint.deployments].reverse().find((d) => d.deploymentConfig !== undefined)?.deploymentConfig;
    const deploymentConfig = request.DeploymentConfig ?? (request.RetainDeploymentConfig ? previous : undefined);
    const deployment = this.deploy("update", request.EndpointConfigName, at, deploymentConfig);
    endpoint.deployments.push(deployment);
    this.env.events.checkAt(this.watched(endpoint), [at, deployment.endsAt]);
    return endpoint;
  }

  operations(): Operations {
    return {
      CreateEndpoint: (input, now) => ({ EndpointArn: this.create(parseRequest(CreateEndpointSchema, input), now).arn }),
      UpdateEndpoint: (input, now) => ({ EndpointArn: this.update(parseRequest(UpdateEndpointSchema, input), now).arn }),
      DescribeEndpoint: (input, now) => this.describe(this.require(parseRequest(EndpointNameSchema, input).EndpointName, now), now),
      DeleteEndpoint: (input, now) => {
        const endpoint = this.require(parseRequest(EndpointNameSchema, input).EndpointName, now);
        if (endpoint.deletedAt === undefined) {
          endpoint.deletedAt = now;
          this.env.events.checkAt(this.watched(endpoint), [now]);
        }
        return {};
      },
      ListEndpoints: (input, now) => {
        const q = parseRequest(ListEndpointsSchema, input);
        const rows = [...this.endpoints.keys()]
          .flatMap((name) => {
            const endpoint = this.find(name, now);
            return endpoint ? [{ endpoint, view: this.view(endpoint, now) }] : [];
          })
          .filter(({ endpoint, view }) => (q.NameContains === undefined || endpoint.name.toLowerCase().includes(q.NameContains.toLowerCase())) && (q.StatusEquals === undefined || view.status === q.StatusEquals))
          .filter(({ endpoint, view }) => within(endpoint.createdAt, q.CreationTimeAfter, q.CreationTimeBefore) && within(view.lastModified, q.LastModifiedTimeAfter, q.LastModifiedTimeBefore));
        const sortBy = q.SortBy ?? "CreationTime";
        const sorted = sortItems(rows, ({ endpoint, view }) => (sortBy === "Name" ? endpoint.name : sortBy === "Status" ? view.status : endpoint.createdAt), q.SortOrder ?? "Descending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({
          Endpoints: page.map(({ endpoint, view }) => ({ EndpointName: endpoint.name, EndpointArn: endpoint.arn, CreationTime: wireTime(endpoint.createdAt), LastModifiedTime: wireTime(view.lastModified), EndpointStatus: view.status })),
          NextToken: next,
        });
      },
    };
  }
}
