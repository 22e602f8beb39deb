import { processIo, EXIT, type CliIo } from "./io.js";
import { runCommand } from "./run.js";

const USAGE = [
  "usage: sageops <command>",
  "  start                      run the bot (Socket Mode, HTTP or the local console, from the environment)",
  "  console [--user U] [--channel C]   the local console, whatever the environment",
  "  interpret [--jsonl]        one utterance per line on stdin, one JSON interpretation per line on stdout",
  "  sandbox [--port N]         run the local SageMaker sandbox alone on 127.0.0.1",
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
