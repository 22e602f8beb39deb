/**
 * The sandbox: a local, SIMULATED stand-in for Amazon SageMaker (and the slice of S3 that Model
 * Monitor writes to), on a loopback port. It speaks SageMaker's own wire protocol (AWS JSON 1.1),
 * so the real `@aws-sdk/client-sagemaker` and `@aws-sdk/client-s3` (path-style) run against it
 * unmodified: point them at `sandbox.url`. Nothing here touches AWS; jobs, endpoints, pipelines
 * and monitoring reports are simulated from a clock that runs faster than real time (or only when
 * a test advances it). Every answer carries the header `x-sageops-sandbox: true`.
 */
import { z } from "zod";
import { CallLog, type SandboxCall } from "./calls.js";
import { createPacedClock, DEFAULT_PACE, type SandboxClock } from "./clock.js";
import { SANDBOX_ACCOUNT } from "./env.js";
import { FaultInjector, FaultSettingsSchema, type FaultSettings } from "./faults.js";
import { seedExampleAccount } from "./seed.js";
import { startServer } from "./server.js";
import { SandboxState } from "./state.js";

export { createManualClock, createPacedClock, DEFAULT_PACE, EXAMPLE_START_MS, type ManualClock, type PacedClock, type SandboxClock } from "./clock.js";
export type { SandboxCall } from "./calls.js";
export type { FaultSettings } from "./faults.js";
export { SEED } from "./seed.js";

const OptionsSchema = z.object({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.literal("127.0.0.1", { error: "the sandbox listens on 127.0.0.1 only" }).optional(),
  region: z.string().regex(/^[a-z0-9-]{2,32}$/, "region must look like us-east-1").optional(),
  pace: z.number().positive().optional(),
  seed: z.boolean().optional(),
  faults: FaultSettingsSchema.optional(),
});

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: anything but 127.0.0.1 is refused. */
  host?: string;
  region?: string;
  /** Simulated seconds per real second for the default clock (ignored when `clock` is given). */
  pace?: number;
  /** The simulated clock; by default a paced clock starting at the top of the current hour. */
  clock?: SandboxClock;
  /** Load the example company's resources (default true). */
  seed?: boolean;
  faults?: FaultSettings;
}

export interface Sandbox {
  /** Base URL for both SageMaker and S3 (path-style), e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly account: string;
  readonly clock: SandboxClock;
  /** Changes fault injection at run time (unset fields keep their values). */
  setFaults(faults: FaultSettings): void;
  /** Every call received, in order. */
  readonly calls: readonly SandboxCall[];
  /** Calls received, all or of one operation (`DescribeTrainingJob`, `S3.GetObject`). */
  countCalls(operation?: string): number;
  resetCalls(): void;
  /** The operations the SageMaker side answers. */
  readonly operations: readonly string[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const parsed = OptionsSchema.parse(options);
  const region = parsed.region ?? "us-east-1";
  const clock = options.clock ?? createPacedClock({ pace: parsed.pace ?? DEFAULT_PACE });
  const state = new SandboxState(region);
  if (parsed.seed ?? true) seedExampleAccount(state, clock.now());
  const faults = new FaultInjector(parsed.faults);
  const calls = new CallLog();
  const server = await startServer({ state, clock, faults, calls }, { host: "127.0.0.1", port: parsed.port ?? 0 });
  return {
    url: server.url,
    port: server.port,
    region,
    account: SANDBOX_ACCOUNT,
    clock,
    setFaults: (settings) => faults.set(settings),
    get calls() {
      return calls.all;
    },
    countCalls: (operation) => calls.count(operation),
    resetCalls: () => calls.reset(),
    operations: state.operationNames,
    close: () => server.close(),
  };
}
