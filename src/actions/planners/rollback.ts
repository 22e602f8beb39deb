import { describeVersion, findEndpoint, servedModel } from "../model-versions.js";
import { decide, endpointFacts, environmentForEndpoint, invalid, type PlanningContext, type PlanningResult } from "../planning.js";
import { deploymentConfig, describeTrafficShift } from "./deploy.js";

/** `/sageops rollback <endpoint>`: back to the configuration the last sageops change replaced. */
export async function planRollback(endpointName: string, environmentName: string | undefined, context: PlanningContext): Promise<PlanningResult> {
  const endpoint = await findEndpoint(context.port, endpointName);
  if (!endpoint.ok) return invalid(endpoint.problem);
  const current = endpoint.value;
  if (!current) return invalid({ what: `There is no endpoint named \`${endpointName}\`.`, fix: "`/sageops status` lists endpoints sageops follows." });
  if (current.EndpointStatus !== "InService") return invalid({ what: `Endpoint \`${endpointName}\` is ${current.EndpointStatus}; roll back once it is InService.`, fix: current.EndpointStatus === "Updating" ? "If its blue/green update is failing, SageMaker's auto-rollback alarms return it by themselves." : undefined });
  const previous = context.previousConfigOf(endpointName);
  if (!previous) return invalid({ what: `I have no earlier configuration of \`${endpointName}\` to return to.`, fix: "Rollback returns to the configuration a sageops deploy replaced; deploy the version you want with `/deploy` instead." });
  if (previous === current.EndpointConfigName) return invalid({ what: `\`${endpointName}\` already runs its previous configuration (${previous}).` });
  const served = await servedModel(context.port, current);
  const facts = await endpointFacts(endpointName, current.EndpointArn, context);
  const environment = environmentForEndpoint(facts, environmentName, context);

  return decide(
    context,
    { action: "rollback", environment: environment.name, endpoint: facts },
    {
      kind: "rollback",
      title: `Roll back ${endpointName}`,
      resourceName: endpointName,
      track: { type: "endpoint", name: endpointName },
      previousEndpointConfig: current.EndpointConfigName,
      details: (permit) => [
        { label: "Endpoint", value: endpointName },
        { label: "Environment", value: `${environment.name} (${environment.why})` },
        { label: "Now serving", value: served?.version ? `${describeVersion(served.version)}, config ${current.EndpointConfigName ?? "?"}` : `config ${current.EndpointConfigName ?? "?"}` },
        { label: "Returns to", value: `config ${previous}` },
        { label: "Traffic shift", value: describeTrafficShift(permit.blueGreen) },
      ],
      steps: (permit) => [{ operation: "UpdateEndpoint", request: { EndpointName: endpointName, EndpointConfigName: previous, ...(permit.blueGreen ? { DeploymentConfig: deploymentConfig(permit.blueGreen) } : {}) } }],
    },
  );
}
