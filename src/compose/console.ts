/** The console run mode's Slack: a local Web API stand-in on loopback, and the terminal as the workspace. */
import { type ConsoleIdentity, ConsoleReceiver } from "../console/receiver.js";
import { LocalSlackApi } from "../console/slack-api.js";
import { ConsoleView } from "../console/view.js";
import type { Logger } from "../logger.js";

const CONSOLE_DEFAULT_IDENTITY: ConsoleIdentity = { userId: "U0ENGINEER", channelId: "C0MLOPS" };
export const CONSOLE_BOT_TOKEN = "xoxb-local-console";

interface ConsoleSlack {
  api: LocalSlackApi;
  apiUrl: string;
}

/** Starts the local Slack API first, so every client built after it has somewhere to post. */
export async function startConsoleSlack(): Promise<ConsoleSlack> {
  const api = new LocalSlackApi({ channels: { C0MLOPS: "mlops", C0ALERTS: "ml-alerts" } });
  return { api, apiUrl: await api.start() };
}

export function createConsoleReceiver(slack: ConsoleSlack, io: { stdin: NodeJS.ReadableStream; write: (text: string) => void }, identity: Partial<ConsoleIdentity> | undefined, logger: Logger): { receiver: ConsoleReceiver; identity: ConsoleIdentity } {
  const who: ConsoleIdentity = { userId: identity?.userId ?? CONSOLE_DEFAULT_IDENTITY.userId, channelId: identity?.channelId ?? CONSOLE_DEFAULT_IDENTITY.channelId };
  const view = new ConsoleView(slack.api, io.write);
  return { receiver: new ConsoleReceiver({ input: io.stdin, write: io.write, api: slack.api, view, identity: who, logger }), identity: who };
}

export function consoleGreeting(identity: ConsoleIdentity, backendNote: string): string {
  return `sageops console: you are ${identity.userId} in ${identity.channelId}. Type /sageops help, ask a question, or a button's number to press it; ":as U0APPROVER" switches user. End input (Ctrl-D) to quit.\n${backendNote}\n\n`;
}
