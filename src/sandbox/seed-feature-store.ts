/**
 * The example company's Feature Store (seed.ts): `customer-profile`, the churn model's inputs one
 * record per customer, online and offline; and `customer-activity`, what customers did lately,
 * offline only. Each feature's description is in its metadata (UpdateFeatureMetadata), as
 * FeatureDefinitions carry none.
 */
import { HOUR } from "./env.js";
import { SEED } from "./seed-constants.js";
import type { SandboxState } from "./state.js";

type FeatureType = "Integral" | "Fractional" | "String";

interface SeededFeature {
  name: string;
  type: FeatureType;
  description: string;
  /** Where the values come from, and their unit: the feature's metadata parameters. */
  parameters: Record<string, string>;
}

interface SeededGroup {
  name: string;
  description: string;
  online: boolean;
  features: SeededFeature[];
}

const KEYS: SeededFeature[] = [
  { name: "customer_id", type: "String", description: "The customer's account id", parameters: { source: "crm" } },
  { name: "event_time", type: "Fractional", description: "When the values were true, in Unix epoch seconds", parameters: {} },
];

/** The features after the keys, by group: name, type, description, source, and unit where there is one. */
const FEATURES: readonly (readonly [group: string, name: string, type: FeatureType, description: string, source: string, unit?: string])[] = [
  [SEED.featureGroups.profile, "tenure_months", "Integral", "Months since the customer signed up", "billing", "months"],
  [SEED.featureGroups.profile, "monthly_charges", "Fractional", "What the customer is billed each month", "billing", "USD"],
  [SEED.featureGroups.profile, "total_charges", "Fractional", "What the customer has been billed since signing up", "billing", "USD"],
  [SEED.featureGroups.profile, "contract_type", "String", "The customer's contract: month-to-month, one-year or two-year", "crm"],
  [SEED.featureGroups.activity, "support_calls_30d", "Integral", "Calls to customer support in the last 30 days", "support", "calls"],
  [SEED.featureGroups.activity, "logins_7d", "Integral", "Logins to the app or website in the last 7 days", "web", "logins"],
  [SEED.featureGroups.activity, "last_login_days", "Integral", "Days since the customer last logged in", "web", "days"],
];

function group(name: string, description: string, online: boolean): SeededGroup {
  const own = FEATURES.filter((f) => f[0] === name).map(([, feature, type, text, source, unit]): SeededFeature => ({ name: feature, type, description: text, parameters: unit === undefined ? { source } : { unit, source } }));
  return { name, description, online, features: [...KEYS, ...own] };
}

export const SEEDED_FEATURE_GROUPS: readonly SeededGroup[] = [
  group(SEED.featureGroups.profile, "Customer account profile: tenure, charges and contract, one record per customer (churn model inputs)", true),
  group(SEED.featureGroups.activity, "Customer activity: support calls and logins over recent days, refreshed daily", false),
];

/** Creates the groups at `at` and describes their features an hour later, when both are Created. */
export function seedFeatureStore(state: SandboxState, at: number): void {
  for (const group of SEEDED_FEATURE_GROUPS) {
    state.perform(
      "CreateFeatureGroup",
      {
        FeatureGroupName: group.name,
        RecordIdentifierFeatureName: "customer_id",
        EventTimeFeatureName: "event_time",
        FeatureDefinitions: group.features.map((f) => ({ FeatureName: f.name, FeatureType: f.type })),
        ...(group.online ? { OnlineStoreConfig: { EnableOnlineStore: true } } : {}),
        OfflineStoreConfig: { S3StorageConfig: { S3Uri: SEED.featureStoreUri } },
        RoleArn: SEED.roleArn,
        Description: group.description,
        Tags: [{ Key: "team", Value: "churn" }],
      },
      at,
    );
  }
  for (const group of SEEDED_FEATURE_GROUPS) {
    for (const seeded of group.features) {
      const parameters = Object.entries(seeded.parameters).map(([Key, Value]) => ({ Key, Value }));
      state.perform("UpdateFeatureMetadata", { FeatureGroupName: group.name, FeatureName: seeded.name, Description: seeded.description, ParameterAdditions: parameters }, at + HOUR);
    }
  }
}
