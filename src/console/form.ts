/**
 * A Slack modal filled in at the terminal: each input block becomes a question, answered by the
 * next line typed. Pure state: the receiver feeds it lines and turns it into a view_submission.
 */

interface FormField {
  blockId: string;
  actionId: string;
  label: string;
  optional: boolean;
  /** For selects: the allowed values. */
  options?: string[];
  elementType: string;
}

type StateValue = { type: string; value?: string; selected_option?: { value: string } };

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  const r = record(value);
  return typeof r["text"] === "string" ? r["text"] : "";
}

export class ConsoleForm {
  readonly title: string;
  readonly callbackId: string;
  readonly privateMetadata: string;
  readonly fields: FormField[];
  private queue: FormField[];
  private readonly values = new Map<string, StateValue>();

  constructor(view: unknown) {
    const v = record(view);
    this.title = text(v["title"]);
    this.callbackId = typeof v["callback_id"] === "string" ? v["callback_id"] : "";
    this.privateMetadata = typeof v["private_metadata"] === "string" ? v["private_metadata"] : "";
    const blocks = Array.isArray(v["blocks"]) ? v["blocks"].map(record) : [];
    this.fields = blocks
      .filter((block) => block["type"] === "input")
      .map((block) => {
        const element = record(block["element"]);
        const options = Array.isArray(element["options"]) ? element["options"].map((o) => String(record(o)["value"] ?? "")) : undefined;
        return {
          blockId: String(block["block_id"] ?? ""),
          actionId: String(element["action_id"] ?? ""),
          label: text(block["label"]),
          optional: block["optional"] === true,
          options,
          elementType: String(element["type"] ?? "plain_text_input"),
        };
      });
    this.queue = [...this.fields];
  }

  /** The question for the next field, or undefined when every field has an answer. */
  prompt(): string | undefined {
    const field = this.queue[0];
    if (!field) return undefined;
    const choices = field.options ? ` [${field.options.join(" | ")}]` : "";
    return `${field.label}${choices}${field.optional ? " (optional: empty line skips)" : ""}:`;
  }

  /** Takes one typed line as the answer to the current question; returns a problem to show, if any. */
  answer(line: string): string | undefined {
    const field = this.queue[0];
    if (!field) return undefined;
    const value = line.trim();
    if (value === "") {
      if (!field.optional) return `${field.label} is required.`;
      this.values.delete(field.blockId);
      this.queue.shift();
      return undefined;
    }
    if (field.options && !field.options.includes(value)) return `${value} is not one of: ${field.options.join(", ")}.`;
    this.values.set(field.blockId, field.options ? { type: field.elementType, selected_option: { value } } : { type: field.elementType, value });
    this.queue.shift();
    return undefined;
  }

  /** Asks again for the fields Slack's errors name. */
  retry(errors: Record<string, string>): void {
    this.queue = this.fields.filter((field) => field.blockId in errors);
  }

  /** The view's state, as a view_submission carries it. */
  state(): Record<string, Record<string, StateValue>> {
    const state: Record<string, Record<string, StateValue>> = {};
    for (const field of this.fields) {
      const value = this.values.get(field.blockId);
      if (value) state[field.blockId] = { [field.actionId]: value };
    }
    return state;
  }
}
