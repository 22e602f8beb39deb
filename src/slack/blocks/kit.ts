/**
 * Small builders for Block Kit shapes, so renderers read as what they show. Texts are cut to
 * Block Kit's limits here, once, rather than in every renderer.
 */

import type { ActionsBlock, Button, ContextBlock, DividerBlock, HeaderBlock, InputBlock, KnownBlock, ModalView, PlainTextOption, SectionBlock } from "@slack/types";
import { codePointLabel, INVISIBLE_CHARACTERS } from "../../kernel/text.js";

export type { KnownBlock } from "@slack/types";

const LIMITS = { sectionText: 3000, headerText: 150, field: 2000, contextText: 2000, buttonText: 75, blocks: 50 } as const;

/** A time Slack shows in the reader's own time zone, falling back to the ISO text where it cannot. */
export function slackTime(iso: string, format = "{date_short_pretty} {time}"): string {
  return `<!date^${Math.floor(Date.parse(iso) / 1000)}^${format}|${iso}>`;
}

/** A message body: the plain-text fallback (notifications, screen readers) and the blocks. */
export interface Rendered {
  text: string;
  blocks: KnownBlock[];
}

/** A figure as a person reads it: whole numbers as they are, others to four significant digits. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Shows each invisible character as its code point, so what a person reads is what is there. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, (char) => `[${codePointLabel(char)}]`);
}

/**
 * The one escaping function for text that came from outside (a person, SageMaker, a report) on its
 * way into anything Slack reads, blocks and fallback text alike: &, < and > escaped, so no link,
 * user-group ping or broadcast mention can form; invisible characters shown.
 */
export function escapeMrkdwn(text: string): string {
  return showInvisible(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
}

/**
 * Defuses broadcast mentions (@channel, @here, @everyone, user-group pings) that could reach a
 * message through text a person typed; sageops never means to ping a whole channel. Plain
 * "@channel" text notifies nobody: only the <!channel> form does.
 */
export function defuseBroadcasts(text: string): string {
  return text.replace(/<!(channel|here|everyone|subteam\^[A-Z0-9]+)(\|[^>]*)?>/gi, (_match, what: string) => `@${what.startsWith("subteam") ? "group" : what}`);
}

/** The longest fallback text sent: Slack shows notifications from it, and cuts very long ones itself. */
const FALLBACK_TEXT_MAX = 3000;

/** Cuts text at a line boundary, saying how many lines were left out, rather than mid-line. */
export function fitLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split("\n");
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > max - 40) break;
    kept.push(line);
    length += line.length + 1;
  }
  if (kept.length === 0) return truncate(text, max);
  return `${kept.join("\n")}\n…and ${lines.length - kept.length} more line${lines.length - kept.length === 1 ? "" : "s"}.`;
}

/**
 * The last step before anything goes to Slack (messages, replies, modals, App Home): every text
 * field, fallback included, has broadcast mentions defused and invisible characters shown, so a
 * renderer that forgot to escape a value still cannot ping a channel or hide what runs.
 */
export function safeOutgoing<T>(value: T): T {
  return sanitise(value, undefined) as T;
}

function sanitise(value: unknown, key: string | undefined): unknown {
  if (typeof value === "string") return key === "text" ? showInvisible(defuseBroadcasts(value)) : value;
  if (Array.isArray(value)) return value.map((item) => sanitise(item, undefined));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value)) out[name] = sanitise(inner, name);
  if (key === undefined && typeof out["text"] === "string" && Array.isArray(out["blocks"])) out["text"] = fitLines(out["text"], FALLBACK_TEXT_MAX);
  return out;
}

export function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(text, LIMITS.headerText), emoji: true } };
}

export function section(markdown: string, fields?: string[]): SectionBlock {
  const block: SectionBlock = { type: "section", text: { type: "mrkdwn", text: truncate(defuseBroadcasts(markdown), LIMITS.sectionText) } };
  if (fields && fields.length > 0) block.fields = fields.slice(0, 10).map((field) => ({ type: "mrkdwn", text: truncate(defuseBroadcasts(field), LIMITS.field) }));
  return block;
}

export function fieldsSection(fields: string[]): SectionBlock {
  return { type: "section", fields: fields.slice(0, 10).map((field) => ({ type: "mrkdwn", text: truncate(defuseBroadcasts(field), LIMITS.field) })) };
}

export function context(...markdown: string[]): ContextBlock {
  return { type: "context", elements: markdown.slice(0, 10).map((text) => ({ type: "mrkdwn", text: truncate(defuseBroadcasts(text), LIMITS.contextText) })) };
}

export function divider(): DividerBlock {
  return { type: "divider" };
}

export function button(options: { text: string; actionId: string; value?: string; style?: "primary" | "danger"; url?: string }): Button {
  const element: Button = { type: "button", text: { type: "plain_text", text: truncate(options.text, LIMITS.buttonText), emoji: true }, action_id: options.actionId };
  if (options.value !== undefined) element.value = options.value;
  if (options.style) element.style = options.style;
  if (options.url) element.url = options.url;
  return element;
}

export function actions(blockId: string, elements: Button[]): ActionsBlock {
  return { type: "actions", block_id: blockId, elements };
}

/**
 * A list as sections: whole lines packed into sections under Block Kit's 3000 characters, so no
 * line (and no link in it) is ever cut; past `maxLines`, "…and N more" says what was left out.
 */
export function lineSections(lines: readonly string[], options: { heading?: string; maxLines?: number; more?: (left: number) => string } = {}): KnownBlock[] {
  const shown = lines.slice(0, options.maxLines ?? lines.length);
  const blocks: KnownBlock[] = [];
  let current = options.heading ?? "";
  for (const line of shown) {
    const next = current === "" ? line : `${current}\n${line}`;
    if (next.length > LIMITS.sectionText - 100 && current !== "") {
      blocks.push(section(current));
      current = line;
    } else current = next;
  }
  if (current !== "") blocks.push(section(current));
  const left = lines.length - shown.length;
  if (left > 0) blocks.push(context(options.more ? options.more(left) : `…and ${left} more.`));
  return blocks;
}

/** Keeps a message within Block Kit's block count, saying so when something was left out. */
export function withinBlockLimit(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  return [...blocks.slice(0, LIMITS.blocks - 1), context(`…and ${blocks.length - LIMITS.blocks + 1} more blocks left out.`)];
}

/** A form field's ids: the input block and its element. */
interface FieldIds {
  block: string;
  action: string;
}

export function selectOption(text: string, value: string = text): PlainTextOption {
  return { text: { type: "plain_text", text: truncate(text, 75) }, value };
}

function inputBlock(field: FieldIds, label: string, element: InputBlock["element"], options: { optional?: boolean; hint?: string }): InputBlock {
  return {
    type: "input",
    block_id: field.block,
    label: { type: "plain_text", text: label },
    element,
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: { type: "plain_text", text: options.hint } } : {}),
  };
}

export function textInput(field: FieldIds, label: string, options: { optional?: boolean; placeholder?: string; hint?: string } = {}): InputBlock {
  return inputBlock(field, label, { type: "plain_text_input", action_id: field.action, ...(options.placeholder ? { placeholder: { type: "plain_text", text: options.placeholder } } : {}) }, options);
}

/** A select of the given options (at most Slack's 100), or a text input when there are none to offer. */
export function selectInput(field: FieldIds, label: string, choices: PlainTextOption[], options: { optional?: boolean; hint?: string; placeholderWhenEmpty?: string } = {}): InputBlock {
  if (choices.length === 0) return textInput(field, label, { ...options, placeholder: options.placeholderWhenEmpty });
  return inputBlock(field, label, { type: "static_select", action_id: field.action, options: choices.slice(0, 100) }, options);
}

export function numberInput(field: FieldIds, label: string, bounds: { min: number; max: number }, options: { optional?: boolean } = {}): InputBlock {
  return inputBlock(field, label, { type: "number_input", action_id: field.action, is_decimal_allowed: false, min_value: String(bounds.min), max_value: String(bounds.max) }, options);
}

/** A modal that submits a plan request. */
export function planModal(options: { callbackId: string; privateMetadata: string; title: string; blocks: KnownBlock[] }): ModalView {
  return {
    type: "modal",
    callback_id: options.callbackId,
    private_metadata: options.privateMetadata,
    title: { type: "plain_text", text: truncate(options.title, 24) },
    submit: { type: "plain_text", text: "Make a plan" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: options.blocks,
  };
}
