import { describe, expect, it } from "vitest";
import {
  describeEstimate,
  estimateBatchCost,
  estimateHourlyEndpointCost,
  estimateTrainingCost,
  formatUsd,
  lookupPrice,
  PRICES_AS_OF,
} from "../../src/guard/cost.js";
import { formatDuration, parseDuration } from "../../src/guard/duration.js";

describe("cost estimates", () => {
  it("a training job costs price x count x max runtime, and says how the figure was reached", () => {
    const result = estimateTrainingCost({ region: "us-east-1", instanceType: "ml.m5.xlarge", count: 1, maxRuntimeSeconds: 4 * 3600 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.estimate.usd).toBeCloseTo(0.92, 10);
    expect(describeEstimate(result.estimate)).toBe(`~$0.92 (ml.m5.xlarge at $0.23/h x 1 x 4h, us-east-1 prices of ${PRICES_AS_OF})`);
  });

  it("scales with instance count, runtime and the number of tuning jobs", () => {
    const one = estimateTrainingCost({ region: "us-east-1", instanceType: "ml.g4dn.xlarge", count: 1, maxRuntimeSeconds: 1800 });
    const many = estimateTrainingCost({ region: "us-east-1", instanceType: "ml.g4dn.xlarge", count: 3, maxRuntimeSeconds: 5400, jobs: 4 });
    if (!one.ok || !many.ok) throw new Error("both instance types are in the table");
    expect(one.estimate.usd).toBeCloseTo(0.736 / 2, 10);
    expect(many.estimate.usd).toBeCloseTo(one.estimate.usd * 3 * 3 * 4, 10);
    expect(many.estimate.basis).toContain("x 3 x 1h30m x 4 jobs");
  });

  it("a batch transform is priced like a job; an endpoint by the hour", () => {
    const batch = estimateBatchCost({ region: "us-east-1", instanceType: "ml.c5.xlarge", count: 2, maxRuntimeSeconds: 3600 });
    const endpoint = estimateHourlyEndpointCost({ region: "us-east-1", instanceType: "ml.c5.xlarge", count: 2 });
    if (!batch.ok || !endpoint.ok) throw new Error("ml.c5.xlarge is in the table");
    expect(batch.estimate.usd).toBeCloseTo(0.408, 10);
    expect(endpoint.estimate.kind).toBe("hourly");
    expect(describeEstimate(endpoint.estimate)).toBe(`~$0.41/h (ml.c5.xlarge at $0.204/h x 2, us-east-1 prices of ${PRICES_AS_OF})`);
  });

  it("a region without its own prices falls back to us-east-1 and says so", () => {
    const lookup = lookupPrice("ml.m5.xlarge", "eu-west-1");
    expect(lookup.ok && lookup.price).toMatchObject({ pricedRegion: "us-east-1", requestedRegion: "eu-west-1", regionFallback: true });
    const result = estimateTrainingCost({ region: "eu-west-1", instanceType: "ml.m5.xlarge", count: 1, maxRuntimeSeconds: 3600 });
    expect(result.ok && result.estimate.basis).toContain("eu-west-1 has no prices in the table and may differ");
  });

  it("an unknown instance type is a typed answer with the closest real one", () => {
    const result = estimateTrainingCost({ region: "us-east-1", instanceType: "ml.m5.xlarg", count: 1, maxRuntimeSeconds: 60 });
    expect(result).toEqual({
      ok: false,
      error: { kind: "unknown-instance-type", instanceType: "ml.m5.xlarg", suggestion: "ml.m5.xlarge", message: "instance type ml.m5.xlarg does not exist; did you mean ml.m5.xlarge?" },
    });
    const nonsense = lookupPrice("ml.quantum.galaxy", "us-east-1");
    expect(!nonsense.ok && nonsense.error.suggestion).toBeUndefined();
  });

  it("prices a policy supplies are used, in any region", () => {
    const lookup = lookupPrice("ml.g6.xlarge", "eu-west-1", { "ml.g6.xlarge": 1.1 });
    expect(lookup.ok && lookup.price).toMatchObject({ usdPerHour: 1.1, source: "policy", regionFallback: false });
  });

  it("dollars show as cents, tiny amounts with more places", () => {
    expect(formatUsd(46.08)).toBe("$46.08");
    expect(formatUsd(0.0031)).toBe("$0.0031");
    expect(formatUsd(0)).toBe("$0.00");
  });
});

describe("durations", () => {
  it("reads the ways people write them", () => {
    expect(parseDuration("2h")).toBe(7200);
    expect(parseDuration("90m")).toBe(5400);
    expect(parseDuration("3600s")).toBe(3600);
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("1d")).toBe(86_400);
    expect(parseDuration(600)).toBe(600);
    expect(parseDuration("600")).toBe(600);
  });

  it("refuses what is not a duration", () => {
    for (const bad of ["4 hours", "h", "", "0", "-5m", "1.5h", 0, 2.5]) expect(parseDuration(bad)).toBeUndefined();
  });

  it("writes them back the short way", () => {
    expect(formatDuration(14_400)).toBe("4h");
    expect(formatDuration(5400)).toBe("1h30m");
    expect(formatDuration(45)).toBe("45s");
  });
});
