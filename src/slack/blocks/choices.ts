/**
 * Asking back: the readings a message may have meant, as buttons. Picking one goes on as if its
 * words had been typed (src/slack/buttons/choice-buttons.ts); "Neither" does nothing.
 */
import type { ActionsBlock } from "@slack/types";
import type { Choice } from "../../kernel/result.js";
import { actions, button, defuseBroadcasts, type KnownBlock, type Rendered, section } from "./kit.js";

/** The action id of a choice is this, a colon and its place (action ids must differ within a message). */
export const CHOICE_ACTION = "sageops_choice";
export const NEITHER_ACTION = "sageops_choice_neither";
/** Slack takes up to 25 buttons in a row; a person can compare far fewer. */
const MAX_CHOICES = 5;
/** A button's value holds at most this much (Block Kit's limit). */
const MAX_VALUE = 2000;

/** The row of buttons for `choices` (those whose words fit a button), with "Neither" after them. */
export function choiceButtons(choices: readonly Choice[], options: { neither: boolean }): ActionsBlock | undefined {
  const fitting = choices.filter((choice) => choice.text.length <= MAX_VALUE).slice(0, MAX_CHOICES);
  if (fitting.length === 0) return undefined;
  const buttons = fitting.map((choice, index) => button({ text: choice.label, actionId: `${CHOICE_ACTION}:${index}`, value: choice.text, style: index === 0 && fitting.length === 1 ? "primary" : undefined }));
  if (options.neither) buttons.push(button({ text: "Neither", actionId: NEITHER_ACTION, value: "neither" }));
  return actions("choices", buttons);
}

/** "Did you mean …?" with the readings as buttons. */
export function renderChoices(question: string, choices: readonly Choice[]): Rendered {
  const row = choiceButtons(choices, { neither: true });
  const text = defuseBroadcasts(`${question} ${choices.map((choice) => choice.label).join(" · ")}`);
  const blocks: KnownBlock[] = [section(question)];
  if (row) blocks.push(row);
  return { text, blocks };
}
