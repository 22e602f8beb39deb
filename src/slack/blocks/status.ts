/**
 * Status renderers: the status message kept in a plan's thread, the short final reply, the
 * failure alert, the answer to "status of X", and the App Home's list. Pure functions of the
 * watch module's values and the time now.
 */
import type { StatusAnswer } from "../../watch/ask.js";
import { consoleUrl } from "../../watch/console-links.js";
import { explainFailure } from "../../watch/failure-reason.js";
import { type EndpointStatus, type Phase, type PipelineStatus, type ResourceStatus, type TrainingStatus, type TransformStatus, type TuningStatus, TYPE_LABEL } from "../../watch/status.js";
import type { ResourceView } from "../../watch/view.js";
import { context, divider, escapeMrkdwn, fieldsSection, formatNumber, type KnownBlock, lineSections, type Rendered, section, slackTime, withinBlockLimit } from "./kit.js";

type ViewWithStatus = ResourceView & { status: ResourceStatus };

const PHASE_EMOJI: Record<Phase, string> = {
  running: ":hourglass_flowing_sand:",
  succeeded: ":white_check_mark:",
  failed: ":x:",
  stopped: ":octagonal_sign:",
};

const STEP_EMOJI: Record<string, string> = {
  Succeeded: ":white_check_mark:",
  Completed: ":white_check_mark:",
  Failed: ":x:",
  Stopped: ":octagonal_sign:",
  Stopping: ":octagonal_sign:",
};

/** Elapsed time, rounded for reading at a glance: "45s", "12m 30s", "1h 02m", "2d 3h" (policy durations use guard/duration.ts). */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}


function elapsedMs(status: ResourceStatus, now: Date): number | undefined {
  if (!status.startedAt) return undefined;
  // A simulated SageMaker runs ahead of the bot's clock: never count back from before its own last change.
  const end = status.endedAt ? Date.parse(status.endedAt) : Math.max(now.getTime(), status.lastModified ? Date.parse(status.lastModified) : 0);
  return end - Date.parse(status.startedAt);
}

function link(view: ResourceView, text = "Open in the AWS console"): string {
  return `<${consoleUrl(view.resource.type, view.resource.name, view.region, view.status?.arn ?? view.resource.arn)}|${text}>`;
}

/** What a resource is doing, in one line: "InProgress (Training)", "Executing: step 2 of 3, Train". */
function statusWords(status: ResourceStatus): string {
  switch (status.type) {
    case "training-job":
      return status.secondaryStatus && status.secondaryStatus !== status.status ? `${status.status} (${status.secondaryStatus})` : status.status;
    case "endpoint":
      if (status.phase === "failed" && status.rolledBack && status.status === "InService") return "InService (rolled back)";
      return status.status === "InService" ? "InService, serving traffic" : status.status;
    case "pipeline-execution": {
      const current = [...status.steps].reverse().find((step) => !STEP_EMOJI[step.status]);
      return current && status.phase === "running" ? `${status.status}: step ${status.steps.indexOf(current) + 1}, ${current.name}` : status.status;
    }
    case "tuning-job":
      return status.phase === "running" ? `${status.status} (${status.counters.completed} training jobs done, ${status.counters.inProgress} running)` : status.status;
    case "transform-job":
      return status.status;
  }
}

function trainingBlocks(status: TrainingStatus, now: Date): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const fields: string[] = [];
  if (status.instanceType) fields.push(`*Instance*\n${status.instanceType} × ${status.instanceCount ?? 1}`);
  const elapsed = elapsedMs(status, now);
  if (elapsed !== undefined) fields.push(`*Elapsed*\n${formatElapsed(elapsed)}`);
  if (status.billableSeconds !== undefined) fields.push(`*Billable time*\n${formatElapsed(status.billableSeconds * 1000)} (${status.billableSeconds} s)`);
  if (status.maxRuntimeSeconds !== undefined) fields.push(`*Time limit*\n${formatElapsed(status.maxRuntimeSeconds * 1000)}`);
  if (fields.length > 0) blocks.push(fieldsSection(fields));
  if (status.timeline.length > 0) {
    const lines = status.timeline.slice(-10).map((entry) => {
      const start = entry.startedAt ? Date.parse(entry.startedAt) : undefined;
      const end = entry.endedAt ? Date.parse(entry.endedAt) : undefined;
      const running = end === undefined && status.phase === "running";
      const took = start === undefined ? "" : running ? `, ${formatElapsed(now.getTime() - start)} so far` : end !== undefined && end > start ? `, ${formatElapsed(end - start)}` : "";
      const when = entry.startedAt ? ` ${slackTime(entry.startedAt, "{time}")}` : "";
      return `${running ? "▸ *" : "• "}${escapeMrkdwn(entry.status)}${running ? "*" : ""}${when}${took}${entry.message && entry.message !== entry.status ? `: ${escapeMrkdwn(entry.message)}` : ""}`;
    });
    blocks.push(section(`*Timeline*\n${lines.join("\n")}`));
  }
  if (status.metrics.length > 0) {
    blocks.push(section(`*Final metrics*\n${status.metrics.map((m) => `\`${escapeMrkdwn(m.name)}\` ${formatNumber(m.value)}`).join("\n")}`));
  }
  return blocks;
}

function tuningBlocks(status: TuningStatus, now: Date): KnownBlock[] {
  const c = status.counters;
  const fields = [`*Training jobs*\n${c.completed} done, ${c.inProgress} running, ${c.failed} failed, ${c.stopped} stopped`];
  const elapsed = elapsedMs(status, now);
  if (elapsed !== undefined) fields.push(`*Elapsed*\n${formatElapsed(elapsed)}`);
  if (status.best) fields.push(`*Best so far*\n\`${status.best.trainingJobName}\`${status.best.metricName && status.best.value !== undefined ? `: ${escapeMrkdwn(status.best.metricName)} ${formatNumber(status.best.value)}` : ""}`);
  return [fieldsSection(fields)];
}

function endpointBlocks(status: EndpointStatus, now: Date): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const fields: string[] = [];
  if (status.configName) fields.push(`*Config*\n${escapeMrkdwn(status.configName)}`);
  const elapsed = elapsedMs(status, now);
  if (elapsed !== undefined && status.timeline.length > 1) fields.push(`*${status.phase === "running" ? "Elapsed" : "Took"}*\n${formatElapsed(elapsed)}`);
  for (const variant of status.variants.slice(0, 8)) {
    const weight =
      variant.currentWeight !== undefined && variant.desiredWeight !== undefined && variant.currentWeight !== variant.desiredWeight
        ? `traffic weight ${formatNumber(variant.currentWeight)} → ${formatNumber(variant.desiredWeight)} (shifting)`
        : variant.currentWeight !== undefined
          ? `traffic weight ${formatNumber(variant.currentWeight)}`
          : "";
    const instances =
      variant.currentInstances !== undefined ? `${variant.currentInstances}${variant.desiredInstances !== undefined && variant.desiredInstances !== variant.currentInstances ? ` of ${variant.desiredInstances}` : ""} instance(s)` : "";
    fields.push(`*Variant ${escapeMrkdwn(variant.name)}*\n${[weight, instances].filter(Boolean).join(", ") || "starting"}`);
  }
  if (fields.length > 0) blocks.push(fieldsSection(fields));
  if (status.timeline.length > 1) blocks.push(context(status.timeline.map((entry) => `${escapeMrkdwn(entry.status)}${entry.startedAt ? ` ${slackTime(entry.startedAt, "{time}")}` : ""}`).join(" → ")));
  if (status.rolledBack) blocks.push(section(":leftwards_arrow_with_hook: The update was rolled back: the endpoint is back on its previous configuration."));
  return blocks;
}

function transformBlocks(status: TransformStatus, now: Date): KnownBlock[] {
  const fields: string[] = [];
  const elapsed = elapsedMs(status, now);
  if (elapsed !== undefined) fields.push(`*Elapsed*\n${formatElapsed(elapsed)}`);
  if (status.outputPath) fields.push(`*Output*\n${escapeMrkdwn(status.outputPath)}`);
  return fields.length > 0 ? [fieldsSection(fields)] : [];
}

function pipelineBlocks(status: PipelineStatus, now: Date): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const fields: string[] = [];
  if (status.pipelineName) fields.push(`*Pipeline*\n${escapeMrkdwn(status.pipelineName)}`);
  const elapsed = elapsedMs(status, now);
  if (elapsed !== undefined) fields.push(`*Elapsed*\n${formatElapsed(elapsed)}`);
  if (fields.length > 0) blocks.push(fieldsSection(fields));
  if (status.steps.length > 0) {
    const lines = status.steps.slice(0, 20).map((step) => {
      const took = step.startedAt ? formatElapsed((step.endedAt ? Date.parse(step.endedAt) : now.getTime()) - Date.parse(step.startedAt)) : "";
      return `${STEP_EMOJI[step.status] ?? ":hourglass_flowing_sand:"} ${escapeMrkdwn(step.name)}: ${escapeMrkdwn(step.status)}${took ? ` (${took})` : ""}${step.failureReason ? `: ${escapeMrkdwn(step.failureReason)}` : ""}`;
    });
    blocks.push(section(`*Steps*\n${lines.join("\n")}`));
  }
  return blocks;
}

function detailBlocks(status: ResourceStatus, now: Date): KnownBlock[] {
  switch (status.type) {
    case "training-job":
      return trainingBlocks(status, now);
    case "tuning-job":
      return tuningBlocks(status, now);
    case "endpoint":
      return endpointBlocks(status, now);
    case "transform-job":
      return transformBlocks(status, now);
    case "pipeline-execution":
      return pipelineBlocks(status, now);
  }
}

function failureBlocks(status: ResourceStatus): KnownBlock[] {
  if (!status.failureReason || status.phase === "succeeded") return [];
  const plain = explainFailure(status.failureReason);
  return [section(`*${status.phase === "running" ? "Warning" : "Why"}:* ${escapeMrkdwn(plain ?? status.failureReason)}${plain ? `\n>${escapeMrkdwn(status.failureReason)}` : ""}`)];
}

function titleLine(view: ViewWithStatus): string {
  return `${PHASE_EMOJI[view.status.phase]} *${TYPE_LABEL[view.resource.type]}* \`${view.resource.name}\`: *${escapeMrkdwn(statusWords(view.status))}*`;
}

function plainTitle(view: ViewWithStatus): string {
  return `${TYPE_LABEL[view.resource.type]} ${view.resource.name}: ${statusWords(view.status)}`;
}

function resourceBlocks(view: ViewWithStatus, now: Date): KnownBlock[] {
  return [section(titleLine(view)), ...detailBlocks(view.status, now), ...failureBlocks(view.status)];
}

/** The status message in the plan's thread, updated in place as the resource moves. */
export function renderStatusMessage(view: ViewWithStatus, now: Date): Rendered {
  const about = [link(view)];
  if (view.tracking) about.push(`Requested by <@${view.tracking.requester}>`);
  if (view.tracking?.planId) about.push(`Plan ${view.tracking.planId}`);
  about.push(`Updated ${slackTime(now.toISOString(), "{time}")}`);
  const blocks = [...resourceBlocks(view, now), context(about.join(" · "))];
  const reason = view.status.failureReason && view.status.phase !== "succeeded" ? `\n${explainFailure(view.status.failureReason) ?? view.status.failureReason}` : "";
  return { text: `${plainTitle(view)}${reason}`, blocks: withinBlockLimit(blocks) };
}

function outcomeSentence(view: ViewWithStatus, now: Date): string {
  const { status } = view;
  const label = `${TYPE_LABEL[view.resource.type]} \`${view.resource.name}\``;
  const took = elapsedMs(status, now);
  const after = took !== undefined && took > 0 ? ` ${status.phase === "succeeded" ? "in" : "after"} ${formatElapsed(took)}` : "";
  switch (status.phase) {
    case "succeeded": {
      if (status.type === "endpoint") return `${label} is InService and serving traffic${status.configName ? ` with ${escapeMrkdwn(status.configName)}` : ""}.`;
      const billable = status.type === "training-job" && status.billableSeconds !== undefined ? ` (billable ${status.billableSeconds} s)` : "";
      const metrics = status.type === "training-job" && status.metrics.length > 0 ? ` ${status.metrics.slice(0, 3).map((m) => `${escapeMrkdwn(m.name)} ${formatNumber(m.value)}`).join(", ")}.` : "";
      return `${label} ${status.type === "pipeline-execution" ? "succeeded" : "completed"}${after}${billable}.${metrics}`;
    }
    case "failed": {
      const why = explainFailure(status.failureReason) ?? status.failureReason;
      if (status.type === "endpoint" && status.rolledBack) return `${label} was rolled back${why ? `: ${escapeMrkdwn(why)}` : "."}`;
      return `${label} failed${after}${why ? `: ${escapeMrkdwn(why)}` : "."}`;
    }
    case "stopped":
      return `${label} was stopped${after}${status.type === "training-job" && status.secondaryStatus === "MaxRuntimeExceeded" ? " (it reached its time limit)" : ""}.`;
    case "running":
      return `${label} is ${escapeMrkdwn(statusWords(status))}.`;
  }
}

/** The short reply in the thread when a resource finishes, so people get notified. */
export function renderFinalReply(view: ViewWithStatus, now: Date): Rendered {
  const mention = view.tracking ? `<@${view.tracking.requester}> ` : "";
  const sentence = `${mention}${PHASE_EMOJI[view.status.phase]} ${outcomeSentence(view, now)}`;
  return { text: sentence.replace(/[`*]/g, ""), blocks: [section(sentence), context(link(view))] };
}

/** A failure, posted to the environment's alert channel. */
export function renderFailureAlert(view: ViewWithStatus, now: Date): Rendered {
  const where = view.tracking ? ` (requested by <@${view.tracking.requester}> in <#${view.tracking.channel}>)` : "";
  const sentence = `:rotating_light: ${outcomeSentence(view, now)}${where}`;
  const blocks: KnownBlock[] = [section(sentence)];
  if (view.status.failureReason) blocks.push(context(`SageMaker said: ${escapeMrkdwn(view.status.failureReason)}`));
  blocks.push(context(link(view)));
  return { text: sentence.replace(/[`*]/g, ""), blocks };
}

/** One line per resource, for lists: the App Home and "what is running". */
function statusListLine(view: ResourceView, now: Date): string {
  const label = TYPE_LABEL[view.resource.type];
  const name = link(view, view.resource.name);
  if (!view.status) return `:grey_question: ${label} ${name}: not checked yet`;
  const status = view.status;
  const elapsed = elapsedMs(status, now);
  const timing =
    status.phase === "running"
      ? elapsed !== undefined
        ? `, ${formatElapsed(elapsed)} so far`
        : ""
      : (status.endedAt ?? view.finishedAt)
        ? `, ended ${slackTime(status.endedAt ?? view.finishedAt ?? "", "{date_short_pretty} {time}")}`
        : "";
  return `${PHASE_EMOJI[status.phase]} ${label} ${name}: ${escapeMrkdwn(statusWords(status))}${timing}`;
}

/** The reply to "status of X" and to "status" alone. */
export function renderStatusAnswer(answer: StatusAnswer, now: Date): Rendered {
  switch (answer.kind) {
    case "found": {
      const blocks: KnownBlock[] = [];
      answer.views.forEach((view, index) => {
        if (!view.status) return;
        const withStatus = { ...view, status: view.status };
        if (index > 0) blocks.push(divider());
        blocks.push(...resourceBlocks(withStatus, now));
        const about = [link(view)];
        if (view.tracking) about.push(`Requested by <@${view.tracking.requester}>${view.tracking.planId ? ` (plan ${view.tracking.planId})` : ""}`);
        blocks.push(context(about.join(" · ")));
      });
      const text = answer.views.flatMap((view) => (view.status ? [plainTitle({ ...view, status: view.status })] : [])).join("\n");
      return { text, blocks: withinBlockLimit(blocks) };
    }
    case "pipeline": {
      const pipelineView: ResourceView = { resource: { type: "pipeline-execution", name: answer.pipelineName }, region: answer.region };
      const lines = answer.views.map((view) => statusListLine(view, now));
      const blocks =
        lines.length > 0
          ? lineSections(lines, { heading: `*Pipeline* \`${answer.pipelineName}\`: its latest runs started by sageops`, maxLines: 40, more: (left) => `…and ${left} older runs.` })
          : [section(`*Pipeline* \`${answer.pipelineName}\` exists; sageops has not started a run of it yet.`)];
      return { text: `Pipeline ${answer.pipelineName}: ${lines.length} run(s) known`, blocks: [...blocks, context(link(pipelineView))] };
    }
    case "active": {
      if (answer.views.length === 0) {
        const text = "Nothing is running for you or in this channel. Ask for a resource by name: `/sageops status <name>`.";
        return { text, blocks: [section(text)] };
      }
      const lines = answer.views.map((view) => statusListLine(view, now));
      const blocks: KnownBlock[] = [
        section(`*Running for <@${answer.requester}>${answer.channel ? ` and in <#${answer.channel}>` : ""}*`),
        ...lineSections(lines, { maxLines: 40, more: (left) => `…and ${left} more: \`/sageops status <name>\` shows one.` }),
      ];
      return { text: `${answer.views.length} resource(s) running`, blocks };
    }
    case "not-found":
    case "unavailable": {
      const text = `${answer.kind === "not-found" ? ":mag:" : ":warning:"} ${answer.problem.what}${answer.problem.fix ? `\n${answer.problem.fix}` : ""}`;
      return { text: text.replace(/[`*]/g, ""), blocks: [section(text)] };
    }
  }
}

/** The App Home's part on status: what a person has running, then what finished lately. */
export function renderHomeStatus(views: readonly ResourceView[], now: Date, options: { maxPerList?: number } = {}): KnownBlock[] {
  const max = options.maxPerList ?? 10;
  const running = views.filter((view) => !view.finishedAt && view.status?.phase !== "succeeded" && view.status?.phase !== "failed" && view.status?.phase !== "stopped");
  const recent = views.filter((view) => !running.includes(view));
  if (views.length === 0) return [section("*Your jobs, endpoints and pipeline runs*\nNothing yet. What you start with `/train`, `/deploy` or `/sageops pipeline` shows up here while it runs.")];
  const blocks: KnownBlock[] =
    running.length > 0
      ? lineSections(
          running.map((view) => statusListLine(view, now)),
          { heading: `*Running* (${running.length})`, maxLines: max, more: (left) => `…and ${left} more running.` },
        )
      : [section(`*Running* (0)\nNothing running right now.`)];
  if (recent.length > 0) blocks.push(...lineSections(recent.map((view) => statusListLine(view, now)), { heading: "*Recent*", maxLines: max, more: (left) => `…and ${left} more finished lately.` }));
  return blocks;
}
