import { z } from "zod";

/** Stage ids of the lifecycle map (docs/architecture.md, section 3). */
export const STAGE_IDS = [
  "data-prep",
  "training",
  "model-management",
  "deployment",
  "monitoring",
  "orchestration",
] as const;
export const StageId = z.enum(STAGE_IDS);
export type StageId = z.infer<typeof StageId>;

/** Service ids (docs/architecture.md, section 3); the first ten are the canonical map, the rest the wider family. */
export const SERVICE_IDS = [
  "data-wrangler",
  "sagemaker-training",
  "automatic-model-tuning",
  "feature-store",
  "model-registry",
  "realtime-endpoint",
  "batch-transform",
  "model-monitor",
  "pipelines",
  "ground-truth",
  "processing",
  "clarify",
  "experiments",
  "debugger",
  "autopilot",
  "jumpstart",
  "serverless-inference",
  "async-inference",
  "inference-recommender",
  "shadow-testing",
] as const;
export const ServiceId = z.enum(SERVICE_IDS);
export type ServiceId = z.infer<typeof ServiceId>;

/** Intent ids (docs/architecture.md, section 3). `deploy` covers real-time, batch and rollback. */
export const INTENT_IDS = [
  "ask",
  "train",
  "tune",
  "deploy",
  "status",
  "stop",
  "drift",
  "pipeline",
  "help",
  "unknown",
] as const;
export const IntentId = z.enum(INTENT_IDS);
export type IntentId = z.infer<typeof IntentId>;

/** Intents that change something in AWS and so must pass the guard. */
export const MUTATING_INTENTS: ReadonlySet<IntentId> = new Set(["train", "tune", "deploy", "stop", "pipeline"]);
