/** The feature group requests the sandbox's tests send. */
import type { CreateFeatureGroupCommandInput } from "@aws-sdk/client-sagemaker";
import { SAGEMAKER_ROLE_ARN } from "../support/sandbox.js";

/** An offline-only group keyed by `id` with its event time in `ts`, as a team would start one. */
export function groupRequest(name: string, overrides: Partial<CreateFeatureGroupCommandInput> = {}): CreateFeatureGroupCommandInput {
  return {
    FeatureGroupName: name,
    RecordIdentifierFeatureName: "id",
    EventTimeFeatureName: "ts",
    FeatureDefinitions: [
      { FeatureName: "id", FeatureType: "String" },
      { FeatureName: "ts", FeatureType: "Fractional" },
      { FeatureName: "score", FeatureType: "Fractional" },
      { FeatureName: "visits", FeatureType: "Integral" },
    ],
    OfflineStoreConfig: { S3StorageConfig: { S3Uri: "s3://sageops-demo/feature-store/" } },
    RoleArn: SAGEMAKER_ROLE_ARN,
    ...overrides,
  };
}
