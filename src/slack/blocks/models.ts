/**
 * Model Registry and Feature Store renderers: the groups, a page of a group's versions, two
 * versions side by side, a new version's announcement with its buttons, and feature groups found.
 * Pure functions of the core's values.
 */
import type { FeatureSearch } from "../../actions/feature-store.js";
import type { GroupFacts, MetricsSource, VersionComparison, VersionFacts, VersionMetric, VersionPage } from "../../actions/model-registry.js";
import { actions, button, context, escapeMrkdwn, formatNumber, header, type KnownBlock, lineSections, type Rendered, section, withinBlockLimit } from "./kit.js";

/** The action id of a new version's buttons is this, a colon and approve, reject or compare. */
export const VERSION_ACTION = "sageops_version";

const STATUS_EMOJI: Record<string, string> = { Approved: ":white_check_mark:", Rejected: ":no_entry:", PendingManualApproval: ":hourglass_flowing_sand:" };
const STATUS_WORDS: Record<string, string> = { Approved: "Approved", Rejected: "Rejected", PendingManualApproval: "Pending approval" };

function statusOf(status: string): string {
  return `${Object.hasOwn(STATUS_EMOJI, status) ? STATUS_EMOJI[status] : ":grey_question:"} ${Object.hasOwn(STATUS_WORDS, status) ? STATUS_WORDS[status] : escapeMrkdwn(status)}`;
}

function signed(value: number): string {
  return value > 0 ? `+${formatNumber(value)}` : value < 0 ? `−${formatNumber(-value)}` : "±0";
}

function date(at: Date | undefined): string {
  return at ? at.toISOString().slice(0, 16).replace("T", " ") : "unknown time";
}

function source(from: MetricsSource): string {
  switch (from.kind) {
    case "report":
      return `evaluation report ${escapeMrkdwn(from.uri)}`;
    case "metadata":
      return "the version's metadata";
    case "training-job":
      return `final metrics of training job \`${escapeMrkdwn(from.name)}\``;
    case "none":
      return "no metrics registered";
  }
}

function metricsLine(metrics: readonly VersionMetric[], max = 6): string {
  if (metrics.length === 0) return "no metrics";
  const shown = metrics.slice(0, max).map((m) => `${escapeMrkdwn(m.name)} ${formatNumber(m.value)}`);
  return `${shown.join(" · ")}${metrics.length > max ? ` · and ${metrics.length - max} more` : ""}`;
}

function servedLine(version: VersionFacts): string {
  return version.servedBy.length > 0 ? `live on ${version.servedBy.map((e) => `\`${escapeMrkdwn(e)}\``).join(", ")}` : "not serving";
}

/** `/sageops models`: every group, a line each. */
export function renderGroups(result: { groups: GroupFacts[]; total: number; page: number; pages: number }): Rendered {
  if (result.total === 0) return { text: "There are no model package groups in the registry yet.", blocks: [section("There are no model package groups in the registry yet. Register a version from a training job or a pipeline's RegisterModel step.")] };
  const lines = result.groups.map((g) => {
    const latest = g.latest ? `newest v${g.latest.version} (${statusOf(g.latest.status)})` : "no versions";
    const approved = g.latestApproved !== undefined ? `, approved v${g.latestApproved}` : ", none approved";
    return `• *${escapeMrkdwn(g.name)}*: ${g.versions} version${g.versions === 1 ? "" : "s"}, ${latest}${approved}${g.description ? ` — ${escapeMrkdwn(g.description)}` : ""}`;
  });
  const blocks: KnownBlock[] = [header("Model package groups"), ...lineSections(lines)];
  const more = result.page < result.pages ? ` Page ${result.page} of ${result.pages}: \`/sageops models page=${result.page + 1}\` for more.` : "";
  blocks.push(context(`${result.total} group${result.total === 1 ? "" : "s"}. \`/sageops models <group>\` lists a group's versions.${more}`));
  return { text: `${result.total} model package group${result.total === 1 ? "" : "s"}: ${result.groups.map((g) => g.name).join(", ")}`, blocks: withinBlockLimit(blocks) };
}

function versionBlocks(version: VersionFacts): KnownBlock[] {
  const lines = [
    `*v${version.version}* ${statusOf(version.status)} · ${servedLine(version)}`,
    `Registered ${date(version.createdAt)}${version.createdBy ? ` by ${escapeMrkdwn(version.createdBy)}` : ""}${version.trainingJob ? ` from \`${escapeMrkdwn(version.trainingJob)}\`` : ""}`,
    `Metrics: ${metricsLine(version.metrics)}`,
  ];
  if (version.approvalDescription) lines.push(`_${escapeMrkdwn(version.approvalDescription)}_`);
  const notes = [`Metrics from ${source(version.metricsFrom)}.`, ...version.gaps.map(escapeMrkdwn)];
  return [section(lines.join("\n")), context(notes.join(" "))];
}

/** "which version is on churn-prod?" */
export function renderServed(endpoint: string, version: VersionFacts | undefined): Rendered {
  if (!version) {
    const text = `\`${escapeMrkdwn(endpoint)}\` serves no model version from the registry (its model was not created from a model package).`;
    return { text, blocks: [section(text)] };
  }
  const spec = `${version.group}/${version.version}`;
  const blocks: KnownBlock[] = [section(`\`${escapeMrkdwn(endpoint)}\` serves *${escapeMrkdwn(spec)}*.`), ...versionBlocks(version), context(`\`/sageops models ${version.group}\` lists every version of ${escapeMrkdwn(version.group)}.`)];
  return { text: `${endpoint} serves ${spec} (${version.status})`, blocks };
}

/** `/sageops models churn-xgb`: a page of versions, newest first. */
export function renderVersions(page: VersionPage): Rendered {
  const blocks: KnownBlock[] = [header(`${page.group}: ${page.total} version${page.total === 1 ? "" : "s"}`)];
  if (page.description) blocks.push(context(escapeMrkdwn(page.description)));
  for (const version of page.versions) blocks.push(...versionBlocks(version));
  const next = page.page < page.pages ? ` Page ${page.page} of ${page.pages}: \`/sageops models ${page.group} page=${page.page + 1}\` for older versions.` : "";
  const newest = page.versions[0];
  blocks.push(context(`\`/sageops compare ${page.group}/1 ${page.group}/2\` sets two side by side; \`/sageops approve ${page.group}/<version>\` plans an approval.${next}`));
  const text = `${page.group}: ${page.total} version${page.total === 1 ? "" : "s"}${newest ? `, newest v${newest.version} (${newest.status})` : ""}. ${page.versions.map((v) => `v${v.version} ${v.status}${v.servedBy.length > 0 ? ` on ${v.servedBy.join(", ")}` : ""}`).join("; ")}`;
  return { text, blocks: withinBlockLimit(blocks) };
}

function cell(value: string | number | undefined): string {
  if (value === undefined) return "—";
  return typeof value === "number" ? formatNumber(value) : `\`${escapeMrkdwn(value)}\``;
}

/** `/sageops compare churn-xgb/1 churn-xgb/2`: metrics with the difference, and what differs in how they were made. */
export function renderComparison(comparison: VersionComparison): Rendered {
  const { a, b } = comparison;
  const left = `${a.group}/${a.version}`;
  const right = `${b.group}/${b.version}`;
  const blocks: KnownBlock[] = [header(`${left} vs ${right}`)];
  blocks.push(section([`*${escapeMrkdwn(left)}* ${statusOf(a.status)} · ${servedLine(a)}`, `*${escapeMrkdwn(right)}* ${statusOf(b.status)} · ${servedLine(b)}`].join("\n")));
  const metricLines = comparison.metrics.map((m) => `• ${escapeMrkdwn(m.name)}: ${cell(m.a)} → ${cell(m.b)}${m.difference !== undefined ? ` (${signed(m.difference)})` : ""}`);
  blocks.push(...lineSections(metricLines.length > 0 ? metricLines : ["Neither version has metrics registered."], { heading: "*Metrics*", maxLines: 20 }));
  blocks.push(context(`${escapeMrkdwn(left)}: metrics from ${source(a.metricsFrom)}. ${escapeMrkdwn(right)}: metrics from ${source(b.metricsFrom)}.`));
  const hyper = comparison.hyperparameters.map((h) => `• ${escapeMrkdwn(h.name)}: ${cell(h.a)} → ${cell(h.b)}`);
  blocks.push(...lineSections(hyper.length > 0 ? hyper : ["The same hyperparameters (or none known)."], { heading: "*Hyperparameters that differ*", maxLines: 20 }));
  const data = comparison.trainingData.map((d) => `• ${escapeMrkdwn(d.channel)}: ${cell(d.a)} → ${cell(d.b)}`);
  blocks.push(...lineSections(data.length > 0 ? data : ["The same training data (or none known)."], { heading: "*Training data that differs*", maxLines: 10 }));
  const gaps = [...a.gaps, ...b.gaps];
  if (gaps.length > 0) blocks.push(context(gaps.map(escapeMrkdwn).join(" ")));
  const text = `${left} vs ${right}: ${comparison.metrics.map((m) => `${m.name} ${m.a ?? "—"} → ${m.b ?? "—"}`).join(", ") || "no metrics"}`;
  return { text, blocks: withinBlockLimit(blocks) };
}

/** A new version in a group the policy links to this channel, against the approved one, with buttons that plan, not act. */
export function renderNewVersion(version: VersionFacts, approved: VersionFacts | undefined): Rendered {
  const spec = `${version.group}/${version.version}`;
  const blocks: KnownBlock[] = [section(`:package: *New model version ${escapeMrkdwn(spec)}* is ${statusOf(version.status)}`)];
  blocks.push(...versionBlocks(version));
  if (approved) {
    const lines = version.metrics.map((m) => {
      const before = approved.metrics.find((x) => x.name === m.name)?.value;
      return `• ${escapeMrkdwn(m.name)}: ${formatNumber(m.value)}${before !== undefined ? ` vs ${formatNumber(before)} on v${approved.version} (${signed(m.value - before)})` : ""}`;
    });
    blocks.push(...lineSections(lines.length > 0 ? lines : ["No metrics to set against the approved version."], { heading: `*Against approved v${approved.version}* (${servedLine(approved)})`, maxLines: 10 }));
  } else blocks.push(context("No version of this group is approved yet."));
  blocks.push(
    actions(`version:${spec}`, [
      button({ text: `Approve v${version.version}`, actionId: `${VERSION_ACTION}:approve`, value: `approve ${spec}`, style: "primary" }),
      button({ text: `Reject v${version.version}`, actionId: `${VERSION_ACTION}:reject`, value: `reject ${spec}`, style: "danger" }),
      ...(approved ? [button({ text: `Compare with v${approved.version}`, actionId: `${VERSION_ACTION}:compare`, value: `compare ${version.group}/${approved.version} ${spec}` })] : []),
    ]),
  );
  blocks.push(context("Approve and Reject make a plan that is confirmed (and approved, where the policy says so) like any other change."));
  const text = `New model version ${spec} (${version.status}): ${version.metrics.map((m) => `${m.name} ${formatNumber(m.value)}`).join(", ") || "no metrics"}`;
  return { text, blocks: withinBlockLimit(blocks) };
}

/** `/sageops features [search]`: the groups found, each with its features. */
export function renderFeatureSearch(search: FeatureSearch): Rendered {
  const asked = search.terms.join(" ");
  if (search.groups.length === 0) {
    const what = search.total === 0 ? "There are no feature groups in the Feature Store yet." : `No feature group or feature matches "${escapeMrkdwn(asked)}" among the ${search.total} feature groups.`;
    return { text: what, blocks: [section(what), context("`/sageops features` lists every feature group.")] };
  }
  const blocks: KnownBlock[] = [header(asked ? `Features matching "${asked}"` : `Feature groups (${search.total})`)];
  const shownGroups = search.groups.slice(0, 10);
  for (const group of shownGroups) {
    const stores = [group.online ? "online" : undefined, group.offlineUri ? `offline (${escapeMrkdwn(group.offlineUri)})` : undefined].filter(Boolean).join(" + ") || "no store";
    const features = group.features.map((f) => `${group.matched.includes(f.name) && asked ? "*" : ""}${escapeMrkdwn(f.name)}${group.matched.includes(f.name) && asked ? "*" : ""} (${escapeMrkdwn(f.type ?? "?")})`);
    const shownFeatures = features.slice(0, 30);
    blocks.push(
      section(
        [
          `*${escapeMrkdwn(group.name)}* · ${escapeMrkdwn(group.status ?? "unknown status")} · ${stores}${group.description ? `\n${escapeMrkdwn(group.description)}` : ""}`,
          `Record id \`${escapeMrkdwn(group.recordIdentifier ?? "?")}\`, event time \`${escapeMrkdwn(group.eventTime ?? "?")}\``,
          `Features: ${shownFeatures.join(", ")}${features.length > shownFeatures.length ? `, and ${features.length - shownFeatures.length} more` : ""}`,
        ].join("\n"),
      ),
    );
  }
  const notes: string[] = [];
  if (search.groups.length > shownGroups.length) notes.push(`…and ${search.groups.length - shownGroups.length} more matching groups; narrow the search.`);
  if (search.unread > 0) notes.push(`${search.unread} more groups were not searched; name part of a group, e.g. \`/sageops features customer\`.`);
  if (notes.length > 0) blocks.push(context(notes.join(" ")));
  const text = `${asked ? `Feature groups matching "${asked}"` : "Feature groups"}: ${shownGroups.map((g) => `${g.name} (${g.matched.join(", ")})`).join("; ")}`;
  return { text, blocks: withinBlockLimit(blocks) };
}
