import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConsoleForm } from "./form.js";
import { type ButtonChoice, renderBlocksToText } from "./render.js";
import type { LocalSlackApi, StoredFile, StoredMessage } from "./slack-api.js";

/** A button a person can press by typing its number, with the message it belongs to. */
interface NumberedChoice extends ButtonChoice {
  channel: string;
  messageTs: string;
  message: StoredMessage;
}

/**
 * Prints what the bot posts to the local Slack API, as text, and remembers the numbered
 * buttons. An updated message is printed again with its current content. A shared file (a chart)
 * cannot be shown in a terminal: it is written to a temporary folder and its path printed.
 */
export class ConsoleView {
  private readonly choices = new Map<number, NumberedChoice>();
  private nextNumber = 1;
  /** Made on the first shared file; left behind at exit so the person can still open the files. */
  private filesDir?: string;

  constructor(
    api: LocalSlackApi,
    private readonly write: (text: string) => void,
  ) {
    api.on("message", (message, event) => this.show(message, event));
    api.on("view", ({ method, view }) => this.showView(method, view));
    api.on("file", (file) => this.showFile(file));
  }

  choice(number: number): NumberedChoice | undefined {
    return this.choices.get(number);
  }

  private show(message: StoredMessage, event: "posted" | "updated" | "deleted"): void {
    if (event === "deleted") {
      this.write(`sageops › (a message was deleted)\n`);
      return;
    }
    // Buttons of a replaced message no longer apply.
    for (const [number, choice] of this.choices) {
      if (choice.channel === message.channel && choice.messageTs === message.ts) this.choices.delete(number);
    }
    const body = renderBlocksToText(message.blocks, message.text, (choice) => {
      const number = this.nextNumber++;
      this.choices.set(number, { ...choice, channel: message.channel, messageTs: message.ts, message });
      return number;
    });
    const tags = [event === "updated" ? "updated" : undefined, message.ephemeralTo ? `only ${message.ephemeralTo} sees this` : undefined, message.threadTs ? "in thread" : undefined].filter(Boolean);
    const heading = `sageops › ${message.channel}${tags.length > 0 ? ` (${tags.join(", ")})` : ""}`;
    this.write(`${heading}\n${body.split("\n").map((line) => `  ${line}`).join("\n")}\n\n`);
  }

  private showFile(file: StoredFile): void {
    this.filesDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "sageops-console-"));
    const where = path.join(this.filesDir, uniqueName(this.filesDir, file.filename));
    fs.writeFileSync(where, file.bytes);
    const kind = /\.(png|jpe?g|gif|svg)$/i.test(where) ? "chart" : "file";
    this.write(`sageops › ${file.channel}${file.threadTs ? " (in thread)" : ""}\n  ${kind}: ${where}\n\n`);
  }

  /** A form opened by the bot and being filled in at the terminal, if any. */
  form?: ConsoleForm;

  private showView(method: string, view: unknown): void {
    if (method === "views.publish") return; // The App Home has no place in a terminal.
    const record = typeof view === "object" && view !== null ? (view as Record<string, unknown>) : {};
    const blocks = Array.isArray(record["blocks"]) ? record["blocks"].filter((b) => (b as Record<string, unknown>)["type"] !== "input") : [];
    const form = new ConsoleForm(view);
    const body = renderBlocksToText(blocks, undefined, () => 0).replace(/\[0\] /g, "");
    this.write(`sageops › form "${form.title}": answer each question on its own line ("." cancels the form)\n${body ? `${body.split("\n").map((line) => `  ${line}`).join("\n")}\n` : ""}`);
    this.form = form;
    this.ask();
  }

  /** Prints the form's next question. */
  ask(): void {
    const question = this.form?.prompt();
    if (question) this.write(`  ? ${question}\n`);
  }
}

/**
 * The uploaded name made safe as one file in `dir` (it came over HTTP: no separators, no dot
 * files), numbered when an earlier file took it.
 */
function uniqueName(dir: string, filename: string): string {
  const safe = path.basename(filename).replace(/[^A-Za-z0-9._-]/g, "-").replace(/^\.+/, "") || "file";
  const { name, ext } = path.parse(safe);
  let candidate = safe;
  for (let n = 2; fs.existsSync(path.join(dir, candidate)); n += 1) candidate = `${name}-${n}${ext}`;
  return candidate;
}
