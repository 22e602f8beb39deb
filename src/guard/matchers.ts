import type { EnvironmentPolicy, Policy } from "./policy-schema.js";

/** What a job runs: a built-in algorithm at a version, or a container image. */
export type ImageRef = { kind: "builtin"; algorithm: string; version: string } | { kind: "custom"; uri: string };

/** A prefix as a folder: with its closing slash, so s3://b/churn/ can never cover s3://b/churn-private/. */
function asFolder(prefix: string): string {
  return prefix.endsWith("/") ? prefix : `${prefix}/`;
}

/**
 * True when an S3 URI lies under a prefix: it equals the prefix or continues it after its slash.
 * `s3://b/churn` is not inside `s3://b/churn/`: as an S3Prefix it would also read `churn-private/`.
 */
export function uriWithin(uri: string, prefix: string): boolean {
  const folder = asFolder(prefix);
  return uri === folder || uri.startsWith(folder);
}

export function uriWithinAny(uri: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => uriWithin(uri, prefix));
}

/** `s3://b/churn` for an allowed `s3://b/churn/`: the URI the person most likely meant, with its slash. */
export function withClosingSlash(uri: string, prefixes: readonly string[]): string | undefined {
  if (uri.endsWith("/")) return undefined;
  const folder = `${uri}/`;
  return uriWithinAny(folder, prefixes) ? folder : undefined;
}

/**
 * The environments whose output prefix is the most specific one containing this URI: the owners of
 * that location. Several environments may share a prefix; all of them own it then.
 */
export function outputOwners(policy: Policy, uri: string): string[] {
  let best = -1;
  let owners: string[] = [];
  for (const [name, env] of Object.entries(policy.environments)) {
    const folder = asFolder(env.outputPrefix);
    if (!uriWithin(uri, folder)) continue;
    if (folder.length > best) {
      best = folder.length;
      owners = [name];
    } else if (folder.length === best) owners.push(name);
  }
  return owners;
}

/** A name matches a pattern exactly, or with each * standing for any run of characters. */
export function nameMatches(name: string, pattern: string): boolean {
  if (!pattern.includes("*")) return name === pattern;
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(name);
}

/** The environments whose `endpoints` list names or matches this endpoint. */
export function endpointOwners(policy: Policy, endpoint: string): string[] {
  return Object.entries(policy.environments)
    .filter(([, env]) => env.endpoints.some((pattern) => nameMatches(endpoint, pattern)))
    .map(([name]) => name);
}

/** An image pattern matches exactly, or by prefix when it ends in "*". */
function imageMatches(uri: string, pattern: string): boolean {
  return pattern.endsWith("*") ? uri.startsWith(pattern.slice(0, -1)) : uri === pattern;
}

export function imageAllowed(env: Pick<EnvironmentPolicy, "algorithms" | "images">, image: ImageRef): boolean {
  if (image.kind === "builtin")
    return env.algorithms.some((allowed) => allowed.name === image.algorithm && (allowed.version === undefined || allowed.version === image.version));
  return env.images.some((pattern) => imageMatches(image.uri, pattern));
}

/** "xgboost 1.7-1, linear-learner (any version), 1234.dkr.ecr.../churn:*", or "none". */
export function describeAllowedImages(env: Pick<EnvironmentPolicy, "algorithms" | "images">): string[] {
  return [
    ...env.algorithms.map((allowed) => (allowed.version === undefined ? `${allowed.name} (any version)` : `${allowed.name} ${allowed.version}`)),
    ...env.images,
  ];
}

export function describeImage(image: ImageRef): string {
  return image.kind === "builtin" ? `${image.algorithm} ${image.version}` : image.uri;
}
