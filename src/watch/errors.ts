import { SageMakerError } from "../kernel/sagemaker-port.js";

/**
 * SageMaker says "not found" two ways: ResourceNotFound from some APIs, and a ValidationException
 * ("Could not find endpoint", "Requested resource not found") from the Describe* of jobs and endpoints.
 */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof SageMakerError)) return false;
  return error.code === "ResourceNotFound" || (error.code === "Validation" && /not (?:be )?found|could not find|does not exist/i.test(error.message));
}

/** Errors that say "ask again later": the round stops and the poller backs off. */
export function isBackoff(error: unknown): boolean {
  return error instanceof SageMakerError && (error.code === "Throttling" || error.code === "Unavailable");
}
