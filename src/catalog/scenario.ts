import type { ServiceId } from "./ids.js";

/**
 * The classic scenario (raw data in S3, a custom classifier, a managed workflow), in the order the
 * work is done: prepare, train and tune, register, deploy, monitor, and automate the whole.
 */
export const SCENARIO_WALKTHROUGH: readonly ServiceId[] = [
  "data-wrangler",
  "sagemaker-training",
  "automatic-model-tuning",
  "model-registry",
  "realtime-endpoint",
  "model-monitor",
  "pipelines",
];
