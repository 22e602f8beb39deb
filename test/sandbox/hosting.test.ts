import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListEndpointsCommand,
  UpdateEndpointCommand,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { advanceUntil, SAGEMAKER_ROLE_ARN, useTestSandbox } from "../support/sandbox.js";

const V1 = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/1";
const V2 = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/2";

describe("sandbox hosting: models, endpoint configs and endpoints", () => {
  const t = useTestSandbox();

  const describeEndpoint = (name: string): Promise<DescribeEndpointCommandOutput> => t.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));

  async function modelAndConfig(model: string, config: string, container: { ModelPackageName?: string; Image?: string }): Promise<void> {
    await t.sagemaker.send(new CreateModelCommand({ ModelName: model, Containers: [container], ExecutionRoleArn: SAGEMAKER_ROLE_ARN }));
    await t.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: config, ProductionVariants: [{ VariantName: "AllTraffic", ModelName: model, InstanceType: "ml.m5.large", InitialInstanceCount: 2 }] }));
  }

  it("the example endpoint churn-prod is InService on churn-prod-config-v1, serving package version 1", async () => {
    const endpoint = await describeEndpoint("churn-prod");
    expect(endpoint).toMatchObject({ EndpointStatus: "InService", EndpointConfigName: "churn-prod-config-v1" });
    const config = await t.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: "churn-prod-config-v1" }));
    const modelName = config.ProductionVariants?.[0]?.ModelName;
    const model = await t.sagemaker.send(new DescribeModelCommand({ ModelName: modelName }));
    expect(model.Containers?.[0]?.ModelPackageName).toBe(V1);
  });

  it("a model from a registered package, a config and an endpoint go Creating then InService", async () => {
    await modelAndConfig("churn-xgb-v2", "churn-dev-config-v2", { ModelPackageName: V2 });
    const { EndpointArn } = await t.sagemaker.send(new CreateEndpointCommand({ EndpointName: "churn-dev", EndpointConfigName: "churn-dev-config-v2" }));
    expect(EndpointArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-dev");
    expect((await describeEndpoint("churn-dev")).EndpointStatus).toBe("Creating");
    const ready = await advanceUntil(t.clock, () => describeEndpoint("churn-dev"), (e) => e.EndpointStatus !== "Creating");
    expect(ready.EndpointStatus).toBe("InService");
    expect(ready.ProductionVariants?.[0]).toMatchObject({ VariantName: "AllTraffic", CurrentInstanceCount: 2, DesiredInstanceCount: 2 });
    expect(ready.ProductionVariants?.[0]?.DeployedImages?.[0]?.SpecifiedImage).toContain("sagemaker-xgboost");
  });

  it("creating a model from a package that does not exist, or an endpoint on a config that does not exist, is a ValidationException as in SageMaker", async () => {
    await expect(t.sagemaker.send(new CreateModelCommand({ ModelName: "ghost", Containers: [{ ModelPackageName: `${V1}0` }], ExecutionRoleArn: SAGEMAKER_ROLE_ARN }))).rejects.toMatchObject({ name: "ValidationException" });
    const error = await t.sagemaker.send(new CreateEndpointCommand({ EndpointName: "ghost", EndpointConfigName: "no-such-config" })).catch((e: unknown) => e);
    expect(String((error as Error).message)).toBe('Could not find endpoint configuration "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/no-such-config".');
    await expect(describeEndpoint("no-such-endpoint")).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("Could not find endpoint") });
    await expect(t.sagemaker.send(new CreateEndpointCommand({ EndpointName: "churn-prod", EndpointConfigName: "churn-prod-config-v1" }))).rejects.toMatchObject({ name: "ValidationException" });
  });

  it("an endpoint whose image does not exist fails with a reason", async () => {
    await modelAndConfig("broken-model", "broken-config", { Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/missing-image:latest" });
    await t.sagemaker.send(new CreateEndpointCommand({ EndpointName: "broken-endpoint", EndpointConfigName: "broken-config" }));
    const failed = await advanceUntil(t.clock, () => describeEndpoint("broken-endpoint"), (e) => e.EndpointStatus !== "Creating");
    expect(failed.EndpointStatus).toBe("Failed");
    expect(failed.FailureReason).toContain("missing-image");
  });

  it("a blue/green canary update is recorded, shows the pending config while Updating, refuses a second update, then serves the new config", async () => {
    await modelAndConfig("churn-xgb-v2-prod", "churn-prod-config-v2", { ModelPackageName: V2 });
    const deploymentConfig = {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: "CANARY" as const, WaitIntervalInSeconds: 600, CanarySize: { Type: "CAPACITY_PERCENT" as const, Value: 10 } },
        TerminationWaitInSeconds: 300,
        MaximumExecutionTimeoutInSeconds: 3600,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: "churn-prod-5xx" }] },
    };
    await t.sagemaker.send(new UpdateEndpointCommand({ EndpointName: "churn-prod", EndpointConfigName: "churn-prod-config-v2", DeploymentConfig: deploymentConfig }));

    const updating = await describeEndpoint("churn-prod");
    expect(updating.EndpointStatus).toBe("Updating");
    expect(updating.EndpointConfigName).toBe("churn-prod-config-v1");
    expect(updating.PendingDeploymentSummary?.EndpointConfigName).toBe("churn-prod-config-v2");
    expect(updating.LastDeploymentConfig).toEqual(deploymentConfig);

    const refused = await t.sagemaker.send(new UpdateEndpointCommand({ EndpointName: "churn-prod", EndpointConfigName: "churn-prod-config-v1" })).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "ValidationException", message: expect.stringContaining("Cannot update in-progress endpoint") });

    const updated = await advanceUntil(t.clock, () => describeEndpoint("churn-prod"), (e) => e.EndpointStatus !== "Updating");
    expect(updated).toMatchObject({ EndpointStatus: "InService", EndpointConfigName: "churn-prod-config-v2" });
    expect(updated.PendingDeploymentSummary).toBeUndefined();
    expect(updated.LastDeploymentConfig?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration?.Type).toBe("CANARY");
    // A canary bakes twice, then waits before terminating the old fleet: the update takes longer than the bakes.
    expect((updated.LastModifiedTime?.getTime() ?? 0) - (updating.LastModifiedTime?.getTime() ?? 0)).toBeGreaterThanOrEqual((2 * 600 + 300) * 1000);
  });

  it("a LINEAR policy without a step size is a ValidationException", async () => {
    const error = await t.sagemaker
      .send(new UpdateEndpointCommand({ EndpointName: "churn-dev", EndpointConfigName: "churn-prod-config-v1", DeploymentConfig: { BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: "LINEAR", WaitIntervalInSeconds: 60 } } } }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ValidationException", message: expect.stringContaining("LinearStepSize") });
  });

  it("a failed update leaves the endpoint InService on its previous config, with the reason", async () => {
    await t.sagemaker.send(new UpdateEndpointCommand({ EndpointName: "churn-dev", EndpointConfigName: "broken-config", DeploymentConfig: { BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: "ALL_AT_ONCE", WaitIntervalInSeconds: 0 } } } }));
    const after = await advanceUntil(t.clock, () => describeEndpoint("churn-dev"), (e) => e.EndpointStatus !== "Updating");
    expect(after).toMatchObject({ EndpointStatus: "InService", EndpointConfigName: "churn-dev-config-v2" });
    expect(after.FailureReason).toContain("missing-image");
  });

  it("ListEndpoints filters by name and status and pages; a deleted endpoint is Deleting, then gone", async () => {
    const inService = await t.sagemaker.send(new ListEndpointsCommand({ StatusEquals: "InService", SortBy: "Name", SortOrder: "Ascending" }));
    expect(inService.Endpoints?.map((e) => e.EndpointName)).toEqual(["churn-dev", "churn-prod"]);
    const churn = await t.sagemaker.send(new ListEndpointsCommand({ NameContains: "churn", MaxResults: 1, SortBy: "Name", SortOrder: "Ascending" }));
    expect(churn.Endpoints?.map((e) => e.EndpointName)).toEqual(["churn-dev"]);
    const next = await t.sagemaker.send(new ListEndpointsCommand({ NameContains: "churn", MaxResults: 1, SortBy: "Name", SortOrder: "Ascending", NextToken: churn.NextToken }));
    expect(next.Endpoints?.map((e) => e.EndpointName)).toEqual(["churn-prod"]);
    expect(next.NextToken).toBeUndefined();

    await t.sagemaker.send(new DeleteEndpointCommand({ EndpointName: "broken-endpoint" }));
    expect((await describeEndpoint("broken-endpoint")).EndpointStatus).toBe("Deleting");
    t.clock.advance(120);
    await expect(describeEndpoint("broken-endpoint")).rejects.toMatchObject({ name: "ValidationException" });
    const all = await t.sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }));
    expect(all.Endpoints?.map((e) => e.EndpointName)).not.toContain("broken-endpoint");
  });
});
