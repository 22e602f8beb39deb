import readline from "node:readline";

/** What a CLI command needs from the terminal, passed in so tests can drive commands directly. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  out: (line: string) => void;
  err: (line: string) => void;
}

export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}

/** Lines of a stream, without their line endings. */
export async function* linesOf(stream: NodeJS.ReadableStream): AsyncIterable<string> {
  const reader = readline.createInterface({ input: stream, terminal: false, crlfDelay: Infinity });
  for await (const line of reader) yield line;
}

/** Exit codes: 0 ok, 1 a failure at run time, 2 bad usage or bad configuration. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
