import { formatDuration } from "../../guard/duration.js";
import type { BlueGreen } from "../../guard/policy.js";
import type { RequestParams } from "../../interpret/schema.js";
import type { DeploymentConfig } from "../../kernel/sagemaker-port.js";
import { describeVersion, findEndpoint, type ModelRef, resolveModelVersion, servedModel } from "../model-versions.js";
import type { PlanStep } from "../plan.js";
import { decide, endpointFacts, environmentForEndpoint, invalid, type PlanningContext, type PlanningResult } from "../planning.js";

/** The policy's blue/green settings in SageMaker's DeploymentConfig shape. */
export function deploymentConfig(blueGreen: BlueGreen): DeploymentConfig {
  const routing = blueGreen.trafficRouting;
  const traffic: DeploymentConfig["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"] =
    routing.type === "CANARY"
      ? { Type: "CANARY", WaitIntervalInSeconds: routing.waitInterval, CanarySize: { Type: "CAPACITY_PERCENT", Value: routing.canarySizePercent } }
      : routing.type === "LINEAR"
        ? { Type: "LINEAR", WaitIntervalInSeconds: routing.waitInterval, LinearStepSize: { Type: "CAPACITY_PERCENT", Value: routing.linearStepPercent } }
        : { Type: "ALL_AT_ONCE", WaitIntervalInSeconds: routing.waitInterval ?? 0 };
  return {
    BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: traffic, ...(blueGreen.terminationWait !== undefined ? { TerminationWaitInSeconds: blueGreen.terminationWait } : {}) },
    ...(blueGreen.alarms.length > 0 ? { AutoRollbackConfiguration: { Alarms: blueGreen.alarms.map((AlarmName) => ({ AlarmName })) } } : {}),
  };
}

export function describeTrafficShift(blueGreen: BlueGreen | null): string {
  if (!blueGreen) return "blue/green, all at once (SageMaker's default)";
  const r = blueGreen.trafficRouting;
  const shift =
    r.type === "CANARY"
      ? `canary: ${r.canarySizePercent}% first, the rest after ${formatDuration(r.waitInterval)}`
      : r.type === "LINEAR"
        ? `linear: ${r.linearStepPercent}% steps every ${formatDuration(r.waitInterval)}`
        : "all at once";
  const rollback = blueGreen.alarms.length > 0 ? `; rolls back automatically on ${blueGreen.alarms.join(", ")}` : "";
  return `blue/green, ${shift}${rollback}`;
}

/** Names derived from the plan id, so a retried plan finds its own model and config instead of making new ones. */
export function derivedName(base: string, planId: string): string {
  const suffix = planId.replace(/^p-/, "").slice(0, 8);
  return `${base.slice(0, 63 - suffix.length - 1).replace(/-+$/, "")}-${suffix}`;
}

/** `/deploy <group>[/<version>|@latest-approved] to <endpoint> [env=prod] [instance=...] [count=N]` */
export async function planDeploy(spec: ModelRef, endpointName: string, params: RequestParams, context: PlanningContext): Promise<PlanningResult> {
  // Planning runs after the ack: let the acks of requests that arrived meanwhile go out first.
  await new Promise<void>((resolve) => setImmediate(resolve));
  // The registry and the endpoint are independent look-ups: asked at once, answered in one wait.
  const [found, endpoint] = await Promise.all([resolveModelVersion(context.port, spec.group, spec.version), findEndpoint(context.port, endpointName)]);
  if (!found.ok) return invalid(found.problem);
  const pkg = found.value;
  if (!endpoint.ok) return invalid(endpoint.problem);
  const existing = endpoint.value;
  if (existing && existing.EndpointStatus !== "InService") {
    return invalid({ what: `Endpoint \`${endpointName}\` is ${existing.EndpointStatus}; it can only be updated when InService.`, fix: existing.EndpointStatus === "Failed" ? "A failed endpoint has to be deleted and deployed anew." : `Wait for the current change to finish (\`/sageops status ${endpointName}\`), then ask again.` });
  }
  const served = existing ? await servedModel(context.port, existing) : undefined;
  const facts = await endpointFacts(endpointName, existing?.EndpointArn, context);
  const environment = environmentForEndpoint(facts, params.environment, context);
  const env = context.policy.environments[environment.name];
  const instanceType = params.instanceType ?? served?.instanceType ?? env?.instanceTypes[0] ?? "ml.m5.large";
  const instanceCount = params.instanceCount ?? served?.instanceCount ?? 1;
  const planId = context.newPlanId();
  const version = pkg.ModelPackageVersion ?? 0;
  const modelName = derivedName(`${pkg.ModelPackageGroupName ?? spec.group}-v${version}`, planId);
  const configName = derivedName(endpointName, planId);

  return decide(
    context,
    { action: "deploy", environment: environment.name, instanceType, instanceCount, endpoint: facts, model: { packageGroup: pkg.ModelPackageGroupName ?? spec.group, version, approvalStatus: pkg.ModelApprovalStatus ?? "Unknown", arn: pkg.ModelPackageArn } },
    {
      id: planId,
      kind: "deploy",
      title: `Deploy ${pkg.ModelPackageGroupName ?? spec.group}/${version} to ${endpointName}`,
      resourceName: endpointName,
      track: { type: "endpoint", name: endpointName },
      previousEndpointConfig: served?.configName,
      details: (permit) => [
        { label: "Endpoint", value: existing ? `${endpointName} (update)` : `${endpointName} (new)` },
        { label: "Environment", value: `${environment.name} (${environment.why})` },
        { label: "Now serving", value: existing ? (served?.version ? describeVersion(served.version) : `config ${served?.configName ?? "unknown"}`) : "nothing (new endpoint)" },
        { label: "New version", value: describeVersion(pkg) },
        { label: "Instances", value: `${instanceCount} × ${instanceType}` },
        { label: "Model / config", value: `${modelName} / ${configName}` },
        ...(existing ? [{ label: "Traffic shift", value: describeTrafficShift(permit.blueGreen) }] : []),
      ],
      steps: (permit) => {
        const steps: PlanStep[] = [
          { operation: "CreateModel", request: { ModelName: modelName, ExecutionRoleArn: permit.executionRoleArn, Containers: [{ ModelPackageName: pkg.ModelPackageArn }], Tags: [{ Key: "sageops:plan", Value: planId }] } },
          { operation: "CreateEndpointConfig", request: { EndpointConfigName: configName, ProductionVariants: [{ VariantName: "AllTraffic", ModelName: modelName, InstanceType: instanceType, InitialInstanceCount: instanceCount, InitialVariantWeight: 1 }], Tags: [{ Key: "sageops:plan", Value: planId }] } },
        ];
        const blueGreen = permit.blueGreen;
        steps.push(
          existing
            ? { operation: "UpdateEndpoint", request: { EndpointName: endpointName, EndpointConfigName: configName, ...(blueGreen ? { DeploymentConfig: deploymentConfig(blueGreen) } : {}) } }
            : { operation: "CreateEndpoint", request: { EndpointName: endpointName, EndpointConfigName: configName, Tags: [{ Key: "sageops:environment", Value: environment.name }] } },
        );
        return steps;
      },
    },
  );
}
