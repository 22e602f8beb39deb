/**
 * SageMaker's error shapes. The server turns a SandboxError into an AWS JSON 1.1 error response
 * (`__type` plus `x-amzn-ErrorType`), which the real SDK raises as the named exception.
 */

type SageMakerErrorType =
  | "ValidationException"
  | "ResourceNotFound"
  | "ResourceInUse"
  | "ResourceLimitExceeded"
  | "ConflictException"
  | "ThrottlingException"
  | "UnknownOperationException"
  | "SerializationException"
  | "InternalFailure"
  | "ServiceUnavailable";

export class SandboxError extends Error {
  constructor(
    readonly type: SageMakerErrorType,
    message: string,
    readonly httpStatus: number = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const validationError = (message: string): SandboxError => new SandboxError("ValidationException", message);
export const notFoundError = (message = "Requested resource not found."): SandboxError => new SandboxError("ResourceNotFound", message);
export const inUseError = (message: string): SandboxError => new SandboxError("ResourceInUse", message);
export const limitError = (message: string): SandboxError => new SandboxError("ResourceLimitExceeded", message);
