import { ownValue } from "../kernel/lookup.js";
import { type AwsErrorCode, SageMakerError } from "../kernel/sagemaker-port.js";

/** AWS error names (as the SDK sets `error.name`) to our codes. */
const CODES: Record<string, AwsErrorCode> = {
  ResourceInUse: "ResourceInUse",
  ResourceNotFound: "ResourceNotFound",
  ValidationException: "Validation",
  ThrottlingException: "Throttling",
  ThrottledException: "Throttling",
  TooManyRequestsException: "Throttling",
  RequestLimitExceeded: "Throttling",
  ResourceLimitExceeded: "LimitExceeded",
  AccessDeniedException: "AccessDenied",
  AccessDenied: "AccessDenied",
  UnrecognizedClientException: "AccessDenied",
  ExpiredTokenException: "AccessDenied",
  ServiceUnavailable: "Unavailable",
  InternalFailure: "Unavailable",
  InternalServerError: "Unavailable",
};

/** Wraps whatever the SDK threw into a SageMakerError with a code the domain can act on. */
export function toSageMakerError(error: unknown): SageMakerError {
  if (error instanceof SageMakerError) return error;
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const code = ownValue(CODES, error.name) ?? (status !== undefined && status >= 500 ? "Unavailable" : error.name === "CredentialsProviderError" ? "AccessDenied" : "Other");
    return new SageMakerError(code, error.message || error.name, error.name, { cause: error });
  }
  return new SageMakerError("Other", String(error), "Unknown", { cause: error });
}
