/**
 * Models and endpoint configurations: CreateModel (from an image or a registered model package),
 * DescribeModel, DeleteModel, CreateEndpointConfig, DescribeEndpointConfig, DeleteEndpointConfig.
 * Missing resources are ValidationExceptions worded as SageMaker words them.
 */
import { z } from "zod";
import { type SandboxEnv, sagemakerArn, wireTime } from "./env.js";
import { validationError } from "./errors.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import type { ModelRegistry } from "./registry.js";
import { imageUri, instanceType, nameOrArn, parseRequest, resourceName, roleArn, s3Uri, stringMap, tags } from "./validate.js";

const ContainerSchema = z.looseObject({
  ContainerHostname: z.string().max(63).optional(),
  Image: imageUri.optional(),
  Mode: z.enum(["SingleModel", "MultiModel"]).optional(),
  ModelDataUrl: s3Uri.optional(),
  Environment: stringMap(100).optional(),
  ModelPackageName: nameOrArn.optional(),
});
type Container = z.output<typeof ContainerSchema>;

const CreateModelSchema = z.looseObject({
  ModelName: resourceName(),
  PrimaryContainer: ContainerSchema.optional(),
  Containers: z.array(ContainerSchema).min(1).max(15).optional(),
  ExecutionRoleArn: roleArn.optional(),
  Tags: tags.optional(),
  EnableNetworkIsolation: z.boolean().optional(),
});
type CreateModelInput = z.output<typeof CreateModelSchema>;

const ModelNameSchema = z.looseObject({ ModelName: resourceName() });

const VariantSchema = z.looseObject({
  VariantName: resourceName(),
  ModelName: resourceName().optional(),
  InitialInstanceCount: z.number().int().min(1).optional(),
  InstanceType: instanceType.optional(),
  InitialVariantWeight: z.number().min(0).optional(),
  ServerlessConfig: z.looseObject({ MemorySizeInMB: z.number().int().min(1024).max(6144), MaxConcurrency: z.number().int().min(1).max(200) }).optional(),
});
export type ProductionVariant = z.output<typeof VariantSchema>;

const CreateEndpointConfigSchema = z.looseObject({
  EndpointConfigName: resourceName(),
  ProductionVariants: z.array(VariantSchema).min(1).max(10),
  DataCaptureConfig: z
    .looseObject({
      EnableCapture: z.boolean().optional(),
      InitialSamplingPercentage: z.number().int().min(0).max(100),
      DestinationS3Uri: s3Uri,
      CaptureOptions: z.array(z.looseObject({ CaptureMode: z.enum(["Input", "Output", "InputAndOutput"]) })).min(1).max(32),
    })
    .optional(),
  Tags: tags.optional(),
  KmsKeyId: z.string().max(2048).optional(),
});
type CreateEndpointConfigInput = z.output<typeof CreateEndpointConfigSchema>;

const EndpointConfigNameSchema = z.looseObject({ EndpointConfigName: resourceName() });

interface Model {
  name: string;
  arn: string;
  request: CreateModelInput;
  createdAt: number;
}

interface EndpointConfig {
  name: string;
  arn: string;
  request: CreateEndpointConfigInput;
  createdAt: number;
}

export class Models {
  private readonly models = new NameMap<Model>();
  private readonly configs = new NameMap<EndpointConfig>();

  constructor(
    private readonly env: SandboxEnv,
    private readonly registry: ModelRegistry,
  ) {}

  private modelArn(name: string): string {
    return sagemakerArn(this.env, "model", name);
  }

  configArn(name: string): string {
    return sagemakerArn(this.env, "endpoint-config", name);
  }

  findModel(name: string): Model | undefined {
    return this.models.get(name);
  }

  requireModel(name: string): Model {
    const model = this.models.get(name);
    if (!model) throw validationError(`Could not find model "${this.modelArn(name)}".`);
    return model;
  }

  findConfig(name: string): EndpointConfig | undefined {
    return this.configs.get(name);
  }

  requireConfig(name: string): EndpointConfig {
    const config = this.configs.get(name);
    if (!config) throw validationError(`Could not find endpoint configuration "${this.configArn(name)}".`);
    return config;
  }

  /** The container images a model runs, its model packages' images resolved. */
  imagesOf(model: Model): string[] {
    return this.containersOf(model).flatMap((container) => {
      if (container.Image !== undefined) return [container.Image];
      const pkg = container.ModelPackageName === undefined ? undefined : this.registry.findPackage(container.ModelPackageName);
      return (pkg?.inference?.Containers ?? []).flatMap((c) => (c.Image === undefined ? [] : [c.Image]));
    });
  }

  private containersOf(model: Model): Container[] {
    return model.request.Containers ?? (model.request.PrimaryContainer ? [model.request.PrimaryContainer] : []);
  }

  createModel(request: CreateModelInput, at: number): Model {
    if (this.models.has(request.ModelName)) throw validationError(`Cannot create already existing model "${this.modelArn(request.ModelName)}".`);
    if ((request.PrimaryContainer === undefined) === (request.Containers === undefined)) throw validationError("Exactly one of PrimaryContainer and Containers is required.");
    for (const container of request.Containers ?? [request.PrimaryContainer]) {
      if (!container) continue;
      if (container.Image === undefined && container.ModelPackageName === undefined) throw validationError("Each container needs an Image or a ModelPackageName.");
      if (container.ModelPackageName !== undefined) this.registry.requirePackage(container.ModelPackageName);
    }
    const model: Model = { name: request.ModelName, arn: this.modelArn(request.ModelName), request, createdAt: at };
    this.models.set(model.name, model);
    return model;
  }

  createConfig(request: CreateEndpointConfigInput, at: number): EndpointConfig {
    if (this.configs.has(request.EndpointConfigName)) throw validationError(`Cannot create already existing endpoint configuration "${this.configArn(request.EndpointConfigName)}".`);
    const names = new Set<string>();
    for (const variant of request.ProductionVariants) {
      if (names.has(variant.VariantName)) throw validationError(`The variant name ${variant.VariantName} appears more than once; variant names must be unique.`);
      names.add(variant.VariantName);
      if (variant.ModelName === undefined) throw validationError(`Production variant ${variant.VariantName} needs a ModelName.`);
      this.requireModel(variant.ModelName);
      if (variant.ServerlessConfig === undefined && (variant.InstanceType === undefined || variant.InitialInstanceCount === undefined))
        throw validationError(`Production variant ${variant.VariantName} needs InstanceType and InitialInstanceCount, or a ServerlessConfig.`);
    }
    const config: EndpointConfig = { name: request.EndpointConfigName, arn: this.configArn(request.EndpointConfigName), request, createdAt: at };
    this.configs.set(config.name, config);
    return config;
  }

  operations(): Operations {
    return {
      CreateModel: (input, now) => ({ ModelArn: this.createModel(parseRequest(CreateModelSchema, input), now).arn }),
      DescribeModel: (input) => {
        const model = this.requireModel(parseRequest(ModelNameSchema, input).ModelName);
        const r = model.request;
        return compact({
          ModelName: model.name,
          PrimaryContainer: r.PrimaryContainer,
          Containers: r.Containers,
          ExecutionRoleArn: r.ExecutionRoleArn,
          CreationTime: wireTime(model.createdAt),
          ModelArn: model.arn,
          EnableNetworkIsolation: r.EnableNetworkIsolation ?? false,
        });
      },
      DeleteModel: (input) => {
        const model = this.requireModel(parseRequest(ModelNameSchema, input).ModelName);
        this.models.delete(model.name);
        return {};
      },
      CreateEndpointConfig: (input, now) => ({ EndpointConfigArn: this.createConfig(parseRequest(CreateEndpointConfigSchema, input), now).arn }),
      DescribeEndpointConfig: (input) => {
        const config = this.requireConfig(parseRequest(EndpointConfigNameSchema, input).EndpointConfigName);
        const r = config.request;
        return compact({
          EndpointConfigName: config.name,
          EndpointConfigArn: config.arn,
          ProductionVariants: r.ProductionVariants.map((v) => ({ InitialVariantWeight: 1, ...v })),
          DataCaptureConfig: r.DataCaptureConfig,
          KmsKeyId: r.KmsKeyId,
          CreationTime: wireTime(config.createdAt),
        });
      },
      DeleteEndpointConfig: (input) => {
        const config = this.requireConfig(parseRequest(EndpointConfigNameSchema, input).EndpointConfigName);
        this.configs.delete(config.name);
        return {};
      },
    };
  }
}
