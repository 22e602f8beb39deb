import { formatDuration } from "./duration.js";
import { closestMatch } from "./suggest.js";

/**
 * On-demand SageMaker prices, USD per instance-hour, for training jobs and real-time hosting.
 *
 * Source, honestly stated: compiled from AWS's public SageMaker pricing page
 * (aws.amazon.com/sagemaker/pricing, "On-Demand Pricing", US East (N. Virginia)) as published
 * around the date below, cross-checked against public copies of that table; the bot does not
 * fetch prices. In us-east-1 the training and real-time inference rates of these families are
 * the same. Prices change: check the page before relying on an estimate, and extend or
 * override this table per deployment with `instancePrices` in the policy.
 */
export const PRICES_AS_OF = "2025-06-01";
const PRICE_REFERENCE_REGION = "us-east-1";

const US_EAST_1: Readonly<Record<string, number>> = {
  // Burstable, hosting and notebooks only.
  "ml.t2.medium": 0.056,
  "ml.t2.large": 0.111,
  "ml.t2.xlarge": 0.223,
  "ml.t2.2xlarge": 0.445,
  "ml.t3.medium": 0.05,
  "ml.t3.large": 0.1,
  "ml.t3.xlarge": 0.2,
  "ml.t3.2xlarge": 0.399,
  // General purpose.
  "ml.m4.xlarge": 0.24,
  "ml.m4.2xlarge": 0.48,
  "ml.m4.4xlarge": 0.96,
  "ml.m4.10xlarge": 2.4,
  "ml.m4.16xlarge": 3.84,
  "ml.m5.large": 0.115,
  "ml.m5.xlarge": 0.23,
  "ml.m5.2xlarge": 0.461,
  "ml.m5.4xlarge": 0.922,
  "ml.m5.12xlarge": 2.765,
  "ml.m5.24xlarge": 5.53,
  // Compute optimised.
  "ml.c5.large": 0.102,
  "ml.c5.xlarge": 0.204,
  "ml.c5.2xlarge": 0.408,
  "ml.c5.4xlarge": 0.816,
  "ml.c5.9xlarge": 1.836,
  "ml.c5.18xlarge": 3.672,
  // Memory optimised.
  "ml.r5.large": 0.151,
  "ml.r5.xlarge": 0.302,
  "ml.r5.2xlarge": 0.605,
  "ml.r5.4xlarge": 1.21,
  "ml.r5.8xlarge": 2.419,
  "ml.r5.12xlarge": 3.629,
  "ml.r5.16xlarge": 4.838,
  "ml.r5.24xlarge": 7.258,
  // GPU.
  "ml.g4dn.xlarge": 0.736,
  "ml.g4dn.2xlarge": 0.94,
  "ml.g4dn.4xlarge": 1.505,
  "ml.g4dn.8xlarge": 2.72,
  "ml.g4dn.12xlarge": 4.89,
  "ml.g4dn.16xlarge": 5.44,
  "ml.g5.xlarge": 1.408,
  "ml.g5.2xlarge": 1.515,
  "ml.g5.4xlarge": 2.03,
  "ml.g5.8xlarge": 3.06,
  "ml.g5.12xlarge": 7.09,
  "ml.g5.16xlarge": 5.12,
  "ml.g5.24xlarge": 10.18,
  "ml.g5.48xlarge": 20.36,
  "ml.p3.2xlarge": 3.825,
  "ml.p3.8xlarge": 14.688,
  "ml.p3.16xlarge": 28.152,
  "ml.p3dn.24xlarge": 35.894,
  "ml.p4d.24xlarge": 37.688,
  "ml.p5.48xlarge": 113.068,
  // Inferentia and Trainium.
  "ml.inf2.xlarge": 0.99,
  "ml.inf2.8xlarge": 2.36,
  "ml.inf2.24xlarge": 7.79,
  "ml.inf2.48xlarge": 15.58,
  "ml.trn1.32xlarge": 28.497,
};

/**
 * Prices per region. Only us-east-1 is in the table: other regions' rates were not checked,
 * so they fall back to it and say so rather than guess.
 */
const PRICES_BY_REGION: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  [PRICE_REFERENCE_REGION]: US_EAST_1,
};

/** Prices a deployment adds or overrides (the policy's `instancePrices`), USD per hour, any region. */
type ExtraPrices = Readonly<Record<string, number>>;

export interface InstancePrice {
  instanceType: string;
  usdPerHour: number;
  /** The region the price is for; differs from the requested one when it fell back. */
  pricedRegion: string;
  requestedRegion: string;
  /** True when the requested region has no prices of its own and us-east-1's were used. */
  regionFallback: boolean;
  /** "table": sageops's dated table; "policy": the policy's instancePrices. */
  source: "table" | "policy";
}

/** A typed "this instance type does not exist" answer, with the closest known name. */
export interface UnknownInstanceType {
  kind: "unknown-instance-type";
  instanceType: string;
  suggestion?: string;
  message: string;
}

type PriceLookup = { ok: true; price: InstancePrice } | { ok: false; error: UnknownInstanceType };

/** Every instance type with a known price: the table's, then the policy's. */
export function knownInstanceTypes(extra: ExtraPrices = {}): string[] {
  return [...new Set([...Object.keys(US_EAST_1), ...Object.keys(extra)])];
}

/**
 * The closest known instance type to a mistyped one. `preferred` (say, the types an environment
 * allows) wins ties and is searched first, so suggestions point at something usable.
 */
export function suggestInstanceType(instanceType: string, preferred: readonly string[] = [], extra: ExtraPrices = {}): string | undefined {
  return closestMatch(instanceType, preferred) ?? closestMatch(instanceType, knownInstanceTypes(extra));
}

export function lookupPrice(instanceType: string, region: string, extra: ExtraPrices = {}): PriceLookup {
  const fromPolicy = extra[instanceType];
  if (fromPolicy !== undefined)
    return { ok: true, price: { instanceType, usdPerHour: fromPolicy, pricedRegion: region, requestedRegion: region, regionFallback: false, source: "policy" } };
  const regional = PRICES_BY_REGION[region];
  const pricedRegion = regional ? region : PRICE_REFERENCE_REGION;
  const usdPerHour = (regional ?? US_EAST_1)[instanceType];
  if (usdPerHour === undefined) {
    const suggestion = suggestInstanceType(instanceType, [], extra);
    return {
      ok: false,
      error: {
        kind: "unknown-instance-type",
        instanceType,
        suggestion,
        message: `instance type ${instanceType} does not exist${suggestion ? `; did you mean ${suggestion}?` : ""}`,
      },
    };
  }
  return { ok: true, price: { instanceType, usdPerHour, pricedRegion, requestedRegion: region, regionFallback: pricedRegion !== region, source: "table" } };
}

/** An estimate with the arithmetic behind it, so a plan can show how the figure was reached. */
export interface CostEstimate {
  /** "job": a whole job's worst case (training, tuning, batch); "hourly": an endpoint's running cost per hour. */
  kind: "job" | "hourly";
  usd: number;
  price: InstancePrice;
  count: number;
  /** Job estimates: the maximum runtime in seconds; hourly estimates: 3600. */
  seconds: number;
  /** How many jobs the figure covers (a tuning job's maximum training jobs); 1 otherwise. */
  jobs: number;
  pricesAsOf: string;
  /** "ml.m5.xlarge at $0.23/h x 1 x 4h, us-east-1 prices of 2025-06-01" */
  basis: string;
}

export type CostResult = { ok: true; estimate: CostEstimate } | { ok: false; error: UnknownInstanceType };

/** Dollars as a plan shows them: cents, and fractions of a cent where the amount is tiny. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

function formatRate(usdPerHour: number): string {
  return `$${Number(usdPerHour.toFixed(4))}/h`;
}

function pricesNote(price: InstancePrice): string {
  if (price.source === "policy") return "price from the policy's instancePrices";
  const note = `${price.pricedRegion} prices of ${PRICES_AS_OF}`;
  return price.regionFallback ? `${note}; ${price.requestedRegion} has no prices in the table and may differ` : note;
}

interface JobCostInput {
  region: string;
  instanceType: string;
  count: number;
  maxRuntimeSeconds: number;
  /** A tuning job's maximum number of training jobs; 1 for a single job. */
  jobs?: number;
  extraPrices?: ExtraPrices;
}

/** Worst-case cost of a training (or tuning, or batch transform) job: price x count x max runtime (x jobs). */
export function estimateJobCost(input: JobCostInput): CostResult {
  const lookup = lookupPrice(input.instanceType, input.region, input.extraPrices);
  if (!lookup.ok) return lookup;
  const jobs = input.jobs ?? 1;
  const hours = input.maxRuntimeSeconds / 3600;
  const usd = lookup.price.usdPerHour * input.count * hours * jobs;
  const jobsPart = jobs === 1 ? "" : ` x ${jobs} jobs`;
  return {
    ok: true,
    estimate: {
      kind: "job",
      usd,
      price: lookup.price,
      count: input.count,
      seconds: input.maxRuntimeSeconds,
      jobs,
      pricesAsOf: PRICES_AS_OF,
      basis: `${input.instanceType} at ${formatRate(lookup.price.usdPerHour)} x ${input.count} x ${formatDuration(input.maxRuntimeSeconds)}${jobsPart}, ${pricesNote(lookup.price)}`,
    },
  };
}

/** A training job's worst-case cost. */
export function estimateTrainingCost(input: JobCostInput): CostResult {
  return estimateJobCost(input);
}

/** A batch transform's worst-case cost: price x count x max runtime. */
export function estimateBatchCost(input: Omit<JobCostInput, "jobs">): CostResult {
  return estimateJobCost(input);
}

/** An endpoint's running cost per hour: price x count. */
export function estimateHourlyEndpointCost(input: { region: string; instanceType: string; count: number; extraPrices?: ExtraPrices }): CostResult {
  const lookup = lookupPrice(input.instanceType, input.region, input.extraPrices);
  if (!lookup.ok) return lookup;
  const usd = lookup.price.usdPerHour * input.count;
  return {
    ok: true,
    estimate: {
      kind: "hourly",
      usd,
      price: lookup.price,
      count: input.count,
      seconds: 3600,
      jobs: 1,
      pricesAsOf: PRICES_AS_OF,
      basis: `${input.instanceType} at ${formatRate(lookup.price.usdPerHour)} x ${input.count}, ${pricesNote(lookup.price)}`,
    },
  };
}

/** "~$0.92 (ml.m5.xlarge at $0.23/h x 1 x 4h, us-east-1 prices of ...)" or "~$0.46/h (...)". */
export function describeEstimate(estimate: CostEstimate): string {
  return `~${formatUsd(estimate.usd)}${estimate.kind === "hourly" ? "/h" : ""} (${estimate.basis})`;
}
