import readline from "node:readline";
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type { Logger } from "../logger.js";
import { appMentionEvent, blockActionsPayload, directMessageEvent, eventEnvelope, slashCommandPayload } from "./payloads.js";
import type { LocalSlackApi } from "./slack-api.js";
import type { ConsoleView } from "./view.js";

export interface ConsoleIdentity {
  userId: string;
  /** Channel that slash commands and mentions come from. */
  channelId: string;
}

/** Lines that start with one of these are slash commands; anything else is a direct message. */
const SLASH_COMMANDS = /^\/(train|deploy|sageops)(\s|$)/i;

/**
 * A Bolt receiver that reads the terminal: each line becomes the Slack payload it stands for
 * and goes through the same App, listeners and Web API calls as Socket Mode and HTTP.
 */
export class ConsoleReceiver implements Receiver {
  private app?: App;
  private lines?: readline.Interface;
  private resolveFinished: () => void = () => undefined;
  /** Settles when input has ended and every line has been handled. */
  readonly finished: Promise<void>;
  private identity: ConsoleIdentity;

  constructor(
    private readonly options: {
      input: NodeJS.ReadableStream;
      write: (text: string) => void;
      api: LocalSlackApi;
      view: ConsoleView;
      identity: ConsoleIdentity;
      logger: Logger;
    },
  ) {
    this.identity = { ...options.identity };
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    this.lines = readline.createInterface({ input: this.options.input, terminal: false });
    void this.consume(this.lines);
  }

  async stop(): Promise<void> {
    this.lines?.close();
  }

  private async consume(lines: readline.Interface): Promise<void> {
    try {
      for await (const line of lines) {
        await this.handleLine(line.trim());
      }
    } finally {
      this.resolveFinished();
    }
  }

  /** Handles one terminal line; exported behaviour is what a person sees, so failures print. */
  async handleLine(line: string): Promise<void> {
    // An empty line only means something inside a form (skip an optional field).
    if (line === "" && !this.options.view.form) return;
    try {
      await this.dispatch(line);
    } catch (error) {
      this.options.logger.error({ err: error }, "console line failed");
      this.options.write(`sageops › that failed on my side: ${error instanceof Error ? error.message : String(error)}\n\n`);
    }
  }

  private async dispatch(line: string): Promise<void> {
    const { api, write, view } = this.options;
    if (view.form) {
      await this.fillForm(line);
      return;
    }
    const switchUser = /^:as\s+([UW][A-Z0-9]+)$/i.exec(line);
    if (switchUser?.[1]) {
      this.identity.userId = switchUser[1].toUpperCase();
      write(`(you are now ${this.identity.userId})\n\n`);
      return;
    }
    const switchChannel = /^:in\s+([CG][A-Z0-9]+)$/i.exec(line);
    if (switchChannel?.[1]) {
      this.identity.channelId = switchChannel[1].toUpperCase();
      write(`(commands now come from ${this.identity.channelId})\n\n`);
      return;
    }
    if (/^\d+$/.test(line)) {
      await this.press(Number(line));
      return;
    }
    const actor = { userId: this.identity.userId, teamId: api.teamId };
    if (SLASH_COMMANDS.test(line)) {
      const [command = "", ...rest] = line.split(/\s+/);
      const payload = slashCommandPayload({
        ...actor,
        command: command.toLowerCase(),
        text: line.slice(command.length).trim() || rest.join(" "),
        channelId: this.identity.channelId,
        responseUrl: api.newResponseUrl({ channel: this.identity.channelId, user: this.identity.userId }),
      });
      await this.process(payload);
      return;
    }
    if (line.startsWith("/")) {
      write(`sageops › I only know /train, /deploy and /sageops. Try /sageops help.\n\n`);
      return;
    }
    const mention = /^@sageops\b\s*/i.exec(line);
    const event = mention
      ? appMentionEvent({ userId: this.identity.userId, channelId: this.identity.channelId, text: line.slice(mention[0].length), botUserId: api.botUserId })
      : directMessageEvent({ userId: this.identity.userId, channelId: `D${this.identity.userId.slice(1)}`, text: line });
    await this.process(eventEnvelope({ teamId: api.teamId, botUserId: api.botUserId, event }));
  }

  /** One line of a form: an answer, "." to cancel; when complete, the form is submitted. */
  private async fillForm(line: string): Promise<void> {
    const { view, write, api } = this.options;
    const form = view.form;
    if (!form) return;
    if (line === ".") {
      view.form = undefined;
      write("(form cancelled)\n\n");
      return;
    }
    const problem = form.answer(line);
    if (problem) write(`  ! ${problem}\n`);
    if (form.prompt()) {
      view.ask();
      return;
    }
    view.form = undefined;
    let errors: Record<string, string> | undefined;
    await this.process(
      {
        type: "view_submission",
        team: { id: api.teamId, domain: "sageops" },
        user: { id: this.identity.userId, team_id: api.teamId },
        api_app_id: "A0SAGEOPS",
        trigger_id: `${Date.now()}.form`,
        view: { id: "VCONSOLE", type: "modal", callback_id: form.callbackId, private_metadata: form.privateMetadata, state: { values: form.state() } },
      },
      (response) => {
        const r = typeof response === "object" && response !== null ? (response as Record<string, unknown>) : {};
        if (r["response_action"] === "errors" && typeof r["errors"] === "object" && r["errors"] !== null) errors = r["errors"] as Record<string, string>;
      },
    );
    if (errors) {
      for (const message of Object.values(errors)) write(`  ! ${message}\n`);
      form.retry(errors);
      view.form = form;
      view.ask();
    }
  }

  private async press(number: number): Promise<void> {
    const { api, view, write } = this.options;
    const choice = view.choice(number);
    if (!choice) {
      write(`sageops › there is no button [${number}] on screen now.\n\n`);
      return;
    }
    write(`(you pressed "${choice.text}")\n`);
    await this.process(
      blockActionsPayload({
        userId: this.identity.userId,
        teamId: api.teamId,
        channelId: choice.channel,
        messageTs: choice.messageTs,
        message: { text: choice.message.text, blocks: choice.message.blocks },
        isEphemeral: choice.message.ephemeralTo !== undefined,
        responseUrl: api.newResponseUrl({ channel: choice.channel, user: this.identity.userId }),
        click: { actionId: choice.actionId, blockId: choice.blockId, value: choice.value, text: choice.text },
      }),
    );
  }

  private async process(body: Record<string, unknown>, onAck?: (response: unknown) => void): Promise<void> {
    const app = this.app;
    if (!app) throw new Error("the console receiver was started before the App was initialised");
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        onAck?.(response);
        // What a listener passes to ack() is what Slack would show the person right away.
        if (typeof response === "string" && response !== "") this.options.write(`sageops › ${response}\n\n`);
        else if (typeof response === "object" && response !== null && "text" in response) this.options.write(`sageops › ${String(response.text)}\n\n`);
      },
    };
    await app.processEvent(event);
  }
}
