import type { ServiceId, StageId } from "./ids.js";

/** AWS has closed the service to new customers; existing customers keep using it. */
export interface ServiceAvailability {
  status: "closed-to-new-customers";
  /** What AWS says, in one or two sentences. */
  note: string;
  /** What an account that never used the service would use instead. */
  newAccountsUse: string;
  /** AWS's availability-change page, where one exists. */
  guideUrl?: string;
}

/** Another way to meet the same need, and when it is the better choice. */
export interface Alternative {
  /** Set when the alternative is itself in the catalogue. */
  service?: ServiceId;
  name: string;
  betterWhen: string;
}

export interface ServiceEntry {
  id: ServiceId;
  /** Full name, e.g. "SageMaker Data Wrangler". */
  name: string;
  stage: StageId;
  /** What it is for, in one sentence. */
  purpose: string;
  chooseWhen: string;
  avoidWhen: string;
  alternatives: readonly Alternative[];
  related: readonly ServiceId[];
  /** AWS documentation page (https://docs.aws.amazon.com/...). */
  docUrl: string;
  availability?: ServiceAvailability;
  /** Names people call it by, lower case, words separated by single spaces. */
  aliases: readonly string[];
}

export interface StageEntry {
  id: StageId;
  name: string;
  /** What happens in the stage, in one sentence. */
  summary: string;
  /** The services of the canonical lifecycle map, best first. */
  canonical: readonly ServiceId[];
  /** The wider family that also serves the stage. */
  family: readonly ServiceId[];
}
