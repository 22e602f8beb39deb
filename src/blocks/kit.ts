/**
 * Small builders for Block Kit shapes, so renderers read as what they show. Texts are cut to
 * Block Kit's limits here, once, rather than in every renderer.
 */
import type { ActionsBlock, Button, ContextBlock, DividerBlock, HeaderBlock, InputBlock, KnownBlock, ModalView, PlainTextOption, SectionBlock } from "@slack/types";

export type { KnownBlock } from "@slack/types";

export const LIMITS = { sectionText: 3000, headerText: 150, field: 2000, contextText: 2000, buttonText: 75, blocks: 50 } as const;

/** A message body: the plain-text fallback (notifications, screen readers) and the blocks. */
export interface Rendered {
  text: string;
  blocks: KnownBlock[];
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Defuses broadcast mentions (@channel, @here, @everyone, user-group pings) that could reach a
 * message through text a person typed; sageops never means to ping a whole channel.
 */
export function defuseBroadcasts(text: string): string {
  return text.replace(/<!(channel|here|everyone|subteam\^[A-Z0-9]+)(\|[^>]*)?>/gi, (_match, what: string) => `@\u200b${what.startsWith("subteam") ? "group" : what}`);
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

/** Keeps a message within Block Kit's block count, saying so when something was left out. */
export function withinBlockLimit(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  return [...blocks.slice(0, LIMITS.blocks - 1), context(`…and ${blocks.length - LIMITS.blocks + 1} more blocks left out.`)];
}

/** A form field's ids: the input block and its element. */
export interface FieldIds {
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
