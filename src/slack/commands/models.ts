/**
 * `/sageops models|compare|approve|reject|features`, and the same words typed to the bot
 * ("approve churn v2 for prod", or a button on a new version's announcement): the registry and
 * the Feature Store read, and approvals planned through the guard like any other change.
 */
import type { Requester } from "../../actions/context.js";
import { type ModelWords, readModelWords } from "../../actions/model-words.js";
import type { ApprovalDecision } from "../../actions/planners/model-approval.js";
import type { RegistryAsk } from "../../interpret/registry-asks.js";
import type { Result } from "../../kernel/result.js";
import { planReply } from "../action-requests.js";
import type { Rendered } from "../blocks/kit.js";
import { context, withinBlockLimit } from "../blocks/kit.js";
import { renderComparison, renderFeatureSearch, renderGroups, renderServed, renderVersions } from "../blocks/models.js";
import { renderProblem, withNote } from "../blocks/notice.js";
import type { SlackDeps } from "../deps.js";

export type ModelCommandDeps = Pick<SlackDeps, "models" | "features" | "requests" | "policy" | "simulationNote" | "registry">;

/** The catalogue's answer, shown under a Feature Store search that a question asked for. */
type GeneralAnswer = Rendered | undefined;

/** The registry's subcommands, as a person types them after `/sageops` or to the bot. */
export const MODEL_SUBCOMMANDS = ["models", "compare", "approve", "reject", "features"] as const;
export type ModelSubcommand = (typeof MODEL_SUBCOMMANDS)[number];

export function isModelSubcommand(word: string): word is ModelSubcommand {
  return (MODEL_SUBCOMMANDS as readonly string[]).includes(word);
}

/** `page=N` anywhere in the words, and the words without it. */
function pageOf(rest: string): { page: number; words: string[] } {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  const at = words.findIndex((w) => /^page=\d{1,4}$/i.test(w));
  if (at < 0) return { page: 1, words };
  const page = Number((words[at] ?? "page=1").slice(5));
  return { page: Math.max(1, page), words: words.filter((_, i) => i !== at) };
}

async function groupNames(deps: ModelCommandDeps): Promise<string[]> {
  try {
    return (await deps.registry.listModelPackageGroups()).map((g) => g.ModelPackageGroupName);
  } catch {
    return [];
  }
}

async function versionWords(rest: string, deps: ModelCommandDeps, scan = false): Promise<Result<ModelWords>> {
  return readModelWords(rest, await groupNames(deps), Object.keys(deps.policy.environments), { scan });
}

async function models(rest: string, deps: ModelCommandDeps): Promise<Rendered> {
  const { page, words } = pageOf(rest);
  if (words.length === 0) {
    const groups = await deps.models.groups(page);
    return groups.ok ? withNote(renderGroups(groups.value), deps.simulationNote) : renderProblem(groups.problem);
  }
  const read = await versionWords(words.join(" "), deps);
  const group = read.ok ? read.value.refs[0]?.group : undefined;
  if (!group) return renderProblem(read.ok ? { what: `I don't know the model group \`${words[0] ?? ""}\`.`, fix: "`/sageops models` lists the groups." } : read.problem);
  const versions = await deps.models.versions(group, page);
  return versions.ok ? withNote(renderVersions(versions.value), deps.simulationNote) : renderProblem(versions.problem);
}

async function compare(rest: string, deps: ModelCommandDeps, scan = false): Promise<Rendered> {
  const read = await versionWords(rest, deps, scan);
  if (!read.ok) return renderProblem(read.problem);
  const [a, b, ...more] = read.value.refs;
  if (!a || !b || more.length > 0)
    return renderProblem({ what: "Compare takes two model versions.", fix: "For example: `/sageops compare churn-xgb/1 churn-xgb/2` (or `compare v1 and v2` when there is one group)." });
  const comparison = await deps.models.compare(a, b);
  return comparison.ok ? withNote(renderComparison(comparison.value), deps.simulationNote) : renderProblem(comparison.problem);
}

async function setApproval(decision: ApprovalDecision, rest: string, requester: Requester, deps: ModelCommandDeps): Promise<Rendered> {
  const read = await versionWords(rest, deps);
  if (!read.ok) return renderProblem(read.problem);
  const [model, ...more] = read.value.refs;
  const verb = decision === "Approved" ? "approve" : "reject";
  if (more.length > 0) return renderProblem({ what: `${decision === "Approved" ? "Approve" : "Reject"} one version at a time.`, fix: `For example: \`/sageops ${verb} churn-xgb/2\`.` });
  return planReply(await deps.requests.setModelApproval(model, decision, read.value.note, { environment: read.value.environment }, requester));
}

async function features(rest: string, deps: ModelCommandDeps): Promise<Rendered> {
  const search = await deps.features.search(rest);
  return search.ok ? withNote(renderFeatureSearch(search.value), deps.simulationNote) : renderProblem(search.problem);
}

/** One registry or Feature Store subcommand. */
export function modelCommand(sub: ModelSubcommand, rest: string, requester: Requester, deps: ModelCommandDeps): Promise<Rendered> {
  switch (sub) {
    case "models":
      return models(rest, deps);
    case "compare":
      return compare(rest, deps);
    case "approve":
      return setApproval("Approved", rest, requester, deps);
    case "reject":
      return setApproval("Rejected", rest, requester, deps);
    case "features":
      return features(rest, deps);
  }
}

/** The group a sentence names, else the only group there is; undefined leaves the choice to the groups' list. */
async function groupInSentence(words: string, deps: ModelCommandDeps): Promise<string | undefined> {
  const groups = await groupNames(deps);
  const read = readModelWords(words, groups, Object.keys(deps.policy.environments), { scan: true });
  return (read.ok ? read.value.refs[0]?.group : undefined) ?? (groups.length === 1 ? groups[0] : undefined);
}

/** Plain words about the registry or the Feature Store, answered as the subcommand would; a question's general answer follows a feature search. */
export async function registryAskReply(ask: RegistryAsk, requester: Requester, deps: ModelCommandDeps, general: GeneralAnswer): Promise<Rendered> {
  switch (ask.kind) {
    case "approve":
    case "reject":
      return modelCommand(ask.kind, ask.words, requester, deps);
    case "compare":
      return compare(ask.words, deps, true);
    case "models":
      return models((await groupInSentence(ask.words, deps)) ?? "", deps);
    case "served": {
      const served = await deps.models.servedOn(ask.endpoint);
      return served.ok ? withNote(renderServed(ask.endpoint, served.value), deps.simulationNote) : renderProblem(served.problem);
    }
    case "features": {
      const search = await deps.features.search(ask.words);
      if (!search.ok) return general ?? renderProblem(search.problem);
      if (search.value.groups.length === 0 && general) {
        const none = `No feature group here matches "${search.value.terms.join(" ")}" yet (\`/sageops features\` lists them).`;
        return { text: `${general.text}\n${none}`, blocks: withinBlockLimit([...general.blocks, context(none)]) };
      }
      const found = withNote(renderFeatureSearch(search.value), deps.simulationNote);
      return general ? { text: `${found.text}\n${general.text}`, blocks: withinBlockLimit([...found.blocks, ...general.blocks]) } : found;
    }
  }
}

/** A line under an answer about the registry or the Feature Store that points at the company's own resources. */
export async function ownResourcesLine(service: string | undefined, deps: ModelCommandDeps): Promise<string | undefined> {
  if (service === "model-registry") {
    const groups = await deps.models.groups(1);
    if (!groups.ok || groups.value.groups.length === 0) return undefined;
    const named = groups.value.groups.slice(0, 3).map((g) => `${g.versions} version${g.versions === 1 ? "" : "s"} of ${g.name}: \`/sageops models ${g.name}\``);
    return `You have ${named.join("; ")}${groups.value.total > 3 ? `; and ${groups.value.total - 3} more groups (\`/sageops models\`)` : ""}.`;
  }
  if (service === "feature-store") {
    const names = await deps.features.groupNames();
    if (!names.ok || names.value.length === 0) return undefined;
    const total = names.value.length;
    return `You have ${total} feature group${total === 1 ? "" : "s"} (${names.value.slice(0, 3).join(", ")}${total > 3 ? ", …" : ""}): \`/sageops features <words>\` searches them.`;
  }
  return undefined;
}
