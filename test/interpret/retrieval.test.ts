import { describe, expect, it } from "vitest";
import type { CorpusLine } from "../../src/interpret/corpus.js";
import { IntentNeighbours } from "../../src/interpret/neighbours.js";
import { createOfflineInterpreter } from "../../src/interpret/offline.js";
import { CorpusIndex, ServiceRetriever, searchTokens } from "../../src/interpret/retrieval.js";

const line = (text: string, stage: CorpusLine["stage"], services: CorpusLine["services"], lang: CorpusLine["lang"] = "en"): CorpusLine => ({ text, intent: "ask", stage, services, lang, style: "need" });

describe("retrieval over labelled questions", () => {
  it("splits words, and Japanese into overlapping character pairs", () => {
    expect(searchTokens("Feature Store, please!")).toEqual(["feature", "store", "please"]);
    expect(searchTokens("特徴量")).toEqual(["特徴", "徴量"]);
  });

  it("lets the closest questions vote for the stage and services", () => {
    const retriever = new ServiceRetriever(
      new CorpusIndex([
        { id: 0, text: "keep the same feature values for training and for online inference", intent: "ask", stage: "model-management", services: ["feature-store"] },
        { id: 1, text: "low latency predictions for a web checkout", intent: "ask", stage: "deployment", services: ["realtime-endpoint"] },
        { id: 2, text: "score a whole table overnight", intent: "ask", stage: "deployment", services: ["batch-transform"] },
        // An action's line says nothing about which service a question is about.
        { id: 3, text: "deploy the online inference feature values now", intent: "deploy", stage: "deployment", services: ["realtime-endpoint"] },
      ]),
    );
    expect(retriever.retrieve("our online inference reads different feature values than training did")).toMatchObject({ stage: "model-management", services: ["feature-store"] });
    expect(retriever.retrieve("zzzz qqqq")).toMatchObject({ stage: null, services: [], strength: 0 });
  });

  it("is built from the corpus's questions and the catalogue, and fills in a question the rules found no service in", async () => {
    const retriever = new ServiceRetriever(CorpusIndex.fromCorpus([line("who labels my images", "data-prep", ["ground-truth"]), line("train my model please", "training", ["sagemaker-training"])]));
    expect(retriever.retrieve("Ground Truth").services[0]).toBe("ground-truth");
    // The shipped interpreter: a need named in Japanese, with no service name the rules know.
    const request = await createOfflineInterpreter().interpret("学習と推論で同じ特徴量を使い回したいんだけど、どうすればいい？");
    expect(request.intent).toBe("ask");
    expect(request.services[0]).toBe("feature-store");
  });

  it("lets the closest lines of every intent vote for the intent of a message, and the catalogue's entries not at all", () => {
    const neighbours = new IntentNeighbours(
      CorpusIndex.fromCorpus([
        { text: "did anything break overnight", intent: "status", stage: null, services: [], lang: "en", style: "question" },
        { text: "anything broke last night?", intent: "status", stage: null, services: [], lang: "en", style: "question" },
        { text: "what breaks a training job", intent: "ask", stage: "training", services: ["sagemaker-training"], lang: "en", style: "question" },
      ]),
    );
    expect(neighbours.vote("did something break overnight?")).toMatchObject({ intent: "status" });
    expect(neighbours.vote("zzzz qqqq")).toBeUndefined();
  });
});
