import fs from "node:fs";
import { loadPolicy, type PolicyProblem } from "../guard/policy.js";
import { EXIT } from "./io.js";

const USAGE = "usage: sageops policy check FILE";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function formatProblem(file: string, problem: PolicyProblem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}`;
  return problem.path === "" ? `${where}: ${problem.message}` : `${where}: ${problem.path}: ${problem.message}`;
}

/**
 * `sageops policy check FILE`: prints "FILE: ok (N environments, M recipes)" and returns 0, or
 * one "FILE:LINE: path: message" line per problem and returns 2. Bad usage or a missing file:
 * one line on stderr, 2.
 */
export async function policyCommand(args: string[], io: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  const [sub, file, ...extra] = args;
  if (sub !== "check" || file === undefined || extra.length > 0) {
    io.err(USAGE);
    return EXIT.usage;
  }
  if (!fs.existsSync(file)) {
    io.err(`${file}: no such file`);
    return EXIT.usage;
  }
  const result = loadPolicy(file);
  if (!result.ok) {
    for (const problem of result.problems) io.out(formatProblem(file, problem));
    return EXIT.usage;
  }
  const { environments, recipes } = result.policy;
  io.out(`${file}: ok (${plural(Object.keys(environments).length, "environment")}, ${plural(Object.keys(recipes).length, "recipe")})`);
  return EXIT.ok;
}
