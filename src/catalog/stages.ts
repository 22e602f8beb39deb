import type { StageId } from "./ids.js";
import type { StageEntry } from "./types.js";

/** The six stages of the lifecycle map, in lifecycle order; `canonical` is the map itself. */
export const STAGES: Readonly<Record<StageId, StageEntry>> = {
  "data-prep": {
    id: "data-prep",
    name: "Data preparation",
    summary: "Explore, clean, label and transform raw data and engineer features (EDA, pre-processing, feature engineering).",
    canonical: ["data-wrangler"],
    family: ["processing", "ground-truth"],
  },
  training: {
    id: "training",
    name: "Training and tuning",
    summary: "Train models with built-in algorithms or your own code and container, then tune their hyperparameters.",
    canonical: ["sagemaker-training", "automatic-model-tuning"],
    family: ["experiments", "autopilot", "jumpstart", "debugger"],
  },
  "model-management": {
    id: "model-management",
    name: "Model management and governance",
    summary: "Keep curated features and trained model versions in one place, with approval, lineage and bias reports.",
    // The registry leads: it is where model versions are catalogued and approved for deployment.
    canonical: ["model-registry", "feature-store"],
    family: ["clarify"],
  },
  deployment: {
    id: "deployment",
    name: "Deployment",
    summary: "Serve predictions: per request from an endpoint, or for a whole dataset at once.",
    canonical: ["realtime-endpoint", "batch-transform"],
    family: ["serverless-inference", "async-inference", "inference-recommender", "shadow-testing"],
  },
  monitoring: {
    id: "monitoring",
    name: "Monitoring",
    summary: "Watch models in production for data drift and model quality degradation.",
    canonical: ["model-monitor"],
    family: [],
  },
  orchestration: {
    id: "orchestration",
    name: "Orchestration",
    summary: "Build, automate and manage the end-to-end workflow, from raw data to a deployed model.",
    canonical: ["pipelines"],
    family: [],
  },
};
