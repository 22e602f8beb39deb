import { awsTargetFromConfig } from "../aws/clients.js";
import { createInterpreter } from "../compose/interpreter.js";
import { policyInventory } from "../compose/inventory.js";
import { policyInForce } from "../compose/policy.js";
import { ConfigError, loadConfig } from "../config.js";
import type { Interpreter } from "../interpret/schema.js";
import { createLogger } from "../logger.js";
import { evalCommand } from "./eval.js";
import { interpretCommand } from "./interpret.js";
import { type CliIo, EXIT, linesOf, processIo } from "./io.js";
import { policyCommand } from "./policy.js";
import { runCommand } from "./run.js";
import { sandboxCommand, sandboxRegisterVersionCommand, sandboxRunMonitorCommand } from "./sandbox.js";

/**
 * The interpreter the environment asks for (Bedrock when BEDROCK_MODEL_ID is set), knowing the names
 * of the policy the bot would start with, or a config error.
 */
function interpreterFrom(env: Record<string, string | undefined>, io: CliIo): Interpreter | undefined {
  try {
    const config = loadConfig(env);
    const { policy } = policyInForce(config, !config.aws.configured);
    const logger = createLogger({ level: config.logLevel ?? "warn" });
    return createInterpreter({ config, target: awsTargetFromConfig(config.aws), logger, inventory: policyInventory(policy) });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`sageops: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

const USAGE = [
  "usage: sageops <command>",
  "  start                      run the bot (Socket Mode, HTTP or the local console, from the environment)",
  "  console [--user U] [--channel C]   the local console, whatever the environment",
  "  interpret [--jsonl]        one utterance per line on stdin, one JSON interpretation per line on stdout",
  "  sandbox [--port N]         run the local SageMaker sandbox alone on 127.0.0.1",
  "  sandbox run-monitor SCHEDULE [--url URL] [--clean|--violations|--fail]   run a sandbox monitoring schedule now",
  "  sandbox register-version GROUP [--url URL] [--auc N]   register a new model version on a running sandbox",
  "  policy check FILE          validate a policy file",
  "  eval [--file F]            interpreter accuracy on the labelled set",
].join("\n");

/** The `sageops` CLI. Returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo(), env: Record<string, string | undefined> = process.env): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case undefined:
    case "start":
      return runCommand(args, io, env, false);
    case "console":
      return runCommand(args, io, env, true);
    case "interpret": {
      const interpreter = interpreterFrom(env, io);
      return interpreter ? interpretCommand(args, { stdin: linesOf(io.stdin), out: io.out, err: io.err }, interpreter) : EXIT.usage;
    }
    case "eval": {
      const interpreter = interpreterFrom(env, io);
      return interpreter ? evalCommand(args, io, interpreter) : EXIT.usage;
    }
    case "sandbox":
      if (args[0] === "run-monitor") return sandboxRunMonitorCommand(args.slice(1), io, env);
      if (args[0] === "register-version") return sandboxRegisterVersionCommand(args.slice(1), io, env);
      return sandboxCommand(args, io);
    case "policy":
      return policyCommand(args, io);
    case "help":
    case "--help":
    case "-h":
      io.out(USAGE);
      return EXIT.ok;
    default:
      io.err(`sageops: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return EXIT.usage;
  }
}
