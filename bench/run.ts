/**
 * Benchmarks: prints figures, asserts nothing about speed (tests assert behaviour).
 * Run with `npm run bench`.
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { createSageMakerClient, sandboxTarget } from "../src/aws/clients.js";
import { SdkSageMakerPort } from "../src/aws/sagemaker.js";
import { composeAnswer } from "../src/catalog/answer.js";
import { DEFAULT_LABELLED_SET } from "../src/cli/eval.js";
import { EXAMPLE_POLICY_PATH } from "../src/compose/policy.js";
import { evaluate } from "../src/guard/checks.js";
import { loadPolicy } from "../src/guard/policy.js";
import { interpretOffline } from "../src/interpret/offline.js";
import { startSandbox } from "../src/sandbox/index.js";
import { renderAnswer } from "../src/slack/blocks/answer.js";
import { renderPlan } from "../src/slack/blocks/plan.js";
import { openDatabase } from "../src/store/db.js";
import { SqlitePlanRepository } from "../src/store/plans.js";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function report(name: string, samplesMs: number[]): void {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = samplesMs.reduce((a, b) => a + b, 0);
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(`${name.padEnd(44)} n=${String(samplesMs.length).padStart(6)}  p50 ${us(percentile(sorted, 50)).padStart(10)}  p99 ${us(percentile(sorted, 99)).padStart(10)}  max ${us(sorted.at(-1) ?? 0).padStart(10)}  ${(samplesMs.length / (total / 1000)).toFixed(0)}/s`);
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const utterances = fs
  .readFileSync(DEFAULT_LABELLED_SET, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text);

// Warm up the interpreter's lexicons.
for (const text of utterances) interpretOffline(text);
const interpretSamples: number[] = [];
for (let round = 0; round < 10; round += 1) for (const text of utterances) interpretSamples.push(time(() => interpretOffline(text)));
report("offline interpreter, labelled set", interpretSamples);

const longText = `${"please ".repeat(700)}train churn-xgb`;
report("offline interpreter, 5,000-character input", Array.from({ length: 200 }, () => time(() => interpretOffline(longText))));

const answerSamples = utterances.slice(0, 200).map((text) => {
  const request = interpretOffline(text);
  return time(() => renderAnswer(composeAnswer(request)));
});
report("compose + render an answer", answerSamples);

const policy = loadPolicy(EXAMPLE_POLICY_PATH);
if (!policy.ok) throw new Error("policy.example.yml does not load");
const guardInput = {
  action: "train" as const,
  requester: { userId: "U0ENGINEER" },
  channelId: "C0MLOPS",
  environment: "dev",
  region: "us-east-1",
  image: { kind: "builtin" as const, algorithm: "xgboost", version: "1.7-1" },
  inputUris: ["s3://sageops-demo/churn/train/"],
  outputUri: "s3://sageops-demo/churn/output/",
  instanceType: "ml.m5.xlarge",
  instanceCount: 1,
  maxRuntimeSeconds: 3600,
  frozen: false,
  usage: { jobsLastHour: 0, concurrentJobs: 0 },
};
report("guard evaluate (train, allowed)", Array.from({ length: 5000 }, () => time(() => evaluate(policy.policy, guardInput))));
report("guard evaluate (train, refused)", Array.from({ length: 5000 }, () => time(() => evaluate(policy.policy, { ...guardInput, instanceType: "ml.p4d.24xlarge", inputUris: ["s3://elsewhere/x/"] }))));

const db = openDatabase(":memory:");
const plans = new SqlitePlanRepository(db);
const planSamples: number[] = [];
for (let i = 0; i < 2000; i += 1) {
  planSamples.push(
    time(() => {
      const id = `p-${String(i).padStart(24, "0")}`;
      plans.insert({ id, kind: "train", requester: "U0ENGINEER", channel: "C0MLOPS", environment: "dev", mode: "live", title: "Train churn-xgb", resourceName: `job-${i}`, details: [], steps: [] }, new Date(), 900);
      plans.transition(id, ["pending"], "confirmed", new Date());
      plans.transition(id, ["confirmed"], "approved", new Date());
      plans.transition(id, ["approved"], "running", new Date());
      plans.transition(id, ["running"], "started", new Date());
    }),
  );
}
report("plan insert + 4 transitions (SQLite, memory)", planSamples);
const stored = plans.get("p-000000000000000000000001");
if (stored) report("render a plan message", Array.from({ length: 2000 }, () => time(() => renderPlan(stored))));

const sandbox = await startSandbox();
const port = new SdkSageMakerPort(createSageMakerClient(sandboxTarget(sandbox.url, sandbox.region)));
const describeSamples: number[] = [];
for (let i = 0; i < 300; i += 1) describeSamples.push(await timeAsync(() => port.describeEndpoint("churn-prod")));
report("SDK DescribeEndpoint round trip (sandbox)", describeSamples);
await sandbox.close();
db.close();
