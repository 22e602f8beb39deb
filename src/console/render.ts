/**
 * Block Kit to terminal text, as a pure function: headers, sections with fields, context,
 * dividers, and buttons as numbered choices (the caller hands out the numbers, so a person
 * can pick one by typing it).
 */

export interface ButtonChoice {
  actionId: string;
  blockId: string;
  value?: string;
  text: string;
  url?: string;
}

type Block = Record<string, unknown>;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function textOf(value: unknown): string {
  const object = asRecord(value);
  return object && typeof object["text"] === "string" ? object["text"] : "";
}

/** Slack mrkdwn to plain text: links, mentions and escapes made readable. */
function mrkdwnToPlain(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, "$2 ($1)")
    .replace(/<(https?:\/\/[^>]+)>/g, "$1")
    .replace(/<#([A-Z0-9]+)\|([^>]*)>/g, (_match, id: string, name: string) => `#${name || id}`)
    .replace(/<#([A-Z0-9]+)>/g, "#$1")
    .replace(/<@([A-Z0-9]+)(\|[^>]*)?>/g, "@$1")
    .replace(/<!date\^(\d+)\^[^|>]*\|[^>]*>/g, (_match, seconds: string) => `${new Date(Number(seconds) * 1000).toISOString().replace("T", " ").slice(0, 16)} UTC`)
    .replace(/<!(here|channel|everyone)>/g, "@$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => `${prefix}${line}`)
    .join("\n");
}

/**
 * Renders blocks (or the fallback text when there are none). `number` is called for each
 * button in order and returns the number to show for it.
 */
export function renderBlocksToText(blocks: unknown[] | undefined, fallback: string | undefined, number: (choice: ButtonChoice) => number): string {
  if (!blocks || blocks.length === 0) return mrkdwnToPlain(fallback ?? "");
  const out: string[] = [];
  for (const raw of blocks) {
    const block = asRecord(raw) as Block | undefined;
    if (!block) continue;
    switch (block["type"]) {
      case "header":
        out.push(`== ${textOf(block["text"])} ==`);
        break;
      case "section": {
        const body = mrkdwnToPlain(textOf(block["text"]));
        if (body) out.push(body);
        const fields = Array.isArray(block["fields"]) ? block["fields"].map((field) => mrkdwnToPlain(textOf(field))) : [];
        if (fields.length > 0) out.push(fields.map((field) => `  ${field.replace(/\n/g, " ")}`).join("\n"));
        const accessory = asRecord(block["accessory"]);
        if (accessory?.["type"] === "button") out.push(renderButtons([accessory], String(block["block_id"] ?? ""), number));
        break;
      }
      case "context": {
        const elements = Array.isArray(block["elements"]) ? block["elements"] : [];
        out.push(indent(elements.map((element) => mrkdwnToPlain(textOf(element))).join("  "), "  "));
        break;
      }
      case "divider":
        out.push("----");
        break;
      case "actions": {
        const elements = Array.isArray(block["elements"]) ? block["elements"].map(asRecord).filter((e): e is Record<string, unknown> => e !== undefined) : [];
        out.push(renderButtons(elements, String(block["block_id"] ?? ""), number));
        break;
      }
      case "input":
        out.push(`[field] ${textOf(block["label"])}`);
        break;
      case "rich_text":
        out.push(mrkdwnToPlain(JSON.stringify(block["elements"] ?? [])));
        break;
      default:
        break;
    }
  }
  return out.join("\n");
}

function renderButtons(elements: Record<string, unknown>[], blockId: string, number: (choice: ButtonChoice) => number): string {
  const parts: string[] = [];
  for (const element of elements) {
    if (element["type"] !== "button") continue;
    const label = textOf(element["text"]);
    const url = typeof element["url"] === "string" ? element["url"] : undefined;
    if (url) {
      parts.push(`${label}: ${url}`);
      continue;
    }
    const choice: ButtonChoice = {
      actionId: String(element["action_id"] ?? ""),
      blockId,
      value: typeof element["value"] === "string" ? element["value"] : undefined,
      text: label,
    };
    parts.push(`[${number(choice)}] ${label}`);
  }
  return parts.join("   ");
}
