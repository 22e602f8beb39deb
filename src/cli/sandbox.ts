/**
 * `sageops sandbox [--port N] [--pace X] [--empty]`: runs the SageMaker sandbox alone on
 * 127.0.0.1 until interrupted, and says how to point an AWS SDK at it.
 */
import { z } from "zod";
import { DEFAULT_PACE, type Sandbox, startSandbox } from "../sandbox/index.js";

const SandboxArgs = z.object({
  port: z.coerce.number({ error: "--port takes a port number (0..65535)" }).int("--port takes a port number (0..65535)").min(0, "--port takes a port number (0..65535)").max(65535, "--port takes a port number (0..65535)").optional(),
  pace: z.coerce.number({ error: "--pace takes a positive number of simulated seconds per real second" }).positive("--pace takes a positive number of simulated seconds per real second").optional(),
  empty: z.literal(true).optional(),
});
type SandboxArgs = z.infer<typeof SandboxArgs>;

const USAGE = "usage: sageops sandbox [--port N] [--pace X] [--empty]";

function parseArgs(args: string[]): SandboxArgs | string {
  const values: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i];
    if (flag === "--empty") {
      values.empty = true;
      continue;
    }
    const value = args[i + 1];
    if ((flag === "--port" || flag === "--pace") && value !== undefined && !value.startsWith("--")) {
      values[flag.slice(2)] = value;
      i += 1;
      continue;
    }
    return flag === "--port" || flag === "--pace" ? `${flag} needs a value (${USAGE})` : `unknown argument ${JSON.stringify(flag)} (${USAGE})`;
  }
  const parsed = SandboxArgs.safeParse(values);
  return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? USAGE);
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/**
 * Runs the sandbox until SIGINT/SIGTERM (or until `stopWhen` settles, for tests) and returns
 * the exit code: 0 after a clean stop, 2 for bad arguments, 1 if it could not start.
 */
export async function sandboxCommand(args: string[], io: { out: (line: string) => void; err: (line: string) => void }, stopWhen?: Promise<void>): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.err(`sageops sandbox: ${parsed}`);
    return 2;
  }
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ port: parsed.port ?? 0, pace: parsed.pace, seed: parsed.empty !== true });
  } catch (error) {
    io.err(`sageops sandbox: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.out(sandbox.url);
  io.out(
    `This is a local simulation of SageMaker and S3 (no AWS), ${parsed.pace ?? DEFAULT_PACE} simulated seconds per real second${parsed.empty ? ", empty" : ", with the example account"}. Point an AWS SDK at it with AWS_ENDPOINT_URL=${sandbox.url} (S3 path-style). SageMaker's state-change events arrive on the SQS queue SAGEOPS_EVENTS_QUEUE_URL=${sandbox.eventsQueue.url}. Ctrl-C stops it.`,
  );
  await (stopWhen ?? untilSignalled());
  await sandbox.close();
  return 0;
}
