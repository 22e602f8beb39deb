import { describe, expect, it } from "vitest";
import { CachedInventory } from "../../src/interpret/inventory.js";
import { createOfflineInterpreter, interpretOffline } from "../../src/interpret/offline.js";
import { choiceOf } from "../../src/interpret/readings.js";
import type { Request } from "../../src/interpret/schema.js";
import { SqlChoiceLedger } from "../../src/store/choices.js";
import { openDatabase } from "../../src/store/db.js";

const request = (intent: Request["intent"], params: Request["params"]): Request => ({ text: "", intent, stage: null, services: [], params, confidence: 0.6 });

describe("a reading offered as a choice", () => {
  it("is put in words the interpreter reads back as the same request", () => {
    const readings: Request[] = [
      request("train", { recipe: "basket-model", environment: "dev", data: "s3://acme-ml/basket/train/", hyperparameters: { max_depth: "6" } }),
      request("tune", { recipe: "basket-model", trials: 20, parallel: 4 }),
      request("pipeline", { pipelineName: "ledger-refresh", environment: "staging" }),
      request("deploy", { modelPackageGroup: "basket-model", modelVersion: 3, endpointName: "basket-staging", deployMode: "realtime" }),
      request("deploy", { modelPackageGroup: "basket-model", modelVersion: "latest-approved", endpointName: "basket-prod", deployMode: "realtime" }),
      request("stop", { jobName: "basket-model-20261201-101500-ab12" }),
      request("drift", { endpointName: "basket-prod" }),
    ];
    for (const reading of readings) {
      const choice = choiceOf(reading);
      expect(choice, reading.intent).toBeDefined();
      const back = interpretOffline(choice?.text ?? "");
      expect([back.intent, back.params], choice?.text).toEqual([reading.intent, expect.objectContaining(reading.params)]);
    }
  });

  it("is not offered when it lacks what its command needs", () => {
    expect(choiceOf(request("train", {}))).toBeUndefined();
    expect(choiceOf(request("deploy", { modelPackageGroup: "basket-model", deployMode: "realtime" }))).toBeUndefined();
    expect(choiceOf(request("unknown", {}))).toBeUndefined();
  });
});

describe("readings close enough to ask about", () => {
  it("a start of a name that is both a recipe and a pipeline offers both", async () => {
    const inventory = new CachedInventory([{ name: "both", maxAgeMs: Number.POSITIVE_INFINITY, read: () => [{ name: "basket-weekly", kind: "recipe" }, { name: "basket-weekly", kind: "pipeline" }] }], Date.now);
    const reading = await createOfflineInterpreter(inventory).read?.("kick off basket-weekly");
    const intents = [reading?.request.intent, ...(reading?.alternatives ?? []).map((alternative) => alternative.intent)].filter((intent) => intent !== "unknown").sort();
    expect(intents).toEqual(["pipeline", "train"]);
  });

  it("never for a question, a negation or an operation the bot does not offer", async () => {
    const interpreter = createOfflineInterpreter();
    for (const text of ["could I get a churn-xgb model trained on weekends?", "don't retrain churn-xgb", "delete the churn-xgb model", "ask should I retrain churn-xgb"]) {
      expect((await interpreter.read?.(text))?.alternatives, text).toEqual([]);
    }
  });
});

describe("a message read a clause at a time", () => {
  const interpreter = createOfflineInterpreter();

  it("takes the action asked for after a sentence of context, and keeps a question beside it for later", async () => {
    const reading = await interpreter.read?.("our data quality alarms went off on basket-prod overnight. please retrain basket-model");
    expect([reading?.request.intent, reading?.request.params.recipe]).toEqual(["train", "basket-model"]);
    const both = await interpreter.read?.("retrain basket-model env=dev; by the way what is a feature store?");
    expect(both?.request.intent).toBe("train");
    expect(both?.also?.map((question) => question.intent)).toEqual(["ask"]);
  });

  it("leaves the whole message's reading when a clause is negated or two actions are asked for", async () => {
    expect((await interpreter.read?.("the drift on basket-prod looks bad. don't retrain basket-model yet"))?.request.intent).not.toBe("train");
    const two = await interpreter.read?.("retrain basket-model. then deploy basket-model/2 to basket-staging");
    expect(two?.also ?? []).toEqual([]);
  });
});

describe("the ledger of picks", () => {
  it("lets the first click on a message win, and the same click again (a redelivery) still win", () => {
    const ledger = new SqlChoiceLedger(openDatabase(":memory:"));
    expect(ledger.claim("C0MLOPS:1.000001", "click-1", "U0ENGINEER", "train churn-xgb")).toBe(true);
    expect(ledger.claim("C0MLOPS:1.000001", "click-2", "U0OTHER", "neither")).toBe(false);
    expect(ledger.claim("C0MLOPS:1.000001", "click-1", "U0ENGINEER", "train churn-xgb")).toBe(true);
    expect(ledger.claim("C0MLOPS:2.000001", "click-2", "U0OTHER", "neither")).toBe(true);
  });
});
