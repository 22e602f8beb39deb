/**
 * The model registry: model package groups and their numbered versions (or unversioned packages),
 * with approval status, who created and last changed each (identity.ts), and SageMaker's "Model
 * Package State Change" event when a package is created and whenever its approval status changes.
 * CreateModelPackage is idempotent on ClientToken, as in SageMaker.
 */
import { z } from "zod";
import { type SandboxEnv, sagemakerArn, wireTime } from "./env.js";
import { validationError } from "./errors.js";
import { eventDetail, type WatchedResource } from "./events.js";
import type { UserContext } from "./identity.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { paginate, sortItems, within } from "./paging.js";
import { clientToken, imageUri, maxResults, nameFromArn, nameOrArn, nextToken, parseRequest, resourceName, s3Uri, sortOrder, stringMap, tags, timestamp } from "./validate.js";

const APPROVAL = z.enum(["Approved", "Rejected", "PendingManualApproval"]);
type ModelApprovalStatus = z.output<typeof APPROVAL>;

const ModelPackageArnPattern = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:model-package\/[\S]{1,2048}$/;

const CreateGroupSchema = z.looseObject({
  ModelPackageGroupName: resourceName(),
  ModelPackageGroupDescription: z.string().max(1024).optional(),
  Tags: tags.optional(),
});
const DescribeGroupSchema = z.looseObject({ ModelPackageGroupName: nameOrArn });

const InferenceSpecificationSchema = z.looseObject({
  Containers: z
    .array(
      z.looseObject({
        Image: imageUri.optional(),
        ModelDataUrl: s3Uri.optional(),
        Environment: stringMap(100).optional(),
        Framework: z.string().optional(),
        FrameworkVersion: z.string().optional(),
      }),
    )
    .min(1)
    .max(15),
  SupportedContentTypes: z.array(z.string().max(256)).optional(),
  SupportedResponseMIMETypes: z.array(z.string().max(1024)).optional(),
  SupportedRealtimeInferenceInstanceTypes: z.array(z.string()).optional(),
  SupportedTransformInstanceTypes: z.array(z.string()).optional(),
});

const MetricsSourceSchema = z.looseObject({ ContentType: z.string().max(256), ContentDigest: z.string().regex(/^[Ss][Hh][Aa]256:[0-9a-fA-F]{64}$/).optional(), S3Uri: s3Uri });
const StatisticsAndConstraints = z.looseObject({ Statistics: MetricsSourceSchema.optional(), Constraints: MetricsSourceSchema.optional() });
const ModelMetricsSchema = z.looseObject({
  ModelQuality: StatisticsAndConstraints.optional(),
  ModelDataQuality: StatisticsAndConstraints.optional(),
  Bias: z.looseObject({ Report: MetricsSourceSchema.optional(), PreTrainingReport: MetricsSourceSchema.optional(), PostTrainingReport: MetricsSourceSchema.optional() }).optional(),
  Explainability: z.looseObject({ Report: MetricsSourceSchema.optional() }).optional(),
});
const metadataValue = z.string().max(1024);
const MetadataPropertiesSchema = z.looseObject({ CommitId: metadataValue.optional(), Repository: metadataValue.optional(), GeneratedBy: metadataValue.optional(), ProjectId: metadataValue.optional() });

const CreatePackageSchema = z.looseObject({
  ModelPackageName: resourceName().optional(),
  ModelPackageGroupName: nameOrArn.optional(),
  ModelPackageDescription: z.string().max(1024).optional(),
  InferenceSpecification: InferenceSpecificationSchema.optional(),
  ModelApprovalStatus: APPROVAL.optional(),
  ModelMetrics: ModelMetricsSchema.optional(),
  MetadataProperties: MetadataPropertiesSchema.optional(),
  CustomerMetadataProperties: stringMap(50).optional(),
  ClientToken: clientToken.optional(),
  Tags: tags.optional(),
  Domain: z.string().optional(),
  Task: z.string().optional(),
});
type CreatePackageInput = z.output<typeof CreatePackageSchema>;

/** Validates a CreateModelPackage request (for RegisterModel pipeline steps). */
export function parseCreateModelPackage(input: unknown): CreatePackageInput {
  return parseRequest(CreatePackageSchema, input);
}

const DescribePackageSchema = z.looseObject({ ModelPackageName: nameOrArn });

const UpdatePackageSchema = z.looseObject({
  ModelPackageArn: z.string().regex(ModelPackageArnPattern),
  ModelApprovalStatus: APPROVAL.optional(),
  ApprovalDescription: z.string().max(1024).optional(),
  CustomerMetadataProperties: stringMap(50).optional(),
  CustomerMetadataPropertiesToRemove: z.array(z.string()).optional(),
  ModelPackageDescription: z.string().max(1024).optional(),
  InferenceSpecification: InferenceSpecificationSchema.optional(),
});

const ListGroupsSchema = z.looseObject({
  CreationTimeAfter: timestamp.optional(),
  CreationTimeBefore: timestamp.optional(),
  MaxResults: maxResults.optional(),
  NameContains: z.string().max(63).optional(),
  NextToken: nextToken.optional(),
  SortBy: z.enum(["Name", "CreationTime"]).optional(),
  SortOrder: sortOrder.optional(),
});

const ListPackagesSchema = z.looseObject({
  CreationTimeAfter: timestamp.optional(),
  CreationTimeBefore: timestamp.optional(),
  MaxResults: maxResults.optional(),
  NameContains: z.string().max(63).optional(),
  ModelApprovalStatus: APPROVAL.optional(),
  ModelPackageGroupName: nameOrArn.optional(),
  ModelPackageType: z.enum(["Versioned", "Unversioned", "Both"]).optional(),
  NextToken: nextToken.optional(),
  SortBy: z.enum(["Name", "CreationTime"]).optional(),
  SortOrder: sortOrder.optional(),
});

export interface PackageGroup {
  name: string;
  arn: string;
  description?: string;
  createdAt: number;
  createdBy?: UserContext;
  versions: ModelPackage[];
}

export interface ModelPackage {
  arn: string;
  /** For a version, its group's name (as SageMaker reports ModelPackageName). */
  name: string;
  group?: string;
  version?: number;
  request: CreatePackageInput;
  createdAt: number;
  approval: ModelApprovalStatus;
  approvalDescription?: string;
  description?: string;
  inference?: z.output<typeof InferenceSpecificationSchema>;
  customerMetadata?: Record<string, string>;
  lastModified: number;
  createdBy?: UserContext;
  lastModifiedBy?: UserContext;
}

export class ModelRegistry {
  private readonly groups = new NameMap<PackageGroup>();
  private readonly unversioned = new NameMap<ModelPackage>();
  private readonly byArn = new NameMap<ModelPackage>();
  private readonly byClientToken = new Map<string, ModelPackage>();

  constructor(private readonly env: SandboxEnv) {}

  /** A package by ARN, or an unversioned package by name. */
  findPackage(nameOrArnValue: string): ModelPackage | undefined {
    return nameOrArnValue.startsWith("arn:") ? this.byArn.get(nameOrArnValue) : this.unversioned.get(nameOrArnValue);
  }

  requirePackage(nameOrArnValue: string): ModelPackage {
    const found = this.findPackage(nameOrArnValue);
    if (!found) throw validationError(`ModelPackage ${nameOrArnValue} does not exist.`);
    return found;
  }

  findGroup(nameOrArnValue: string): PackageGroup | undefined {
    return this.groups.get(nameFromArn(nameOrArnValue));
  }

  private requireGroup(nameOrArnValue: string): PackageGroup {
    const group = this.findGroup(nameOrArnValue);
    if (!group) throw validationError(`ModelPackageGroup ${nameFromArn(nameOrArnValue)} does not exist.`);
    return group;
  }

  get groupNames(): string[] {
    return [...this.groups.values()].map((g) => g.name).sort();
  }

  createGroup(request: z.output<typeof CreateGroupSchema>, at: number, caller?: UserContext): PackageGroup {
    const existing = this.groups.get(request.ModelPackageGroupName);
    if (existing) throw validationError(`Model Package Group already exists: ${existing.arn}`);
    const group: PackageGroup = {
      name: request.ModelPackageGroupName,
      arn: sagemakerArn(this.env, "model-package-group", request.ModelPackageGroupName),
      description: request.ModelPackageGroupDescription,
      createdAt: at,
      createdBy: caller,
      versions: [],
    };
    this.groups.set(group.name, group);
    return group;
  }

  createPackage(request: CreatePackageInput, at: number, caller?: UserContext): ModelPackage {
    if (request.ClientToken !== undefined) {
      const earlier = this.byClientToken.get(request.ClientToken);
      if (earlier) return earlier;
    }
    if ((request.ModelPackageName === undefined) === (request.ModelPackageGroupName === undefined))
      throw validationError("Exactly one of ModelPackageName (an unversioned package) and ModelPackageGroupName (a versioned package) is required.");
    const base = {
      request,
      createdAt: at,
      lastModified: at,
      approval: request.ModelApprovalStatus ?? "PendingManualApproval",
      description: request.ModelPackageDescription,
      inference: request.InferenceSpecification,
      customerMetadata: request.CustomerMetadataProperties,
      createdBy: caller,
    } as const;
    let pkg: ModelPackage;
    if (request.ModelPackageGroupName !== undefined) {
      const group = this.requireGroup(request.ModelPackageGroupName);
      if (!request.InferenceSpecification) throw validationError("InferenceSpecification is required for a versioned model package.");
      const version = group.versions.length + 1;
      pkg = { ...base, arn: `${sagemakerArn(this.env, "model-package", group.name)}/${version}`, name: group.name, group: group.name, version };
      group.versions.push(pkg);
    } else {
      const name = request.ModelPackageName ?? "";
      if (this.unversioned.has(name)) throw validationError(`Model Package already exists: ${sagemakerArn(this.env, "model-package", name)}`);
      pkg = { ...base, arn: sagemakerArn(this.env, "model-package", name), name };
      this.unversioned.set(name, pkg);
    }
    this.byArn.set(pkg.arn, pkg);
    if (request.ClientToken !== undefined) this.byClientToken.set(request.ClientToken, pkg);
    this.env.events.checkAt(this.watched(pkg), [at]);
    return pkg;
  }

  /** The event is about the approval status: a package's creation, then each change of its status. */
  private watched(pkg: ModelPackage): WatchedResource {
    return {
      kind: "model-package",
      arn: pkg.arn,
      read: () => {
        const { CreatedBy, LastModifiedBy, ...described } = this.describePackage(pkg);
        // A version's event names it `<group>/<version>`, where Describe gives the group's name.
        const name = pkg.group !== undefined && pkg.version !== undefined ? `${pkg.group}/${pkg.version}` : pkg.name;
        return { status: pkg.approval, detail: eventDetail({ ...described, ModelPackageName: name }) };
      },
    };
  }

  update(request: z.output<typeof UpdatePackageSchema>, at: number, caller?: UserContext): ModelPackage {
    const pkg = this.byArn.get(request.ModelPackageArn);
    if (!pkg) throw validationError(`ModelPackage ${request.ModelPackageArn} does not exist.`);
    if (request.ModelApprovalStatus !== undefined) pkg.approval = request.ModelApprovalStatus;
    if (request.ApprovalDescription !== undefined) pkg.approvalDescription = request.ApprovalDescription;
    if (request.ModelPackageDescription !== undefined) pkg.description = request.ModelPackageDescription;
    if (request.InferenceSpecification !== undefined) pkg.inference = request.InferenceSpecification;
    if (request.CustomerMetadataProperties !== undefined || request.CustomerMetadataPropertiesToRemove !== undefined) {
      const merged: Record<string, string> = { ...pkg.customerMetadata, ...request.CustomerMetadataProperties };
      for (const key of request.CustomerMetadataPropertiesToRemove ?? []) delete merged[key];
      pkg.customerMetadata = merged;
    }
    pkg.lastModified = at;
    pkg.lastModifiedBy = caller;
    this.env.events.checkAt(this.watched(pkg), [at]);
    return pkg;
  }

  private packageSummary(pkg: ModelPackage): Record<string, unknown> {
    return compact({
      ModelPackageName: pkg.name,
      ModelPackageGroupName: pkg.group,
      ModelPackageVersion: pkg.version,
      ModelPackageArn: pkg.arn,
      ModelPackageDescription: pkg.description,
      CreationTime: wireTime(pkg.createdAt),
      ModelPackageStatus: "Completed",
      ModelApprovalStatus: pkg.approval,
    });
  }

  private describePackage(pkg: ModelPackage): Record<string, unknown> {
    return compact({
      ...this.packageSummary(pkg),
      InferenceSpecification: pkg.inference,
      ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
      CertifyForMarketplace: false,
      CreatedBy: pkg.createdBy ?? {},
      MetadataProperties: pkg.request.MetadataProperties,
      ModelMetrics: pkg.request.ModelMetrics,
      LastModifiedTime: wireTime(pkg.lastModified),
      LastModifiedBy: pkg.lastModifiedBy ?? (pkg.lastModified !== pkg.createdAt ? {} : undefined),
      ApprovalDescription: pkg.approvalDescription,
      CustomerMetadataProperties: pkg.customerMetadata,
      Domain: pkg.request.Domain,
      Task: pkg.request.Task,
    });
  }

  operations(): Operations {
    return {
      CreateModelPackageGroup: (input, now, caller) => ({ ModelPackageGroupArn: this.createGroup(parseRequest(CreateGroupSchema, input), now, caller).arn }),
      DescribeModelPackageGroup: (input) => {
        const group = this.requireGroup(parseRequest(DescribeGroupSchema, input).ModelPackageGroupName);
        return compact({ ModelPackageGroupName: group.name, ModelPackageGroupArn: group.arn, ModelPackageGroupDescription: group.description, CreationTime: wireTime(group.createdAt), CreatedBy: group.createdBy ?? {}, ModelPackageGroupStatus: "Completed" });
      },
      ListModelPackageGroups: (input) => {
        const q = parseRequest(ListGroupsSchema, input);
        const rows = [...this.groups.values()].filter((g) => (q.NameContains === undefined || g.name.toLowerCase().includes(q.NameContains.toLowerCase())) && within(g.createdAt, q.CreationTimeAfter, q.CreationTimeBefore));
        const sorted = sortItems(rows, (g) => (q.SortBy === "Name" ? g.name : g.createdAt), q.SortOrder ?? "Ascending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({
          ModelPackageGroupSummaryList: page.map((g) => compact({ ModelPackageGroupName: g.name, ModelPackageGroupArn: g.arn, ModelPackageGroupDescription: g.description, CreationTime: wireTime(g.createdAt), ModelPackageGroupStatus: "Completed" })),
          NextToken: next,
        });
      },
      CreateModelPackage: (input, now, caller) => ({ ModelPackageArn: this.createPackage(parseRequest(CreatePackageSchema, input), now, caller).arn }),
      DescribeModelPackage: (input) => this.describePackage(this.requirePackage(parseRequest(DescribePackageSchema, input).ModelPackageName)),
      UpdateModelPackage: (input, now, caller) => ({ ModelPackageArn: this.update(parseRequest(UpdatePackageSchema, input), now, caller).arn }),
      ListModelPackages: (input) => {
        const q = parseRequest(ListPackagesSchema, input);
        let candidates: ModelPackage[];
        if (q.ModelPackageGroupName !== undefined) candidates = [...(this.groups.get(nameFromArn(q.ModelPackageGroupName))?.versions ?? [])];
        else {
          const type = q.ModelPackageType ?? "Unversioned";
          const versioned = [...this.groups.values()].flatMap((g) => g.versions);
          candidates = type === "Versioned" ? versioned : type === "Unversioned" ? [...this.unversioned.values()] : [...versioned, ...this.unversioned.values()];
        }
        const rows = candidates.filter(
          (p) => (q.NameContains === undefined || p.name.toLowerCase().includes(q.NameContains.toLowerCase())) && (q.ModelApprovalStatus === undefined || p.approval === q.ModelApprovalStatus) && within(p.createdAt, q.CreationTimeAfter, q.CreationTimeBefore),
        );
        const sorted = sortItems(rows, (p) => (q.SortBy === "Name" ? `${p.name}/${String(p.version ?? 0).padStart(9, "0")}` : p.createdAt), q.SortOrder ?? "Ascending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({ ModelPackageSummaryList: page.map((p) => this.packageSummary(p)), NextToken: next });
      },
    };
  }
}
