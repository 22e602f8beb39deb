import type { EnvironmentPolicy } from "./policy-schema.js";

/** What a job runs: a built-in algorithm at a version, or a container image. */
export type ImageRef = { kind: "builtin"; algorithm: string; version: string } | { kind: "custom"; uri: string };

/**
 * True when an S3 URI lies under a prefix. Prefixes end in "/", so s3://b/churn/ never covers
 * s3://b/churn-private/; a URI naming the prefix itself without its slash counts as inside.
 */
export function uriWithin(uri: string, prefix: string): boolean {
  return uri.startsWith(prefix) || `${uri}/` === prefix;
}

export function uriWithinAny(uri: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => uriWithin(uri, prefix));
}

/** An image pattern matches exactly, or by prefix when it ends in "*". */
export function imageMatches(uri: string, pattern: string): boolean {
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
