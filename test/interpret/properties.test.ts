import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MUTATING_INTENTS } from "../../src/catalog/ids.js";
import { interpretOffline } from "../../src/interpret/offline.js";
import { Request, RequestParams } from "../../src/interpret/schema.js";

/** Text built from the words the interpreter reacts to, so the property reaches its action paths. */
const WORDS = [
  "train", "tune", "deploy", "rollback", "stop", "status", "drift", "pipeline", "start", "help", "churn-xgb", "churn-prod", "churn-xgb/1",
  "churn-xgb@latest-approved", "s3://sageops-demo/churn/train/", "s3://x", "ml.m5.xlarge", "ml.", "count=2", "count=-1", "trials=9999",
  "max-runtime=2h", "max-runtime=99d", "env=dev", "env=PROD_1", "max_depth=6", "eta", "0.2", "<#C0MLOPS|mlops>", "<@U123>", "#alerts",
  "to", "on", "in", "prod", "version", "7", "v2", "latest", "approved", "batch", "input=s3://a-b/c", "output=s3://", "what", "is", "?",
  "🚀", "é", "\u0000", "'", ";", "$(", "`", "please", "can", "you", "x".repeat(70), "a=b=c", "=", "2h", "90", "minutes", "instances",
];
const wordy = fc.array(fc.constantFrom(...WORDS), { maxLength: 25 }).map((words) => words.join(" "));
const anything = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ minLength: 3000, maxLength: 12000 }),
  wordy,
);

describe("the offline interpreter on arbitrary text", () => {
  it("never throws, always returns a valid Request, and never gives an action params that fail the schema", () => {
    fc.assert(
      fc.property(anything, (text) => {
        const request = interpretOffline(text);
        expect(Request.safeParse(request).success).toBe(true);
        expect(request.text).toBe(text);
        if (MUTATING_INTENTS.has(request.intent)) expect(RequestParams.safeParse(request.params).success).toBe(true);
        if (request.intent === "unknown" || request.intent === "help") expect(request.services).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });
});
