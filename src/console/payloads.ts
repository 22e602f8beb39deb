/**
 * Slack payloads as Slack sends them: slash commands, Events API envelopes and block_actions.
 * The console builds them from terminal lines; the tests build them to sign and POST.
 */
import { randomUUID } from "node:crypto";

interface Actor {
  userId: string;
  teamId: string;
  apiAppId?: string;
}

interface SlashCommandPayload {
  [key: string]: string;
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  response_url: string;
  trigger_id: string;
}

const APP_ID = "A0SAGEOPS";

function triggerId(): string {
  return `${Date.now()}.${randomUUID().slice(0, 8)}`;
}

function eventId(): string {
  return `Ev${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}`;
}

/** A ts in Slack's "seconds.micros" form. */
function slackTs(date = new Date()): string {
  const micros = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  return `${Math.floor(date.getTime() / 1000)}.${micros}`;
}

export function slashCommandPayload(options: Actor & { command: string; text: string; channelId: string; channelName?: string; responseUrl: string }): SlashCommandPayload {
  return {
    token: "verification-token-unused",
    team_id: options.teamId,
    team_domain: "sageops",
    channel_id: options.channelId,
    channel_name: options.channelName ?? options.channelId.toLowerCase(),
    user_id: options.userId,
    user_name: options.userId.toLowerCase(),
    command: options.command,
    text: options.text,
    api_app_id: options.apiAppId ?? APP_ID,
    response_url: options.responseUrl,
    trigger_id: triggerId(),
  };
}

type EventEnvelope = {
  token: string;
  team_id: string;
  api_app_id: string;
  type: "event_callback";
  event_id: string;
  event_time: number;
  event: Record<string, unknown>;
  authorizations: { team_id: string; user_id: string; is_bot: boolean }[];
};

export function eventEnvelope(options: { teamId: string; botUserId: string; event: Record<string, unknown>; eventId?: string }): EventEnvelope {
  return {
    token: "verification-token-unused",
    team_id: options.teamId,
    api_app_id: APP_ID,
    type: "event_callback",
    event_id: options.eventId ?? eventId(),
    event_time: Math.floor(Date.now() / 1000),
    event: options.event,
    authorizations: [{ team_id: options.teamId, user_id: options.botUserId, is_bot: true }],
  };
}

export function directMessageEvent(options: { userId: string; channelId: string; text: string; ts?: string; threadTs?: string }): Record<string, unknown> {
  const ts = options.ts ?? slackTs();
  const event: Record<string, unknown> = { type: "message", channel_type: "im", channel: options.channelId, user: options.userId, text: options.text, ts, event_ts: ts };
  if (options.threadTs) event["thread_ts"] = options.threadTs;
  return event;
}

export function appMentionEvent(options: { userId: string; channelId: string; text: string; botUserId: string; ts?: string; threadTs?: string }): Record<string, unknown> {
  const ts = options.ts ?? slackTs();
  const event: Record<string, unknown> = { type: "app_mention", channel: options.channelId, user: options.userId, text: `<@${options.botUserId}> ${options.text}`, ts, event_ts: ts };
  if (options.threadTs) event["thread_ts"] = options.threadTs;
  return event;
}

export function appHomeOpenedEvent(options: { userId: string }): Record<string, unknown> {
  return { type: "app_home_opened", user: options.userId, channel: `D${options.userId.slice(1)}`, tab: "home", event_ts: slackTs() };
}

interface ButtonClick {
  actionId: string;
  blockId: string;
  value?: string;
  /** The button's label, which Slack sends with the click. */
  text?: string;
}

export function blockActionsPayload(
  options: Actor & { channelId: string; messageTs: string; message?: { text?: string; blocks?: unknown[] }; isEphemeral?: boolean; responseUrl: string; click: ButtonClick },
): Record<string, unknown> {
  const ts = slackTs();
  return {
    type: "block_actions",
    user: { id: options.userId, username: options.userId.toLowerCase(), team_id: options.teamId },
    api_app_id: options.apiAppId ?? APP_ID,
    token: "verification-token-unused",
    container: { type: "message", message_ts: options.messageTs, channel_id: options.channelId, is_ephemeral: options.isEphemeral ?? false },
    trigger_id: triggerId(),
    team: { id: options.teamId, domain: "sageops" },
    channel: { id: options.channelId, name: options.channelId.toLowerCase() },
    message: { type: "message", ts: options.messageTs, text: options.message?.text ?? "", blocks: options.message?.blocks ?? [] },
    response_url: options.responseUrl,
    actions: [
      {
        type: "button",
        action_id: options.click.actionId,
        block_id: options.click.blockId,
        value: options.click.value,
        ...(options.click.text === undefined ? {} : { text: { type: "plain_text", text: options.click.text, emoji: true } }),
        action_ts: ts,
      },
    ],
  };
}
