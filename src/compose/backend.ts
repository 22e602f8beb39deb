/** Which SageMaker the bot talks to: the configured account, a target the caller gives, or the embedded sandbox. */
import { type AwsTarget, awsTargetFromConfig, sandboxTarget } from "../aws/clients.js";
import type { Config } from "../config.js";
import { type Sandbox, startSandbox } from "../sandbox/index.js";

export interface Backend {
  target: AwsTarget;
  /** Set when the embedded sandbox was started for this bot; it stops with the bot. */
  sandbox?: Sandbox;
}

/** With no AWS configured and no target given, starts the embedded sandbox on loopback. */
export async function connectBackend(config: Pick<Config, "aws">, given: AwsTarget | undefined): Promise<Backend> {
  if (given) return { target: given };
  if (config.aws.configured) return { target: awsTargetFromConfig(config.aws) };
  const sandbox = await startSandbox({ region: config.aws.region });
  return { target: sandboxTarget(sandbox.url, config.aws.region), sandbox };
}

/** An endpoint URL as it may be shown: no user, password, query or fragment, which can carry credentials. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "a custom endpoint (its URL could not be read)";
  }
}

export function describeBackend(backend: Backend): string {
  if (backend.sandbox) return `SageMaker: the embedded sandbox at ${backend.sandbox.url}, a local simulation; nothing here touches AWS.`;
  const { target } = backend;
  return `SageMaker: ${target.sagemakerEndpoint ? withoutCredentials(target.sagemakerEndpoint) : `AWS ${target.region}`}.`;
}
