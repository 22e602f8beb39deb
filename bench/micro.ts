/** Function benches: the offline interpreter, answers, the guard, the plan store and renderer, one SDK round trip. */
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
import type { Sandbox } from "../src/sandbox/index.js";
import { renderAnswer } from "../src/slack/blocks/answer.js";
import { renderPlan } from "../src/slack/blocks/plan.js";
import { openDatabase } from "../src/store/db.js";
import { SqlPlanRepository } from "../src/store/plans.js";
import { round, type Summary, summarise } from "./stats.js";

export interface MicroFigure {
  name: string;
  /** Microseconds. */
  summary: Summary;
  perSecond: number;
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function figure(name: string, samplesMs: number[]): MicroFigure {
  const total = samplesMs.reduce((a, b) => a + b, 0);
  const us = summarise(samplesMs.map((ms) => ms * 1000));
  return { name, summary: { n: us.n, p50: round(us.p50, 1), p95: round(us.p95, 1), p99: round(us.p99, 1), max: round(us.max, 1), mean: round(us.mean, 1) }, perSecond: Math.round(samplesMs.length / (total / 1000)) };
}

export async function measureMicro(sandbox: Sandbox): Promise<{ interpreter: MicroFigure; others: MicroFigure[] }> {
  const utterances = fs
    .readFileSync(DEFAULT_LABELLED_SET, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);
  for (const text of utterances) interpretOffline(text);
  const interpretSamples: number[] = [];
  for (let pass = 0; pass < 5; pass += 1) for (const text of utterances) interpretSamples.push(time(() => interpretOffline(text)));
  const interpreter = figure(`offline interpreter, labelled set (${utterances.length} utterances x5)`, interpretSamples);

  const others: MicroFigure[] = [];
  const longText = `${"please ".repeat(700)}train churn-xgb`;
  others.push(figure("offline interpreter, 5,000-character input", Array.from({ length: 100 }, () => time(() => interpretOffline(longText)))));
  others.push(figure("compose + render an answer", utterances.slice(0, 200).map((text) => time(() => renderAnswer(composeAnswer(interpretOffline(text)))))));

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
  others.push(figure("guard evaluate (train, allowed)", Array.from({ length: 2000 }, () => time(() => evaluate(policy.policy, guardInput)))));
  others.push(figure("guard evaluate (train, refused)", Array.from({ length: 2000 }, () => time(() => evaluate(policy.policy, { ...guardInput, instanceType: "ml.p4d.24xlarge", inputUris: ["s3://elsewhere/x/"] })))));

  const db = openDatabase(":memory:");
  const plans = new SqlPlanRepository(db);
  const planSamples: number[] = [];
  for (let i = 0; i < 500; i += 1) {
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
  others.push(figure("plan insert + 4 transitions (SQLite, memory)", planSamples));
  const stored = plans.get("p-000000000000000000000001");
  if (stored) others.push(figure("render a plan message", Array.from({ length: 500 }, () => time(() => renderPlan(stored)))));
  db.close();

  const client = createSageMakerClient(sandboxTarget(sandbox.url, sandbox.region));
  const port = new SdkSageMakerPort(client);
  const describeSamples: number[] = [];
  for (let i = 0; i < 100; i += 1) {
    const start = performance.now();
    await port.describeEndpoint("churn-prod");
    describeSamples.push(performance.now() - start);
  }
  others.push(figure("SDK DescribeEndpoint round trip (sandbox)", describeSamples));
  client.destroy();
  return { interpreter, others };
}
