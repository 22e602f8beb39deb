import { describe, expect, it } from "vitest";
import { runSteps } from "../../src/actions/execute.js";
import type { PlanStep } from "../../src/actions/plan.js";
import { SageMakerError } from "../../src/kernel/sagemaker-port.js";
import { sageMakerWith } from "../support/core-fakes.js";

const STOP: PlanStep = { operation: "StopTrainingJob", request: { TrainingJobName: "churn-xgb-20261126-090000-ab12" } };
const throttled = () => new SageMakerError("Throttling", "Rate exceeded", "ThrottlingException");

describe("a throttled burst at Confirm", () => {
  it("is waited out and retried before the plan fails", async () => {
    let calls = 0;
    const pauses: number[] = [];
    const port = sageMakerWith({
      stopTrainingJob: async () => {
        calls += 1;
        if (calls <= 3) throw throttled();
      },
    });
    await runSteps(port, [STOP], async (ms) => {
      pauses.push(ms);
    });
    expect(calls).toBe(4);
    expect(pauses).toEqual([1000, 2000, 4000]);
  });

  it("fails in the end when SageMaker keeps throttling, and never retries another error", async () => {
    let calls = 0;
    const port = sageMakerWith({
      stopTrainingJob: async () => {
        calls += 1;
        throw throttled();
      },
    });
    await expect(runSteps(port, [STOP], async () => undefined)).rejects.toThrow("Rate exceeded");
    expect(calls).toBe(5);
    let refusals = 0;
    const refusing = sageMakerWith({
      stopTrainingJob: async () => {
        refusals += 1;
        throw new SageMakerError("AccessDenied", "not allowed", "AccessDeniedException");
      },
    });
    await expect(runSteps(refusing, [STOP], async () => undefined)).rejects.toThrow("not allowed");
    expect(refusals).toBe(1);
  });
});
