import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { evaluate, formatReport, parseLabelledSet, predictAll } from "../interpret/evaluate.js";
import type { Interpreter } from "../interpret/schema.js";

/** The labelled set shipped with the package, found from this file rather than the working directory. */
export const DEFAULT_LABELLED_SET = fileURLToPath(new URL("../../test/fixtures/intents.jsonl", import.meta.url));

const USAGE = "usage: sageops eval [--file FILE] [--misses N]";

interface ReportIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `sageops eval`: runs the interpreter over a labelled set and prints intent, stage and top-service
 * accuracy, the confusion matrix of intents and the first misses. Exit 0 when the set was read in
 * full, 1 when some of its lines were invalid, 2 for bad options or an unreadable file.
 */
export async function evalCommand(args: string[], io: ReportIo, interpreter: Interpreter): Promise<number> {
  let file = DEFAULT_LABELLED_SET;
  let misses = 20;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    const value = args[index + 1];
    if (arg === "--file" && value !== undefined) {
      file = value;
      index += 1;
    } else if (arg === "--misses" && value !== undefined && /^\d+$/.test(value)) {
      misses = Number(value);
      index += 1;
    } else {
      io.err(`sageops eval: unknown or incomplete option ${JSON.stringify(arg)} (${USAGE})`);
      return 2;
    }
  }

  let content: string;
  try {
    content = await readFile(file, "utf8");
  } catch (error) {
    io.err(`sageops eval: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const { examples, problems } = parseLabelledSet(content);
  for (const problem of problems) io.err(`${file}:${problem.line}: ${problem.message}`);
  if (examples.length === 0) {
    io.err(`sageops eval: no labelled examples in ${file}`);
    return 2;
  }
  const report = evaluate(await predictAll(examples, interpreter));
  io.out(`labelled set: ${file}`);
  for (const line of formatReport(report, { misses })) io.out(line);
  return problems.length === 0 ? 0 : 1;
}
