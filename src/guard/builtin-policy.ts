import { BUILTIN_ALGORITHMS } from "../catalog/algorithms.js";
import { withoutPrototype } from "../kernel/lookup.js";
import { ANYONE, type Policy } from "./policy-schema.js";

/**
 * The policy in force when there is no policy file: anyone may ask for anything in any channel,
 * but the one environment is dry-run, so plans and confirmations work and nothing mutating is
 * ever sent to AWS. A team writes a policy file (see policy.example.yml) to go live.
 */
const builtin: Policy = {
  version: 1,
  admins: [],
  roles: withoutPrototype({ everyone: { description: "every Slack user (built-in policy)", users: [ANYONE], groups: [] } }),
  limits: { jobsPerHour: 10, concurrentJobs: 3, plansPerMinute: 6, channelPlansPerMinute: 20 },
  environments: withoutPrototype({
    dev: {
      description: "built-in: previews only, nothing is sent to AWS",
      mode: "dry-run",
      executionRoleArn: "arn:aws:iam::000000000000:role/sageops-dry-run",
      // Any bucket: nothing is read or written in dry-run.
      inputPrefixes: ["s3://"],
      outputPrefix: "s3://",
      instanceTypes: ["ml.t2.medium", "ml.m5.large", "ml.m5.xlarge", "ml.c5.xlarge"],
      maxInstanceCount: 2,
      maxRuntime: 4 * 3600,
      maxCostPerJobUsd: 20,
      maxHourlyEndpointCostUsd: 1,
      algorithms: Object.keys(BUILTIN_ALGORITHMS).map((name) => ({ name, version: undefined })),
      images: [],
      actions: {
        train: ["everyone"],
        tune: ["everyone"],
        pipeline: ["everyone"],
        stop: ["everyone"],
        deploy: ["everyone"],
        batch: ["everyone"],
        rollback: ["everyone"],
        "approve-model": ["everyone"],
        "reject-model": ["everyone"],
      },
      channels: [ANYONE],
      requireApprovedModels: false,
      endpoints: [],
      // Dry runs only: previewing a change to any endpoint is harmless.
      allowUnownedEndpoints: true,
      hyperparameters: { deny: [] },
      maxParallelTrials: 10,
      drift: { watch: [] },
    },
  }),
  recipes: withoutPrototype({}),
  modelGroups: withoutPrototype({}),
  instancePrices: withoutPrototype({}),
};

export const BUILTIN_POLICY: Policy = Object.freeze(builtin);
