import { z } from "zod";
import type { Interpreter, Request } from "../interpret/schema.js";

/** Lines in, lines out: what `sageops interpret` needs from the terminal. */
interface LineIo {
  /** Standard input, one line per item, without line endings. */
  stdin: AsyncIterable<string>;
  out: (line: string) => void;
  err: (line: string) => void;
}

const JsonLine = z.object({ text: z.string() });

const USAGE = "usage: sageops interpret [--jsonl]";

/** The output line: exactly these keys, in this order. */
function outputLine(request: Request): string {
  const { text, intent, stage, services, params, confidence } = request;
  return JSON.stringify({ text, intent, stage, services, params, confidence });
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `sageops interpret`: one utterance per line on stdin (or JSON lines `{"text": ...}` with --jsonl),
 * one JSON interpretation per line on stdout. A line that cannot be read is reported on stderr and
 * skipped; the exit code is 0 when every line was read, 1 when some were not, 2 for bad options.
 */
export async function interpretCommand(args: string[], io: LineIo, interpreter: Interpreter): Promise<number> {
  let jsonl = false;
  for (const arg of args) {
    if (arg === "--jsonl") jsonl = true;
    else {
      io.err(`sageops interpret: unknown option ${JSON.stringify(arg)} (${USAGE})`);
      return 2;
    }
  }

  let lineNumber = 0;
  let failures = 0;
  for await (const rawLine of io.stdin) {
    lineNumber += 1;
    const line = rawLine.replace(/\r$/, "");
    if (line.trim() === "") continue;
    let text = line;
    if (jsonl) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        io.err(`line ${lineNumber}: not valid JSON`);
        failures += 1;
        continue;
      }
      const parsed = JsonLine.safeParse(value);
      if (!parsed.success) {
        io.err(`line ${lineNumber}: expected an object with a string "text"`);
        failures += 1;
        continue;
      }
      text = parsed.data.text;
    }
    try {
      io.out(outputLine(await interpreter.interpret(text)));
    } catch (error) {
      io.err(`line ${lineNumber}: could not interpret: ${describeError(error)}`);
      failures += 1;
    }
  }
  return failures === 0 ? 0 : 1;
}
