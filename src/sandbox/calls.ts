/** The record of every call the sandbox received, so tests can count what a client really sent. */

export interface SandboxCall {
  /** `CreateTrainingJob` for SageMaker, `S3.GetObject` for S3. */
  operation: string;
  /** Real time the call arrived. */
  at: Date;
  /** Simulated time the call arrived. */
  simulatedAt: Date;
  /** HTTP status of the answer. */
  status: number;
  /** The AWS error name when the call failed (`ThrottlingException`, `ResourceNotFound`, ...). */
  error?: string;
  /** Set when the answer was an injected fault. */
  injectedFault?: boolean;
  /** A SageMaker call's top-level name fields (`TrainingJobName`, `EndpointName`, ...), to tell calls about different resources apart. */
  names?: Record<string, string>;
}

export class CallLog {
  private entries: SandboxCall[] = [];

  record(call: SandboxCall): void {
    this.entries.push(call);
  }

  get all(): readonly SandboxCall[] {
    return this.entries;
  }

  count(operation?: string): number {
    return operation === undefined ? this.entries.length : this.entries.filter((c) => c.operation === operation).length;
  }

  /** Successful calls of one operation about one resource: how many times SageMaker did it. */
  countDone(operation: string, names: Record<string, string>): number {
    return this.entries.filter((c) => c.operation === operation && c.status === 200 && Object.entries(names).every(([key, value]) => c.names?.[key] === value)).length;
  }

  reset(): void {
    this.entries = [];
  }
}
