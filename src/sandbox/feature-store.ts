/**
 * SageMaker Feature Store's control plane: CreateFeatureGroup, DescribeFeatureGroup,
 * ListFeatureGroups, DeleteFeatureGroup, and the features' own metadata (DescribeFeatureMetadata,
 * UpdateFeatureMetadata: a description and key-value parameters per feature, which
 * FeatureDefinitions have no room for). A group is `Creating` for a minute (an InMemory online
 * store for twelve), then `Created`; a deleted one is `Deleting` for half a minute, then gone.
 * Records (PutRecord, GetRecord) are not simulated. Each status a group goes through sends
 * SageMaker's "Feature Group State Change" event.
 */
import { z } from "zod";
import { joinS3, MINUTE, type SandboxEnv, SECOND, sagemakerArn, wireTime } from "./env.js";
import { inUseError, notFoundError, validationError } from "./errors.js";
import { eventDetail, type WatchedResource } from "./events.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { paginate, sortItems, within } from "./paging.js";
import { maxResults, nameFromArn, nextToken, parseRequest, roleArn, s3Uri, sortOrder, tags, timestamp } from "./validate.js";

const groupName = z.string().min(1).max(64).regex(/^[a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63}$/);
const groupNameOrArn = z
  .string()
  .min(1)
  .max(256)
  .regex(/^(arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:feature-group\/)?([a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63})$/);
const featureName = z.string().min(1).max(64).regex(/^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/);
const FEATURE_TYPES = z.enum(["Integral", "Fractional", "String"]);
/** Names Feature Store keeps for the columns it adds to the offline store. */
const RESERVED_FEATURE_NAMES = ["is_deleted", "write_time", "api_invocation_time"];
const kmsKeyId = z.string().max(2048).regex(/^[a-zA-Z0-9:/_-]*$/);

const FeatureDefinitionSchema = z.looseObject({
  FeatureName: featureName,
  FeatureType: FEATURE_TYPES,
  CollectionType: z.enum(["List", "Set", "Vector"]).optional(),
  CollectionConfig: z.looseObject({ VectorConfig: z.looseObject({ Dimension: z.number().int().min(1).max(8192) }) }).optional(),
});
type FeatureDefinition = z.output<typeof FeatureDefinitionSchema>;

const OnlineStoreConfigSchema = z.looseObject({
  SecurityConfig: z.looseObject({ KmsKeyId: kmsKeyId.optional() }).optional(),
  EnableOnlineStore: z.boolean().optional(),
  TtlDuration: z.looseObject({ Unit: z.enum(["Seconds", "Minutes", "Hours", "Days", "Weeks"]).optional(), Value: z.number().int().min(1).optional() }).optional(),
  StorageType: z.enum(["Standard", "InMemory", "Standard_V2"]).optional(),
});

const catalogPart = z.string().min(1).max(255);
const OfflineStoreConfigSchema = z.looseObject({
  S3StorageConfig: z.looseObject({ S3Uri: s3Uri, KmsKeyId: kmsKeyId.optional() }),
  DisableGlueTableCreation: z.boolean().optional(),
  DataCatalogConfig: z.looseObject({ TableName: catalogPart, Catalog: catalogPart, Database: catalogPart }).optional(),
  TableFormat: z.enum(["Default", "Glue", "Iceberg"]).optional(),
});

const capacity = z.number().int().min(0).max(10_000_000);
const CreateSchema = z.looseObject({
  FeatureGroupName: groupName,
  RecordIdentifierFeatureName: featureName,
  EventTimeFeatureName: featureName,
  FeatureDefinitions: z.array(FeatureDefinitionSchema).min(1).max(2500),
  OnlineStoreConfig: OnlineStoreConfigSchema.optional(),
  OfflineStoreConfig: OfflineStoreConfigSchema.optional(),
  ThroughputConfig: z.looseObject({ ThroughputMode: z.enum(["OnDemand", "Provisioned"]), ProvisionedReadCapacityUnits: capacity.optional(), ProvisionedWriteCapacityUnits: capacity.optional() }).optional(),
  RoleArn: roleArn.optional(),
  Description: z.string().max(128).optional(),
  Tags: tags.optional(),
});
type CreateInput = z.output<typeof CreateSchema>;

const DescribeSchema = z.looseObject({ FeatureGroupName: groupNameOrArn, NextToken: nextToken.optional() });
const DeleteSchema = z.looseObject({ FeatureGroupName: groupName });

const GROUP_STATUSES = ["Creating", "Created", "CreateFailed", "Deleting", "DeleteFailed"] as const;
type GroupStatus = (typeof GROUP_STATUSES)[number];
const OFFLINE_STATUSES = ["Active", "Blocked", "Disabled"] as const;

const ListSchema = z.looseObject({
  NameContains: z.string().min(1).max(64).optional(),
  FeatureGroupStatusEquals: z.enum(GROUP_STATUSES).optional(),
  OfflineStoreStatusEquals: z.enum(OFFLINE_STATUSES).optional(),
  CreationTimeAfter: timestamp.optional(),
  CreationTimeBefore: timestamp.optional(),
  SortOrder: sortOrder.optional(),
  SortBy: z.enum(["Name", "FeatureGroupStatus", "OfflineStoreStatus", "CreationTime"]).optional(),
  MaxResults: maxResults.optional(),
  NextToken: nextToken.optional(),
});

const parameterText = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+-]*$/u);
const FeatureParameterSchema = z.looseObject({ Key: parameterText, Value: parameterText });
const FeatureMetadataSchema = z.looseObject({ FeatureGroupName: groupNameOrArn, FeatureName: featureName });
const UpdateMetadataSchema = FeatureMetadataSchema.extend({
  Description: z.string().max(255).optional(),
  ParameterAdditions: z.array(FeatureParameterSchema).max(25).optional(),
  ParameterRemovals: z.array(parameterText).max(25).optional(),
});
const MAX_PARAMETERS = 25;

const CREATING = MINUTE;
/** AWS says an InMemory online store takes about 10 to 15 minutes to provision. */
const CREATING_IN_MEMORY = 12 * MINUTE;
const DELETING = 30 * SECOND;

interface FeatureMetadata {
  description?: string;
  parameters: Map<string, string>;
  lastModified: number;
}

interface FeatureGroup {
  name: string;
  arn: string;
  request: CreateInput;
  createdAt: number;
  readyAt: number;
  deleteRequestedAt?: number;
  metadata: NameMap<FeatureMetadata>;
}

function onlineStoreEnabled(request: CreateInput): boolean {
  return request.OnlineStoreConfig?.EnableOnlineStore === true;
}

/** SageMaker's checks of a group's definition beyond each field's shape. */
function checkDefinition(request: CreateInput): void {
  const online = onlineStoreEnabled(request);
  if (!online && request.OfflineStoreConfig === undefined)
    throw validationError("You must include at least one of OnlineStoreConfig (with EnableOnlineStore true) and OfflineStoreConfig to create a FeatureGroup.");
  if (request.OfflineStoreConfig !== undefined && request.RoleArn === undefined) throw validationError("RoleArn is required when OfflineStoreConfig is specified: Feature Store writes the offline store with that role.");
  const byName = new Map<string, FeatureDefinition>();
  for (const feature of request.FeatureDefinitions) {
    if (RESERVED_FEATURE_NAMES.includes(feature.FeatureName.toLowerCase())) throw validationError(`The FeatureName ${feature.FeatureName} is reserved: FeatureNames cannot be any of ${RESERVED_FEATURE_NAMES.join(", ")}.`);
    if (byName.has(feature.FeatureName.toLowerCase())) throw validationError(`FeatureDefinitions has the FeatureName ${feature.FeatureName} more than once: feature names must be unique within a FeatureGroup.`);
    byName.set(feature.FeatureName.toLowerCase(), feature);
    checkCollection(feature, request);
  }
  const identifier = byName.get(request.RecordIdentifierFeatureName.toLowerCase());
  if (!identifier) throw validationError(`The RecordIdentifierFeatureName ${request.RecordIdentifierFeatureName} is not in FeatureDefinitions: it must name one of the features defined.`);
  if (identifier.FeatureType === "Fractional" || identifier.CollectionType !== undefined)
    throw validationError(`The RecordIdentifierFeatureName ${identifier.FeatureName} must be a feature of type Integral or String, not ${identifier.CollectionType ?? identifier.FeatureType}.`);
  const eventTime = byName.get(request.EventTimeFeatureName.toLowerCase());
  if (!eventTime) throw validationError(`The EventTimeFeatureName ${request.EventTimeFeatureName} is not in FeatureDefinitions: it must name one of the features defined.`);
  if (eventTime.FeatureType === "Integral" || eventTime.CollectionType !== undefined)
    throw validationError(`The EventTimeFeatureName ${eventTime.FeatureName} must be a feature of type Fractional (Unix seconds) or String (ISO-8601), not ${eventTime.CollectionType ?? eventTime.FeatureType}.`);
}

/** Collections are for InMemory online stores; a Vector is of Fractional values, with its dimension. */
function checkCollection(feature: FeatureDefinition, request: CreateInput): void {
  if (feature.CollectionType === undefined) {
    if (feature.CollectionConfig !== undefined) throw validationError(`Feature ${feature.FeatureName} has a CollectionConfig but no CollectionType: CollectionConfig is for Vector features.`);
    return;
  }
  if (request.OnlineStoreConfig?.StorageType !== "InMemory" || !onlineStoreEnabled(request))
    throw validationError(`Feature ${feature.FeatureName} is a ${feature.CollectionType}: collection types are supported only by an online store with StorageType InMemory.`);
  if (feature.CollectionType === "Vector" && (feature.FeatureType !== "Fractional" || feature.CollectionConfig?.VectorConfig === undefined))
    throw validationError(`Feature ${feature.FeatureName} is a Vector: it needs FeatureType Fractional and CollectionConfig.VectorConfig.Dimension.`);
}

export class FeatureGroups {
  private readonly groups = new NameMap<FeatureGroup>();

  constructor(private readonly env: SandboxEnv) {}

  private require(nameOrArnValue: string): FeatureGroup {
    const name = nameFromArn(nameOrArnValue);
    const group = this.groups.get(name);
    if (!group) throw notFoundError(`Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${name}.`);
    return group;
  }

  private status(group: FeatureGroup, now: number): GroupStatus {
    if (group.deleteRequestedAt !== undefined && now >= group.deleteRequestedAt) return "Deleting";
    return now >= group.readyAt ? "Created" : "Creating";
  }

  private offlineStatus(group: FeatureGroup, now: number): (typeof OFFLINE_STATUSES)[number] | undefined {
    return group.request.OfflineStoreConfig !== undefined && this.status(group, now) === "Created" ? "Active" : undefined;
  }

  create(request: CreateInput, at: number): FeatureGroup {
    const existing = this.groups.get(request.FeatureGroupName);
    if (existing) throw inUseError(`Resource Already Exists: FeatureGroup with name ${existing.name} already exists. Choose a different name.`);
    checkDefinition(request);
    const inMemory = onlineStoreEnabled(request) && request.OnlineStoreConfig?.StorageType === "InMemory";
    const group: FeatureGroup = {
      name: request.FeatureGroupName,
      arn: sagemakerArn(this.env, "feature-group", request.FeatureGroupName),
      request,
      createdAt: at,
      readyAt: at + (inMemory ? CREATING_IN_MEMORY : CREATING),
      metadata: new NameMap(),
    };
    this.groups.set(group.name, group);
    this.env.events.checkAt(this.watched(group), [at, group.readyAt]);
    return group;
  }

  private delete(name: string, at: number): void {
    const group = this.require(name);
    if (group.deleteRequestedAt !== undefined) return;
    group.deleteRequestedAt = at;
    this.env.events.checkAt(this.watched(group), [at]);
    this.env.timeline.schedule(at + DELETING, () => {
      if (this.groups.get(group.name) === group) this.groups.delete(group.name);
    });
  }

  private watched(group: FeatureGroup): WatchedResource {
    return {
      kind: "feature-group",
      arn: group.arn,
      read: (at) => (this.groups.get(group.name) === group ? { status: this.status(group, at), detail: eventDetail(this.describe(group, at)) } : undefined),
    };
  }

  /** The offline store as described: where records land (ResolvedOutputS3Uri) and the Glue table made for them. */
  private offlineStoreConfig(group: FeatureGroup): Record<string, unknown> | undefined {
    const config = group.request.OfflineStoreConfig;
    if (config === undefined) return undefined;
    const created = Math.floor(group.createdAt / 1000);
    const resolved = joinS3(config.S3StorageConfig.S3Uri, this.env.account, "sagemaker", this.env.region, "offline-store", `${group.name}-${created}`, "data");
    const disabled = config.DisableGlueTableCreation ?? false;
    const catalog = config.DataCatalogConfig ?? (disabled ? undefined : { TableName: `${group.name.toLowerCase().replace(/-/g, "_")}_${created}`, Catalog: "AwsDataCatalog", Database: "sagemaker_featurestore" });
    return compact({ ...config, S3StorageConfig: { ...config.S3StorageConfig, ResolvedOutputS3Uri: resolved }, DisableGlueTableCreation: disabled, DataCatalogConfig: catalog, TableFormat: config.TableFormat ?? "Glue" });
  }

  private describe(group: FeatureGroup, now: number): Record<string, unknown> {
    const r = group.request;
    const offline = this.offlineStatus(group, now);
    return compact({
      FeatureGroupArn: group.arn,
      FeatureGroupName: group.name,
      RecordIdentifierFeatureName: r.RecordIdentifierFeatureName,
      EventTimeFeatureName: r.EventTimeFeatureName,
      FeatureDefinitions: r.FeatureDefinitions,
      CreationTime: wireTime(group.createdAt),
      OnlineStoreConfig: r.OnlineStoreConfig,
      OfflineStoreConfig: this.offlineStoreConfig(group),
      ThroughputConfig: r.ThroughputConfig ?? { ThroughputMode: "OnDemand" },
      RoleArn: r.RoleArn,
      FeatureGroupStatus: this.status(group, now),
      OfflineStoreStatus: offline === undefined ? undefined : { Status: offline },
      Description: r.Description,
      // Every feature fits in one answer (SageMaker pages them at 2,500).
      NextToken: "",
    });
  }

  private feature(group: FeatureGroup, name: string): FeatureDefinition {
    const feature = group.request.FeatureDefinitions.find((f) => f.FeatureName.toLowerCase() === name.toLowerCase());
    if (!feature) throw notFoundError(`Resource Not Found: FeatureGroup ${group.name} has no feature named ${name}.`);
    return feature;
  }

  private describeMetadata(group: FeatureGroup, feature: FeatureDefinition): Record<string, unknown> {
    const metadata = group.metadata.get(feature.FeatureName);
    return compact({
      FeatureGroupArn: group.arn,
      FeatureGroupName: group.name,
      FeatureName: feature.FeatureName,
      FeatureType: feature.FeatureType,
      CreationTime: wireTime(group.createdAt),
      LastModifiedTime: wireTime(metadata?.lastModified ?? group.createdAt),
      Description: metadata?.description,
      Parameters: [...(metadata?.parameters ?? new Map<string, string>())].map(([Key, Value]) => ({ Key, Value })),
    });
  }

  private updateMetadata(request: z.output<typeof UpdateMetadataSchema>, at: number): void {
    const group = this.require(request.FeatureGroupName);
    const status = this.status(group, at);
    if (status !== "Created") throw validationError(`FeatureGroup ${group.name} is ${status}: its features' metadata can be updated once it is Created.`);
    const feature = this.feature(group, request.FeatureName);
    const current = group.metadata.get(feature.FeatureName);
    const parameters = new Map(current?.parameters);
    for (const key of request.ParameterRemovals ?? []) parameters.delete(key);
    for (const { Key, Value } of request.ParameterAdditions ?? []) parameters.set(Key, Value);
    if (parameters.size > MAX_PARAMETERS) throw validationError(`Feature ${feature.FeatureName} would have ${parameters.size} parameters: a feature has at most ${MAX_PARAMETERS}.`);
    group.metadata.set(feature.FeatureName, { description: request.Description ?? current?.description, parameters, lastModified: at });
  }

  operations(): Operations {
    return {
      CreateFeatureGroup: (input, now) => ({ FeatureGroupArn: this.create(parseRequest(CreateSchema, input), now).arn }),
      DescribeFeatureGroup: (input, now) => this.describe(this.require(parseRequest(DescribeSchema, input).FeatureGroupName), now),
      DeleteFeatureGroup: (input, now) => {
        this.delete(parseRequest(DeleteSchema, input).FeatureGroupName, now);
        return {};
      },
      ListFeatureGroups: (input, now) => {
        const q = parseRequest(ListSchema, input);
        const rows = [...this.groups.values()].filter(
          (g) =>
            (q.NameContains === undefined || g.name.toLowerCase().includes(q.NameContains.toLowerCase())) &&
            (q.FeatureGroupStatusEquals === undefined || this.status(g, now) === q.FeatureGroupStatusEquals) &&
            (q.OfflineStoreStatusEquals === undefined || this.offlineStatus(g, now) === q.OfflineStoreStatusEquals) &&
            within(g.createdAt, q.CreationTimeAfter, q.CreationTimeBefore),
        );
        const sortBy = q.SortBy ?? "CreationTime";
        const key = (g: FeatureGroup): string | number =>
          sortBy === "Name" ? g.name : sortBy === "FeatureGroupStatus" ? this.status(g, now) : sortBy === "OfflineStoreStatus" ? (this.offlineStatus(g, now) ?? "") : g.createdAt;
        const { page, nextToken: next } = paginate(sortItems(rows, key, q.SortOrder ?? "Descending"), { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({
          FeatureGroupSummaries: page.map((g) => {
            const offline = this.offlineStatus(g, now);
            return compact({ FeatureGroupName: g.name, FeatureGroupArn: g.arn, CreationTime: wireTime(g.createdAt), FeatureGroupStatus: this.status(g, now), OfflineStoreStatus: offline === undefined ? undefined : { Status: offline } });
          }),
          NextToken: next,
        });
      },
      DescribeFeatureMetadata: (input) => {
        const q = parseRequest(FeatureMetadataSchema, input);
        const group = this.require(q.FeatureGroupName);
        return this.describeMetadata(group, this.feature(group, q.FeatureName));
      },
      UpdateFeatureMetadata: (input, now) => {
        this.updateMetadata(parseRequest(UpdateMetadataSchema, input), now);
        return {};
      },
    };
  }
}
