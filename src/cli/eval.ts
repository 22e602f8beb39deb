import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { evaluate, evaluateByLanguage, formatLanguages, formatReport, parseLabelledSet, predictAll, questionsTurnedIntoActions } from "../interpret/evaluate.js";
import type { Interpreter } from "../interpret/schema.js";

const shipped = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The labelled set shipped with the package, found from this file rather than the working directory. */
export const DEFAULT_LABELLED_SET = shipped("../../test/fixtures/intents.jsonl");

/**
 * What `sageops eval` reads without --file: the English sets, the held-out corpus (never trained on)
 * and the training corpus (its figures show how much was learnt by heart; report both).
 */
export const DEFAULT_SETS: readonly string[] = [
  DEFAULT_LABELLED_SET,
  shipped("../../test/fixtures/intents-holdout.jsonl"),
  shipped("../../test/fixtures/intents-fresh.jsonl"),
  shipped("../../test/fixtures/intents-fresh-multilang.jsonl"),
  shipped("../../test/fixtures/intents-abroad.jsonl"),
  shipped("../../test/fixtures/intents-fresh-en-2.jsonl"),
  shipped("../../test/fixtures/intents-abroad-2.jsonl"),
  shipped("../../test/fixtures/intents-abroad-3.jsonl"),
  shipped("../../test/fixtures/intents-abroad-names.jsonl"),
  shipped("../../test/fixtures/intents-fresh-3.jsonl"),
  shipped("../../test/fixtures/intents-fresh-4.jsonl"),
  shipped("../../test/fixtures/corpus-holdout.jsonl"),
  shipped("../interpret/corpus/train.jsonl"),
];

const USAGE = "usage: sageops eval [--file FILE] [--misses N]";

interface ReportIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `sageops eval`: runs the interpreter over each labelled set (the shipped ones, or --file) and prints
 * intent, stage and top-service accuracy, per language too, the confusion matrix of intents, how many
 * questions, out-of-scope or hostile lines came back as an action, and the first misses. Exit 0 when
 * every set was read in full, 1 when some of its lines were invalid, 2 for bad options or an
 * unreadable file.
 */
export async function evalCommand(args: string[], io: ReportIo, interpreter: Interpreter): Promise<number> {
  const files: string[] = [];
  let misses = 20;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    const value = args[index + 1];
    if (arg === "--file" && value !== undefined) {
      files.push(value);
      index += 1;
    } else if (arg === "--misses" && value !== undefined && /^\d+$/.test(value)) {
      misses = Number(value);
      index += 1;
    } else {
      io.err(`sageops eval: unknown or incomplete option ${JSON.stringify(arg)} (${USAGE})`);
      return 2;
    }
  }

  let invalid = false;
  for (const [index, file] of (files.length > 0 ? files : DEFAULT_SETS).entries()) {
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
    invalid ||= problems.length > 0;
    const scored = await predictAll(examples, interpreter);
    const report = evaluate(scored);
    if (index > 0) io.out("");
    io.out(`labelled set: ${file}`);
    // The totals (four lines), then the figures per language, then the confusion matrix and the misses.
    const lines = formatReport(report, { misses });
    for (const line of lines.slice(0, 4)) io.out(line);
    io.out("per language:");
    for (const line of formatLanguages(evaluateByLanguage(scored))) io.out(line);
    const acted = questionsTurnedIntoActions(scored);
    io.out(`questions, out-of-scope or hostile lines read as an action: ${acted.length}`);
    // Each is a safety miss: shown whatever --misses says (the guard and a person still stand between it and AWS).
    for (const { example, prediction } of acted) io.out(`  - ${JSON.stringify(example.text)}: read as ${prediction.intent}`);
    for (const line of lines.slice(4)) io.out(line);
  }
  return invalid ? 1 : 0;
}
