/** `/sageops drift [endpoint] | subscribe <endpoint> [#channel] | unsubscribe <endpoint> [#channel] | list`. */

import { resourceName } from "../../actions/arguments.js";
import type { Requester } from "../../actions/context.js";
import { MAX_CHOICES } from "../../actions/planning.js";
import { driftReply } from "../action-requests.js";
import { MONITOR_NAMES, renderSubscriptions } from "../blocks/drift-alert.js";
import type { Rendered } from "../blocks/kit.js";
import { fitLines, section } from "../blocks/kit.js";
import { renderNote, renderProblem, withNote } from "../blocks/notice.js";
import type { SlackDeps } from "../deps.js";
import { SlackRefused, UNPOSTABLE_CHANNEL_CODES } from "../notify/errors.js";

export type DriftDeps = Pick<SlackDeps, "driftFindings" | "simulationNote" | "driftSubscriptions" | "poster" | "registry">;

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/**
 * The channel a command names: a Slack channel link (`<#C0ALERTS|ml-alerts>`) or an id, else the
 * channel it was typed in. A bare `#name` cannot be told from another workspace's channel without
 * listing every channel, so the person is asked for the link or the id.
 */
export function channelArgument(word: string | undefined, here: string): ChannelChoice {
  if (word === undefined || word === "here") return { channel: here };
  const link = /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/.exec(word);
  if (link?.[1]) return { channel: link[1] };
  if (CHANNEL_ID.test(word)) return { channel: word };
  return { problem: `I can't tell which channel \`${word}\` is.` };
}

const CHANNEL_FIX = "Pick the channel from the list Slack offers as you type `#` (so it becomes a link), give its id (C…, at the bottom of the channel's details), or run the command in that channel without naming one.";

type ChannelChoice = { channel: string } | { problem: string };

/** The channel words named: a link's id, else (a bare name) a problem, else the channel asked in. */
export function channelFromWords(ref: { id?: string; name?: string } | undefined, here: string): ChannelChoice {
  if (!ref) return { channel: here };
  if (ref.id && CHANNEL_ID.test(ref.id)) return { channel: ref.id };
  return { problem: `I can't tell which channel \`#${ref.name ?? "?"}\` is.` };
}

export async function subscribeReply(endpointWord: string | undefined, where: ChannelChoice, requester: Requester, deps: DriftDeps): Promise<Rendered> {
  if (endpointWord === undefined && !("problem" in where)) return whichEndpointToSubscribe(where.channel, deps);
  const endpoint = resourceName(endpointWord, "endpoint", "/sageops drift subscribe churn-prod #ml-alerts");
  if (!endpoint.ok) return renderProblem(endpoint.problem);
  if ("problem" in where) return renderProblem({ what: where.problem, fix: CHANNEL_FIX });
  const result = await deps.driftSubscriptions.subscribe(endpoint.value, where.channel, requester.userId);
  if (!result.ok) return renderProblem(result.problem);
  if (!result.value.created) return renderNote(result.note ?? "Already subscribed.");
  try {
    await deps.poster.post(where.channel, renderNote(`:bell: This channel now gets drift alerts for \`${endpoint.value}\` (subscribed by <@${requester.userId}>). \`/sageops drift unsubscribe ${endpoint.value}\` stops them.`));
  } catch (error) {
    if (!(error instanceof SlackRefused && UNPOSTABLE_CHANNEL_CODES.has(error.code))) throw error;
    // Nothing would ever reach that channel, so the subscription is not kept.
    await deps.driftSubscriptions.unsubscribe(endpoint.value, where.channel, requester.userId);
    return renderProblem({ what: `I can't post in <#${where.channel}>, so it would never get an alert.`, fix: "Invite me there with `/invite @sageops`, then subscribe again." });
  }
  return renderNote(`<#${where.channel}> now gets drift alerts for \`${endpoint.value}\`.`);
}

/**
 * "turn on drift alerts for this channel": the endpoints it does not hear of yet, as buttons; a pick
 * subscribes as if its words had been typed.
 */
async function whichEndpointToSubscribe(channel: string, deps: DriftDeps): Promise<Rendered> {
  const heard = new Set(deps.driftSubscriptions.list(channel).map((line) => line.endpoint));
  const endpoints = (await deps.registry.listEndpoints({})).map((endpoint) => endpoint.EndpointName).filter((name) => !heard.has(name));
  const fix = "Name it, for example: `/sageops drift subscribe churn-prod`.";
  if (endpoints.length === 0) return renderProblem({ what: heard.size > 0 ? `<#${channel}> already gets drift alerts for every endpoint I can see.` : "Drift alerts for which endpoint? I can't see any endpoint yet.", fix });
  const more = endpoints.length - MAX_CHOICES;
  const choices = endpoints.slice(0, MAX_CHOICES).map((name) => ({ label: `Alerts for ${name}`, text: `send drift alerts for ${name} to <#${channel}>` }));
  return renderProblem({ what: `Drift alerts for which endpoint?${more > 0 ? ` (${more} more are not shown.)` : ""}`, fix, choices });
}

/** "mute drift alerts for this channel": every subscription of the channel ends; the policy's own stay, and it says so. */
async function unsubscribeChannel(channel: string, requester: Requester, deps: DriftDeps): Promise<Rendered> {
  const endpoints = [...new Set(deps.driftSubscriptions.list(channel).map((line) => line.endpoint))];
  if (endpoints.length === 0) return renderNote(`<#${channel}> gets no drift alerts.`);
  const stopped: string[] = [];
  const problems: string[] = [];
  for (const endpoint of endpoints) {
    const result = await deps.driftSubscriptions.unsubscribe(endpoint, channel, requester.userId);
    if (result.ok) stopped.push(`\`${endpoint}\``);
    else problems.push(result.problem.what);
  }
  const lines = stopped.length > 0 ? [`<#${channel}> no longer gets drift alerts for ${stopped.join(", ")}.`] : [];
  return renderNote(fitLines([...lines, ...problems].join("\n"), 3000));
}

export async function unsubscribeReply(endpointWord: string | undefined, where: ChannelChoice, requester: Requester, deps: DriftDeps): Promise<Rendered> {
  if (endpointWord === undefined && !("problem" in where)) return unsubscribeChannel(where.channel, requester, deps);
  const endpoint = resourceName(endpointWord, "endpoint", "/sageops drift unsubscribe churn-prod #ml-alerts");
  if (!endpoint.ok) return renderProblem(endpoint.problem);
  if ("problem" in where) return renderProblem({ what: where.problem, fix: CHANNEL_FIX });
  const result = await deps.driftSubscriptions.unsubscribe(endpoint.value, where.channel, requester.userId);
  if (!result.ok) return renderProblem(result.problem);
  return renderNote(`<#${where.channel}> no longer gets drift alerts for \`${endpoint.value}\`.${result.note ? ` ${result.note}` : ""}`);
}

/** Endpoints summarised at most in one answer; each costs a List call and a few reads. */
const SUMMARY_ENDPOINTS = 5;

/** `/sageops drift` alone: each endpoint this channel hears of, with its monitors' newest findings. */
export async function summaryReply(channel: string, deps: DriftDeps): Promise<Rendered> {
  const here = deps.driftSubscriptions.list(channel);
  if (here.length === 0) return renderSubscriptions(here, channel, { onlyHere: true });
  const endpoints = [...new Set(here.map((line) => line.endpoint))];
  const lines: string[] = [];
  for (const endpoint of endpoints.slice(0, SUMMARY_ENDPOINTS)) {
    const answer = await deps.driftFindings(endpoint);
    if (!answer.ok) {
      lines.push(`• \`${endpoint}\`: ${answer.problem.what}`);
      continue;
    }
    const monitors = answer.value.findings.map((f) => `${MONITOR_NAMES[f.monitorType]} ${f.status === "violations" ? `:rotating_light: ${f.violations.length} violation(s)` : f.status === "clean" ? ":white_check_mark: clean" : f.status === "failed" ? ":x: run failed" : ":warning: report unreadable"}`);
    lines.push(`• \`${endpoint}\`: ${monitors.length > 0 ? monitors.join(", ") : "no finished run yet"}`);
  }
  const more = endpoints.length - SUMMARY_ENDPOINTS;
  const text = `*Drift for the endpoints this channel hears of*\n${lines.join("\n")}${more > 0 ? `\n…and ${more} more: \`/sageops drift list\` names them.` : ""}\n\`/sageops drift <endpoint>\` shows one in full.`;
  return withNote({ text, blocks: [section(fitLines(text, 3000))] }, deps.simulationNote);
}

export async function driftCommand(rest: string, requester: Requester, deps: DriftDeps): Promise<Rendered> {
  const [verb, ...words] = rest.trim().split(/\s+/).filter(Boolean);
  if (words.length > 2) return renderProblem({ what: `I don't know what to do with \`${words.slice(2).join(" ")}\`.`, fix: "For example: `/sageops drift subscribe churn-prod #ml-alerts`." });
  switch (verb?.toLowerCase()) {
    case "subscribe":
      return subscribeReply(words[0], channelArgument(words[1], requester.channelId), requester, deps);
    case "unsubscribe":
      return unsubscribeReply(words[0], channelArgument(words[1], requester.channelId), requester, deps);
    case "list":
      return renderSubscriptions(deps.driftSubscriptions.list(), requester.channelId);
    case undefined:
      return summaryReply(requester.channelId, deps);
    default:
      if (words.length > 0) return renderProblem({ what: "Ask about one endpoint at a time.", fix: "For example: `/sageops drift churn-prod`, or `/sageops drift subscribe churn-prod #ml-alerts`." });
      return driftReply(verb, deps);
  }
}
