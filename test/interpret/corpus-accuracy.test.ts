import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type EvaluationReport, evaluate, evaluateByLanguage, formatReport, parseLabelledSet, predictAll, questionsTurnedIntoActions, type Scored } from "../../src/interpret/evaluate.js";
import { exampleInterpreter } from "../support/example-interpreter.js";

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");

async function scoredFor(name: string): Promise<Scored[]> {
  const { examples, problems } = parseLabelledSet(fixture(name));
  expect(problems).toEqual([]);
  return predictAll(examples, exampleInterpreter());
}

/**
 * Floors a little below what the rules with the learned classifiers reach on the held-out corpus (never
 * trained on). Measured: en 96.6/97.1/95.6, de 93.1/95.4/95.4, es 93.5/97.8/97.8, fr 94.6/93.2/94.6,
 * ja 93.7/93.7/93.7 (intent/stage/first service, %), after about 850-1350 more training lines per
 * language in five or six batches, the service classifier for questions and the verbs, nouns and S3 data of
 * the other languages read by rules (before them: de 72.4, es 71.7,
 * fr 77.0, ja 68.4 intent). The rules alone: en 92.4, de 32.2, es 27.2, fr 41.9, ja 21.5 for intent.
 * On 2026-12-02: en 98.3/98.3/96.8, de 96.6/95.4/95.4, es 95.7/96.7/96.7, fr 95.9/97.3/98.6, ja 96.2/94.9/94.9.
 * With the ninth batch (de, es, fr, ja) and its rules: en 98.3/98.3/96.8, de 96.6/95.4/95.4, es 95.7/97.8/97.8,
 * fr 94.6/94.6/95.9, ja 97.5/96.2/96.2 (French loses a need read as unknown and a question's service to the retrained classifier).
 * With the tenth batch (de, es, fr, en) and its rules: en 98.3/98.3/96.8, de 96.6/95.4/94.3, es 95.7/96.7/96.7,
 * fr 93.2/94.6/97.3, ja 98.7/97.5/97.5 (French loses one more line to the retrained classifier; the unread sets gain).
 */
const FLOORS: Readonly<Record<string, readonly [number, number, number]>> = {
  en: [0.97, 0.97, 0.95],
  de: [0.94, 0.93, 0.93],
  es: [0.94, 0.95, 0.95],
  fr: [0.93, 0.94, 0.95],
  ja: [0.94, 0.93, 0.93],
};

/** A failure shows the figures and the confusion matrix, never the lines missed: the held-out and measuring sets stay unread. */
const explain = (report: EvaluationReport): string => formatReport(report, { misses: 0 }).join("\n");

/**
 * A set kept for measuring only: every language at its floors (intent, stage, first service) and no
 * question read as an action. A failure shows the figures, never the lines missed, so the set stays unread.
 */
function expectUnreadSetAtFloors(scored: readonly Scored[], floors: Readonly<Record<string, readonly [number, number, number]>>): void {
  const reports = evaluateByLanguage(scored);
  expect([...reports.keys()].sort()).toEqual(Object.keys(floors).sort());
  for (const [lang, report] of reports) {
    const [intent, stage, service] = floors[lang] ?? [1, 1, 1];
    const figures = `${lang}\n${formatReport(report, { misses: 0 }).join("\n")}`;
    expect(report.intentAccuracy, figures).toBeGreaterThanOrEqual(intent);
    expect(report.stageAccuracy, figures).toBeGreaterThanOrEqual(stage);
    expect(report.serviceAccuracy, figures).toBeGreaterThanOrEqual(service);
  }
  expect(questionsTurnedIntoActions(scored).length).toBe(0);
}

// Each test reads hundreds or thousands of lines through both classifiers: over 30 s on a busy two-core machine.
describe("the held-out corpus, per language", { timeout: 120_000 }, () => {
  it("is read at or above the floors in every language", async () => {
    const reports = evaluateByLanguage(await scoredFor("corpus-holdout.jsonl"));
    expect([...reports.keys()].sort()).toEqual(Object.keys(FLOORS).sort());
    for (const [lang, report] of reports) {
      const [intent, stage, service] = FLOORS[lang] ?? [1, 1, 1];
      expect(report.intentAccuracy, `${lang}\n${explain(report)}`).toBeGreaterThanOrEqual(intent);
      expect(report.stageAccuracy, `${lang}\n${explain(report)}`).toBeGreaterThanOrEqual(stage);
      expect(report.serviceAccuracy, `${lang}\n${explain(report)}`).toBeGreaterThanOrEqual(service);
    }
  });

  it("turns no question, out-of-scope or hostile line of the held-out corpus or the fresh set into an action", async () => {
    // The rules alone once read one held-out line as a deploy ("…, what do we deploy?"); a question after a
    // clause of context now makes the message a question.
    const holdout = questionsTurnedIntoActions(await scoredFor("corpus-holdout.jsonl"));
    expect(holdout.map(({ example }) => example.text)).toEqual([]);
    expect(questionsTurnedIntoActions(await scoredFor("intents-fresh.jsonl")).map(({ example }) => example.text)).toEqual([]);
  });

  it("on the fresh multilingual set (written apart from the interpreter, 2026-12-01), holds its floors and turns no question, out-of-scope or hostile line into an action", async () => {
    // 586 lines (those sharing a skeleton with the corpus dropped). Measured when the set arrived,
    // before any change: intent en 83.6, de 70.4, es 61.2, fr 68.8, ja 63.6 (%), and 8 questions or
    // hostile lines read as actions. Those 8 were looked at to fix their classes (injection and
    // unsupported operations in the other languages, questions acted on by score); the rest of the
    // set has not been read. Later, intent/stage/first service: en 84.1/86.2/84.6, de 71.4/62.2/52.0,
    // es 64.3/58.2/55.1, fr 70.8/69.8/66.7, ja 65.7/54.5/55.6, and 1 line (retrieval over the corpus's
    // questions lifted ja's stage from 45.5 and its service from 43.4). With about 250 more training
    // lines per language (written without seeing this set): en 84.1/86.2/84.6, de 81.6/66.3/60.2,
    // es 71.4/69.4/66.3, fr 84.4/77.1/72.9, ja 76.8/65.7/58.6, and still 1 line. With a second batch
    // (about 150-230 more per language): en 84.1/86.2/84.6, de 84.7/68.4/59.2, es 79.6/72.4/68.4,
    // fr 88.5/77.1/72.9, ja 75.8/64.6/57.6, and no line. With a third (ja 262, es 80, mostly
    // questions): en 83.6/86.2/84.1, de 84.7/68.4/59.2, es 82.7/72.4/68.4, fr 88.5/77.1/72.9,
    const scored = await scoredFor("intents-fresh-multilang.jsonl");
    // ja 77.8/68.7/62.6, and no line. With a fourth batch (about 250 per language, mostly questions),
    // the service classifier for questions in the other languages, the example policy's names, and
    // the verbs, nouns, S3 data and glued Japanese of the other languages read by rules:
    // en 86.7/87.7/86.2, de 80.6/78.6/73.5, es 84.7/84.7/82.7, fr 86.5/84.4/82.3, ja 84.8/84.8/83.8.
    // With the spelling of the corpus forgiven and the verbs that say train, tune or deploy:
    // en 86.7/87.7/86.2, de 83.7/79.6/75.5, es 85.7/84.7/82.7, fr 86.5/85.4/84.4, ja 84.8/84.8/83.8.
    // With a fifth batch (about 200 per language in many voices: typos, dialect, mixed English):
    // en 86.7/87.7/86.2, de 87.8/84.7/80.6, es 86.7/87.8/88.8, fr 86.5/86.5/85.4, ja 86.9/85.9/85.9.
    // With the English rules' new cues and the closest corpus lines voting when the classifier is
    // unsure: en 87.2/88.2/86.7, de 88.8/85.7/81.6, es 86.7/88.8/89.8, fr 85.4/85.4/84.4, ja 87.9/87.9/87.9.
    // With a sixth batch in German and French (typed on phones, in dialect): de 86.7/82.7/78.6,
    // fr 85.4/87.5/88.5, the rest unchanged (kept: the held-out corpus and intents-abroad gained more).
    // On 2026-12-02, with the English classifier allowed to act on something of ours (never in a question),
    // terse deploys, requests put to a second person abroad, and 1093 more training lines:
    // en 92.8/91.3/90.3, de 87.8/85.7/81.6, es 87.8/88.8/88.8, fr 86.5/89.6/88.5, ja 89.9/87.9/86.9.
    // With the tenth batch and its rules: en 93.8/92.8/91.3, de 92.9/92.9/88.8, es 85.7/89.8/86.7, fr 89.6/95.8/96.9, ja 93.9/90.9/90.9.
    // A failure shows the figures only, not the lines missed: the set stays unread.
    const floors: Readonly<Record<string, readonly [number, number]>> = { en: [0.91, 0.89], de: [0.85, 0.84], es: [0.85, 0.87], fr: [0.83, 0.87], ja: [0.87, 0.86] };
    for (const [lang, report] of evaluateByLanguage(scored)) {
      const [intent, stage] = floors[lang] ?? [1, 1];
      const figures = `${lang}\n${formatReport(report, { misses: 0 }).join("\n")}`;
      expect(report.intentAccuracy, figures).toBeGreaterThanOrEqual(intent);
      expect(report.stageAccuracy, figures).toBeGreaterThanOrEqual(stage);
    }
    expect(questionsTurnedIntoActions(scored).map(({ example }) => example.text)).toEqual([]);
  });

  it("on a second set in German, Spanish, French and Japanese (written apart from the corpus, 2026-12-01), holds its floors and acts on no question", async () => {
    // 415 lines (440 written, those sharing a skeleton with the corpus dropped), for measuring. Measured
    // when it arrived, after the fourth batch and the service classifier: de 92.3/92.3/89.4,
    // es 92.2/89.2/88.2, fr 96.2/92.5/89.6, ja 91.3/86.4/83.5 (intent/stage/first service, %); with
    // the other languages' verbs, nouns, S3 data and glued Japanese read by rules: de 92.3/92.3/90.4,
    // es 92.2/89.2/89.2, fr 96.2/92.5/90.6, ja 95.1/91.3/91.3; with the spelling forgiven and the verbs
    // that say the action: de 93.3/92.3/90.4, es 93.1/90.2/90.2, fr 96.2/92.5/90.6, ja 95.1/91.3/91.3;
    // with the fifth batch: de 95.2/91.3/90.4, es 93.1/91.2/91.2, fr 94.3/92.5/90.6, ja 98.1/94.2/94.2;
    // the classifier no longer acting on nothing named, however sure: fr 93.4/92.5/90.6, ja 96.1/92.2/92.2;
    // the closest lines voting when it is unsure: de 95.2/92.3/91.3, es 94.1/92.2/92.2, fr 96.2/94.3/92.5;
    // with the sixth batch (de, fr): de 97.1/95.2/95.2, fr 95.3/94.3/91.5; on 2026-12-02 (the day's rules and
    // batches): de 99.0/95.2/95.2, es 95.1/94.1/94.1, fr 96.2/95.3/94.3, ja 98.1/93.2/94.2.
    const scored = await scoredFor("intents-abroad.jsonl");
    const floors: Readonly<Record<string, readonly [number, number, number]>> = {
      de: [0.95, 0.93, 0.93],
      es: [0.92, 0.9, 0.9],
      fr: [0.93, 0.91, 0.89],
      ja: [0.96, 0.92, 0.92],
    };
    for (const [lang, report] of evaluateByLanguage(scored)) {
      const [intent, stage, service] = floors[lang] ?? [1, 1, 1];
      expect(report.intentAccuracy, `${lang}\n${explain(report)}`).toBeGreaterThanOrEqual(intent);
      expect(report.stageAccuracy, `${lang}\n${explain(report)}`).toBeGreaterThanOrEqual(stage);
      expect(report.serviceAccuracy, `${lang}\n${explain(report)}`).toBeGreaterThanOrEqual(service);
    }
    expect(questionsTurnedIntoActions(scored).map(({ example }) => example.text)).toEqual([]);
  });

  it("on the day's English set (written apart from the interpreter and the corpus, 2026-12-02), holds its floors and acts on no question", async () => {
    // 208 lines (220 written, those sharing a skeleton with the corpus or the held-out fifth dropped), for
    // measuring only: never read, tuned on or trained on. Before the day's changes: 85.6/89.9/88.0
    // (intent/stage/first service, %); after them: 93.8/93.3/91.8.
    expectUnreadSetAtFloors(await scoredFor("intents-fresh-en-2.jsonl"), { en: [0.92, 0.92, 0.9] });
  });

  it("on the day's set in German, Spanish, French and Japanese (written apart, 2026-12-02), holds its floors and acts on no question", async () => {
    // 272 lines (280 written, 8 sharing a skeleton dropped), for measuring only. Before the day's changes:
    // de 89.9/94.2/91.3, es 88.2/92.6/89.7, fr 85.5/87.0/84.1, ja 92.4/93.9/89.4; after them:
    // de 94.2/94.2/94.2, es 92.6/95.6/94.1, fr 88.4/89.9/87.0, ja 98.5/97.0/93.9; with the ninth batch and its rules:
    // de 94.2/95.7/95.7, es 94.1/94.1/92.6, fr 89.9/88.4/87.0, ja 98.5/97.0/97.0.
    expectUnreadSetAtFloors(await scoredFor("intents-abroad-2.jsonl"), {
      de: [0.92, 0.92, 0.92],
      es: [0.91, 0.93, 0.92],
      fr: [0.86, 0.88, 0.86],
      ja: [0.96, 0.95, 0.92],
    });
  });

  it("on a third set in German, Spanish, French and Japanese (written apart, 2026-12-02), holds its floors and acts on no question", async () => {
    // 304 lines (320 written, 16 sharing a skeleton with the corpus or its held-out fifth dropped), for measuring only:
    // its misses were never read. At the start of the day: de 93.5/96.1/92.2, es 92.0/90.7/90.7, fr 96.2/96.2/94.9,
    // ja 94.6/93.2/93.2; after the day's changes: de 96.1/97.4/93.5, es 94.7/92.0/90.7, fr 97.4/96.2/96.2, ja 94.6/94.6/97.3.
    expectUnreadSetAtFloors(await scoredFor("intents-abroad-3.jsonl"), {
      de: [0.94, 0.95, 0.91],
      es: [0.92, 0.9, 0.88],
      fr: [0.95, 0.94, 0.94],
      ja: [0.92, 0.92, 0.95],
    });
  });

  it("on a set written for another company, whose names the example policy does not know, holds its floors and acts on no question", async () => {
    // 311 lines (320 written, 9 dropped) naming recipes, pipelines and endpoints of another company (basket-rec,
    // nightly-refresh, reco-prod, ...): what the interpreter reads from the words alone. Never read. At the start of
    // the day: de 91.1/86.1/84.8, es 84.2/84.2/78.9, fr 90.9/85.7/87.0, ja 94.9/89.9/87.3; after the day's changes:
    // de 92.4/91.1/91.1, es 90.8/90.8/86.8, fr 98.7/94.8/96.1, ja 100/96.2/97.5.
    expectUnreadSetAtFloors(await scoredFor("intents-abroad-names.jsonl"), {
      de: [0.9, 0.89, 0.89],
      es: [0.88, 0.88, 0.84],
      fr: [0.96, 0.92, 0.94],
      ja: [0.97, 0.94, 0.95],
    });
  });

  it("on the held-out halves of two sets written apart on 2026-12-02 (the other halves were read), holds its floors and acts on no question", async () => {
    // 536 lines (en 218, de 123, es 67, fr 73, ja 55; lines whose text is already in the corpus or a labelled set dropped).
    // Each set was split in two by a hash of its text: one half's misses were read and fixed by class, this half only
    // measures. Its eight questions read as actions were printed once, when the sets arrived (their classes fixed).
    // When split: en 87.7/87.7/86.0 and 92.2/92.2/90.5, de 92.5/92.5/88.8 and 93.8/93.8/91.7, es 95.7/97.1/97.1,
    // fr 98.6/94.6/93.2, ja 92.7/92.7/92.7 (the two sets apart); after the day's changes, together as here:
    // en 90.8/89.4/87.6, de 92.7/92.7/89.4, es 95.5/97.0/97.0, fr 98.6/94.5/93.2, ja 94.5/94.5/94.5.
    expectUnreadSetAtFloors(await scoredFor("intents-fresh-3.jsonl"), {
      en: [0.9, 0.88, 0.87],
      de: [0.91, 0.91, 0.88],
      es: [0.94, 0.95, 0.95],
      fr: [0.97, 0.93, 0.91],
      ja: [0.92, 0.92, 0.92],
    });
  });

  it("on the held-out halves of seven sets written apart on 2026-12-02, evening (the other halves were read), holds its floors and acts on no question", async () => {
    // 1020 lines (en 471, de 78, es 186, fr 89, ja 196; lines whose text is already in the corpus, a labelled set or
    // another of these halves dropped). Each set was split in two by a hash of its text: one half's misses were read and
    // fixed by class, this half only measures. Its four questions read as actions were printed when the sets arrived
    // (their classes fixed). At the start of the evening: en 90.0/91.1/87.7, de 93.6/88.5/87.2, es 90.9/88.7/87.6,
    // fr 95.5/93.3/97.8, ja 87.8/89.8/87.8; after its changes: en 92.6/92.6/89.4, de 96.2/91.0/89.7, es 91.4/89.2/88.2,
    // fr 97.8/94.4/98.9, ja 90.3/92.3/90.3.
    expectUnreadSetAtFloors(await scoredFor("intents-fresh-4.jsonl"), {
      en: [0.92, 0.92, 0.88],
      de: [0.94, 0.89, 0.88],
      es: [0.9, 0.88, 0.87],
      fr: [0.96, 0.93, 0.97],
      ja: [0.89, 0.91, 0.89],
    });
  });

  it("shows its figures on the training corpus too (learnt by heart: no floor but a sanity bar)", async () => {
    const report = evaluate(await scoredFor("../../src/interpret/corpus/train.jsonl"));
    expect(report.intentAccuracy).toBeGreaterThanOrEqual(0.85);
  });
});
