import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evalCommand } from "../../src/cli/eval.js";
import { interpretCommand } from "../../src/cli/interpret.js";
import { createOfflineInterpreter } from "../../src/interpret/offline.js";
import type { Interpreter } from "../../src/interpret/schema.js";

async function* linesOf(lines: string[]): AsyncIterable<string> {
  for (const line of lines) yield line;
}

function terminal(lines: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdin: linesOf(lines), out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

const offline = createOfflineInterpreter();

describe("sageops interpret", () => {
  it("prints one JSON object per utterance with exactly the documented keys, in order", async () => {
    const { io, out, err } = terminal(["which service detects data drift?", "", "deploy churn-xgb/1 to churn-prod env=prod"]);
    expect(await interpretCommand([], io, offline)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(2);
    const first = JSON.parse(out[0] ?? "") as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(["text", "intent", "stage", "services", "params", "confidence"]);
    expect(first).toMatchObject({ text: "which service detects data drift?", intent: "ask", stage: "monitoring" });
    expect(JSON.parse(out[1] ?? "")).toMatchObject({ intent: "deploy", params: { endpointName: "churn-prod", modelVersion: 1 } });
  });

  it("reads JSON lines with --jsonl, reports a bad line on stderr, carries on, and exits 1", async () => {
    const { io, out, err } = terminal(['{"text":"rollback churn-prod"}', "{not json", '{"txt":"no text"}', '{"text":"help","intent":"help"}']);
    expect(await interpretCommand(["--jsonl"], io, offline)).toBe(1);
    expect(out.map((line) => (JSON.parse(line) as { intent: string }).intent)).toEqual(["deploy", "help"]);
    expect(err).toEqual(["line 2: not valid JSON", 'line 3: expected an object with a string "text"']);
  });

  it("refuses an unknown option with one line and exit code 2, reading nothing", async () => {
    const { io, out, err } = terminal(["train churn-xgb"]);
    expect(await interpretCommand(["--yaml"], io, offline)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain("--yaml");
  });

  it("reports an interpreter that fails on a line and keeps going", async () => {
    const flaky: Interpreter = {
      async interpret(text) {
        if (text === "boom") throw new Error("model unavailable");
        return offline.interpret(text);
      },
    };
    const { io, out, err } = terminal(["boom", "help"]);
    expect(await interpretCommand([], io, flaky)).toBe(1);
    expect(out).toHaveLength(1);
    expect(err).toEqual(["line 1: could not interpret: model unavailable"]);
  });
});

describe("sageops eval", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sageops-eval-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("scores the shipped labelled set by default and prints accuracies and a confusion matrix", async () => {
    const { io, out, err } = terminal();
    expect(await evalCommand([], io, offline)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/intents\.jsonl$/);
    expect(out.some((line) => /^intent accuracy:\s+\d+\.\d%$/.test(line))).toBe(true);
    expect(out.some((line) => /^stage accuracy:\s+\d+\.\d%$/.test(line))).toBe(true);
    expect(out.some((line) => /^top-service accuracy:\s+\d+\.\d%$/.test(line))).toBe(true);
    expect(out.some((line) => /^\s+ask\s+train\s+tune\s+deploy/.test(line))).toBe(true);
    // Every shipped set, the training corpus included: about 9,000 lines, over 30 s on a busy two-core machine.
  }, 120_000);

  it("scores another file given with --file, naming its bad lines and exiting 1", async () => {
    const file = path.join(dir, "mine.jsonl");
    writeFileSync(file, ['{"text":"train churn-xgb","intent":"train","stage":"training","service":"sagemaker-training"}', '{"text":"oops"}'].join("\n"));
    const { io, out, err } = terminal();
    expect(await evalCommand(["--file", file], io, offline)).toBe(1);
    expect(out).toContain("examples: 1");
    expect(out).toContain("intent accuracy:      100.0%");
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(`${file}:2:`);
  });

  it("names every question, out-of-scope or hostile line read as an action, whatever --misses says", async () => {
    const file = path.join(dir, "safety.jsonl");
    writeFileSync(file, ['{"text":"what does batch transform do?","intent":"ask","stage":"deployment","service":"batch-transform"}', '{"text":"deploy churn-xgb/2 to churn-staging","intent":"ask","stage":null,"service":null}'].join("\n"));
    const { io, out } = terminal();
    expect(await evalCommand(["--file", file, "--misses", "0"], io, offline)).toBe(0);
    const count = out.findIndex((line) => line.startsWith("questions, out-of-scope or hostile lines read as an action:"));
    expect(out[count]).toMatch(/: 1$/);
    expect(out[count + 1]).toBe('  - "deploy churn-xgb/2 to churn-staging": read as deploy');
  });

  it("exits 2 for an unreadable file or an unknown option", async () => {
    const missing = terminal();
    expect(await evalCommand(["--file", path.join(dir, "nope.jsonl")], missing.io, offline)).toBe(2);
    expect(missing.err[0]).toContain("cannot read");
    const bad = terminal();
    expect(await evalCommand(["--verbose"], bad.io, offline)).toBe(2);
    expect(bad.err).toHaveLength(1);
  });
});
