/**
 * The Feature Store as a team reads it: feature groups with their features and types, online
 * and offline store, record identifier, event time and status, and a search across feature and
 * group names and descriptions ("do we already have a customer tenure feature?").
 */
import { fail, ok, type Result } from "../kernel/result.js";
import { type FeatureGroupDescription, SageMakerError, type SageMakerPort } from "../kernel/sagemaker-port.js";

export interface FeatureGroupFacts {
  name: string;
  description?: string;
  status?: string;
  recordIdentifier?: string;
  eventTime?: string;
  online: boolean;
  offlineUri?: string;
  features: { name: string; type?: string }[];
  /** The features the search matched (all of them when the group matched as a whole, or with no search). */
  matched: string[];
}

export interface FeatureSearch {
  /** The words searched for, as understood; empty for a plain listing. */
  terms: string[];
  groups: FeatureGroupFacts[];
  /** Groups in the account, matched or not. */
  total: number;
  /** Groups left undescribed because there were too many to read at once. */
  unread: number;
}

/** Groups described per search: each is one DescribeFeatureGroup call. */
const GROUPS_READ = 50;

/** Words that say what is asked, not what is looked for. */
const NOT_SEARCHED = new Set(
  "a an and any are do does did we our us you i is there have has had already exist exists existing the of for to in on with by feature features group groups store stores featurestore feature-store find search list show me what which whats where some something like called named about".split(" "),
);

/** The words of a search, lower-cased, without the question around them ("customer tenure"). */
export function searchTerms(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 1 && !NOT_SEARCHED.has(word)))];
}

/** A name's words: `tenure_months`, `customer-profile`, `monthlyCharges`. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A term matches a word it starts (so "charge" finds monthly_charges). */
const matches = (term: string, words: readonly string[]): boolean => words.some((word) => word.startsWith(term) || (term.startsWith(word) && word.length >= 4));

function factsOf(group: FeatureGroupDescription, terms: readonly string[]): FeatureGroupFacts | undefined {
  const features = group.FeatureDefinitions.map((f) => ({ name: f.FeatureName, type: f.FeatureType }));
  const groupWords = [...wordsOf(group.FeatureGroupName), ...wordsOf(group.Description ?? "")];
  const matched = terms.length === 0 ? features.map((f) => f.name) : features.filter((f) => terms.some((term) => matches(term, wordsOf(f.name)))).map((f) => f.name);
  // The group is an answer when a feature matches, or when every term is in its name or description.
  const wholeGroup = terms.length > 0 && terms.every((term) => matches(term, groupWords));
  if (terms.length > 0 && matched.length === 0 && !wholeGroup) return undefined;
  return {
    name: group.FeatureGroupName,
    description: group.Description,
    status: group.FeatureGroupStatus,
    recordIdentifier: group.RecordIdentifierFeatureName,
    eventTime: group.EventTimeFeatureName,
    online: group.OnlineStoreConfig?.EnableOnlineStore === true,
    offlineUri: group.OfflineStoreConfig?.S3StorageConfig?.ResolvedOutputS3Uri ?? group.OfflineStoreConfig?.S3StorageConfig?.S3Uri,
    features,
    matched: matched.length > 0 ? matched : features.map((f) => f.name),
  };
}

/** How well a group answers: features matched by more terms first, then by name. */
function score(group: FeatureGroupFacts, terms: readonly string[]): number {
  const groupWords = wordsOf(`${group.name} ${group.description ?? ""}`);
  const featureHits = group.matched.reduce((sum, name) => sum + terms.filter((term) => matches(term, wordsOf(name))).length, 0);
  return featureHits * 2 + terms.filter((term) => matches(term, groupWords)).length;
}

export class FeatureStoreView {
  constructor(private readonly port: SageMakerPort) {}

  /** Every feature group's name, in name order: one List call, nothing described. */
  async groupNames(): Promise<Result<string[]>> {
    try {
      return ok((await this.port.listFeatureGroups({})).map((g) => g.FeatureGroupName).sort((x, y) => x.localeCompare(y)));
    } catch (error) {
      if (error instanceof SageMakerError) return fail({ what: `SageMaker could not list the feature groups (${error.code}): ${error.message}`, fix: error.code === "Throttling" ? "SageMaker is busy; try again in a minute." : "Try again in a moment." });
      throw error;
    }
  }

  /** Feature groups matching the words (every group with none), best first. */
  async search(text: string): Promise<Result<FeatureSearch>> {
    const terms = searchTerms(text);
    const listed = await this.groupNames();
    if (!listed.ok) return listed;
    const names = listed.value;
    const groups: FeatureGroupFacts[] = [];
    for (const name of names.slice(0, GROUPS_READ)) {
      try {
        const facts = factsOf(await this.port.describeFeatureGroup(name), terms);
        if (facts) groups.push(facts);
      } catch (error) {
        // A group deleted between the list and the describe is simply gone.
        if (!(error instanceof SageMakerError)) throw error;
      }
    }
    groups.sort((x, y) => score(y, terms) - score(x, terms) || x.name.localeCompare(y.name));
    return ok({ terms, groups, total: names.length, unread: Math.max(0, names.length - GROUPS_READ) });
  }
}
