/**
 * The bench's policy: policy.example.yml as shipped, with only the plan-rate limits raised to 1,000 a minute (the schema's most). The
 * example allows 6 plans a minute per person and 20 per channel, so a load test from one person in
 * one channel would measure refusals after its first few requests; the bench measures plans.
 */
import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { EXAMPLE_POLICY_PATH } from "../src/compose/policy.js";

export function writeBenchPolicy(dir: string): string {
  const document = parseDocument(fs.readFileSync(EXAMPLE_POLICY_PATH, "utf8"));
  document.setIn(["limits", "plansPerMinute"], 1000);
  document.setIn(["limits", "channelPlansPerMinute"], 1000);
  const file = path.join(dir, "policy.bench.yml");
  fs.writeFileSync(file, document.toString());
  return file;
}
