import { describe, expect, it } from "vitest";
import { CachedInventory, type InventoryEntry } from "../../src/interpret/inventory.js";
import { createOfflineInterpreter } from "../../src/interpret/offline.js";

/** Names a company might use that look like nothing in particular: no "-prod", no timestamp, no "pipeline". */
const NAMES: InventoryEntry[] = [
  { name: "ledger-refresh", kind: "pipeline" },
  { name: "basket-model", kind: "recipe" },
  { name: "basket-model", kind: "model-group" },
  { name: "basket-weekly", kind: "training-job" },
  { name: "checkout-scorer", kind: "endpoint" },
  { name: "searchrank", kind: "endpoint" },
  { name: "fraud-dev-*", kind: "endpoint" },
];

function inventoryOf(entries: readonly InventoryEntry[]): CachedInventory {
  return new CachedInventory([{ name: "fixed", maxAgeMs: Number.POSITIVE_INFINITY, read: () => entries }], Date.now);
}

describe("the company's own names, known to the interpreter", () => {
  const knowing = createOfflineInterpreter(inventoryOf(NAMES));
  const read = (text: string) => knowing.interpret(text);

  it("a start of a known pipeline is a pipeline run, and of a known recipe a training, however it is put", async () => {
    for (const text of ["run ledger-refresh", "could you trigger ledger-refresh now", "fire off ledger-refresh pls"]) {
      const request = await read(text);
      expect([request.intent, request.params.pipelineName, request.services[0]], text).toEqual(["pipeline", "ledger-refresh", "pipelines"]);
    }
    const training = await read("launch basket-model");
    expect([training.intent, training.params.recipe]).toEqual(["train", "basket-model"]);
  });

  it("a known endpoint or job is asked about as what it is, without the kind word", async () => {
    const endpoint = await read("is searchrank healthy?");
    expect([endpoint.intent, endpoint.params.endpointName, endpoint.services[0]]).toEqual(["status", "searchrank", "realtime-endpoint"]);
    const job = await read("has basket-weekly finished");
    expect([job.intent, job.params.jobName, job.stage]).toEqual(["status", "basket-weekly", "training"]);
    // A pattern from the policy counts too.
    expect((await read("how is fraud-dev-eu doing")).params.endpointName).toBe("fraud-dev-eu");
    const deploy = await read("deploy basket-model v3 to checkout-scorer");
    expect([deploy.params.modelPackageGroup, deploy.params.endpointName]).toEqual(["basket-model", "checkout-scorer"]);
  });

  it("knowing a name never turns a question, a refusal or a negation into an action", async () => {
    expect((await read("can I run ledger-refresh on weekends?")).intent).toBe("ask");
    expect((await read("delete ledger-refresh")).intent).toBe("unknown");
    expect((await read("don't start ledger-refresh yet")).intent).not.toBe("pipeline");
  });

  it("a known name typed with a slip is that name; ids, short names and a slip between two names are left as typed", async () => {
    const pipeline = await read("run ledger-refrsh");
    expect([pipeline.intent, pipeline.params.pipelineName]).toEqual(["pipeline", "ledger-refresh"]);
    const inventory = inventoryOf([...NAMES, { name: "basket-weekly-20261201", kind: "training-job" }, { name: "basket-modal", kind: "endpoint" }, { name: "scorer", kind: "endpoint" }]);
    await inventory.refresh();
    expect(inventory.closestName("ledger-refersh")).toBe("ledger-refresh");
    expect(inventory.closestName("serchrank")).toBe("searchrank");
    // One digit off is another job; "scorr" is too short to correct; "basket-modxl" is one slip from two names.
    expect(inventory.closestName("basket-weekly-20261202")).toBeUndefined();
    expect(inventory.closestName("scorr")).toBeUndefined();
    expect(inventory.closestName("basket-modxl")).toBeUndefined();
  });

  it("a plain word is never taken for a name, whatever the inventory holds", async () => {
    const odd = createOfflineInterpreter(inventoryOf([{ name: "training", kind: "endpoint" }]));
    const request = await odd.interpret("how does training work?");
    expect(request.intent).toBe("ask");
    expect(request.params.endpointName).toBeUndefined();
  });
});

describe("the inventory's cache", () => {
  it("reads a source once at first, later in the background when stale, and keeps the last answer when a read fails", async () => {
    let now = 0;
    let reads = 0;
    let fail = false;
    let release: () => void = () => undefined;
    const inventory = new CachedInventory(
      [
        {
          name: "slow",
          maxAgeMs: 1000,
          read: async () => {
            reads += 1;
            if (reads > 1) await new Promise<void>((resolve) => (release = resolve));
            if (fail) throw new Error("throttled");
            return [{ name: reads === 1 ? "first-pipe" : "second-pipe", kind: "pipeline" }];
          },
        },
      ],
      () => now,
      () => undefined,
    );
    await inventory.refresh();
    expect(inventory.kindsOf("FIRST-PIPE")).toEqual(["pipeline"]);
    await inventory.refresh();
    expect(reads).toBe(1);

    now = 2000;
    // Stale: read again, but the caller does not wait for it.
    await inventory.refresh();
    expect(reads).toBe(2);
    expect(inventory.kindsOf("first-pipe")).toEqual(["pipeline"]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(inventory.kindsOf("second-pipe")).toEqual(["pipeline"]);
    expect(inventory.kindsOf("first-pipe")).toEqual([]);

    now = 4000;
    fail = true;
    await inventory.refresh();
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toBe(3);
    expect(inventory.kindsOf("second-pipe")).toEqual(["pipeline"]);
  });
});
