import { describe, expect, it } from "vitest";
import { allServices, allStages, getService, servicesOfStage } from "../../src/catalog/catalog.js";
import { SERVICE_IDS, STAGE_IDS } from "../../src/catalog/ids.js";
import { SERVICES } from "../../src/catalog/services.js";

const DOCS = /^https:\/\/docs\.aws\.amazon\.com\/[\w./-]+\.html$/;

describe("the lifecycle catalogue", () => {
  it("has an entry for every service id, filed under its own id", () => {
    for (const id of SERVICE_IDS) {
      expect(SERVICES[id], id).toBeDefined();
      expect(SERVICES[id].id).toBe(id);
    }
    expect(Object.keys(SERVICES).sort()).toEqual([...SERVICE_IDS].sort());
  });

  it("gives every stage at least one service of the canonical map, and files each service under exactly one stage", () => {
    for (const stage of allStages()) expect(stage.canonical.length, stage.id).toBeGreaterThan(0);
    for (const service of allServices()) {
      const homes = allStages().filter((stage) => [...stage.canonical, ...stage.family].includes(service.id));
      expect(homes.map((stage) => stage.id), service.id).toEqual([service.stage]);
    }
  });

  it("keeps the canonical map the lifecycle is taught with", () => {
    const canonical = Object.fromEntries(allStages().map((stage) => [stage.id, [...stage.canonical].sort()]));
    expect(canonical).toEqual({
      "data-prep": ["data-wrangler"],
      training: ["automatic-model-tuning", "sagemaker-training"],
      "model-management": ["feature-store", "model-registry"],
      deployment: ["batch-transform", "realtime-endpoint"],
      monitoring: ["model-monitor"],
      orchestration: ["pipelines"],
    });
    expect(allStages().map((stage) => stage.id)).toEqual([...STAGE_IDS]);
  });

  it("links every service, and every availability guide, to an AWS documentation page", () => {
    for (const service of allServices()) {
      expect(service.docUrl, service.id).toMatch(DOCS);
      if (service.availability?.guideUrl !== undefined) expect(service.availability.guideUrl, service.id).toMatch(DOCS);
    }
  });

  it("says what each service is for in one sentence, and when to choose it and when not", () => {
    for (const service of allServices()) {
      expect(service.purpose.split(/\.\s/).length, `${service.id} purpose`).toBe(1);
      expect(service.purpose.endsWith("."), service.id).toBe(true);
      expect(service.chooseWhen.length, service.id).toBeGreaterThan(20);
      expect(service.avoidWhen.length, service.id).toBeGreaterThan(20);
    }
  });

  it("only refers to services it knows, and never to a service as its own alternative", () => {
    const known = new Set<string>(SERVICE_IDS);
    for (const service of allServices()) {
      for (const related of service.related) expect(known.has(related) && related !== service.id, `${service.id} -> ${related}`).toBe(true);
      expect(service.alternatives.length, service.id).toBeGreaterThan(0);
      for (const alternative of service.alternatives) {
        if (alternative.service !== undefined) expect(known.has(alternative.service) && alternative.service !== service.id, service.id).toBe(true);
      }
    }
  });

  it("tells a new AWS account that Model Monitor and Debugger are closed to it, and what to use instead", () => {
    for (const id of ["model-monitor", "debugger"] as const) {
      const availability = getService(id).availability;
      expect(availability?.status, id).toBe("closed-to-new-customers");
      expect(availability?.note, id).toMatch(/no longer open to new customers/);
      expect(availability?.guideUrl, id).toMatch(/availability-change\.html$/);
    }
    expect(getService("model-monitor").availability?.newAccountsUse).toMatch(/CloudWatch/);
    expect(getService("debugger").availability?.newAccountsUse).toMatch(/MLflow/);
    expect(getService("debugger").availability?.newAccountsUse).toMatch(/TensorBoard/);
    expect(getService("data-wrangler").availability).toBeUndefined();
  });

  it("lists a stage's services with the canonical ones first", () => {
    expect(servicesOfStage("deployment").map((service) => service.id).slice(0, 2)).toEqual(["realtime-endpoint", "batch-transform"]);
  });
});
