import { policyInventory } from "../../src/compose/inventory.js";
import { EXAMPLE_POLICY_PATH } from "../../src/compose/policy.js";
import { loadPolicy } from "../../src/guard/policy.js";
import { createOfflineInterpreter } from "../../src/interpret/offline.js";
import type { Interpreter } from "../../src/interpret/schema.js";

/** The embedded interpreter knowing the example policy's names (churn-xgb, churn-retrain, churn-prod, ...), as `sageops eval` reads the sets. */
export function exampleInterpreter(): Interpreter {
  const loaded = loadPolicy(EXAMPLE_POLICY_PATH);
  if (!loaded.ok) throw new Error("the example policy does not load");
  return createOfflineInterpreter(policyInventory(loaded.policy));
}
