import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { corpusHash, parseCorpus, TRAINING_CORPUS } from "../../src/interpret/corpus.js";
import { readModelFile } from "../../src/interpret/model-file.js";

describe("the shipped intent model", () => {
  it("was trained on the corpus as it is now (run `npm run train-interpreter` after changing it)", () => {
    const content = readFileSync(TRAINING_CORPUS, "utf8");
    const model = readModelFile();
    expect(model.corpusSha256, "the model is stale: run `npm run train-interpreter` and commit src/interpret/model/intent-model.json").toBe(corpusHash(content));
    expect(model.lines).toBe(parseCorpus(content).length);
  });

  it("never saw a held-out line: no held-out text is a training text", () => {
    const train = new Set(parseCorpus(readFileSync(TRAINING_CORPUS, "utf8")).map((line) => line.text));
    const holdout = parseCorpus(readFileSync(new URL("../fixtures/corpus-holdout.jsonl", import.meta.url), "utf8"));
    expect(holdout.filter((line) => train.has(line.text)).map((line) => line.text)).toEqual([]);
  });
});
