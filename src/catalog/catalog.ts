import { SERVICE_IDS, type ServiceId, STAGE_IDS, type StageId } from "./ids.js";
import { SERVICES } from "./services.js";
import { STAGES } from "./stages.js";
import type { ServiceEntry, StageEntry } from "./types.js";

export function getService(id: ServiceId): ServiceEntry {
  return SERVICES[id];
}

export function getStage(id: StageId): StageEntry {
  return STAGES[id];
}

/** Every service, in the order of SERVICE_IDS (the canonical map first). */
export function allServices(): ServiceEntry[] {
  return SERVICE_IDS.map((id) => SERVICES[id]);
}

/** Every stage, in lifecycle order. */
export function allStages(): StageEntry[] {
  return STAGE_IDS.map((id) => STAGES[id]);
}

/** The services of a stage, canonical ones first. */
export function servicesOfStage(id: StageId): ServiceEntry[] {
  const stage = STAGES[id];
  return [...stage.canonical, ...stage.family].map((serviceId) => SERVICES[serviceId]);
}

/** The service a stage is best known for (first of the canonical map). */
export function leadServiceOf(id: StageId): ServiceId {
  const stage = STAGES[id];
  const lead = stage.canonical[0] ?? stage.family[0];
  // Every stage has at least one canonical service; the catalogue test holds this.
  return lead ?? SERVICE_IDS[0];
}
