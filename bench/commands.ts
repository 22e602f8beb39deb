/**
 * Signed slash commands over real HTTP: ack latency (the bot against a bare Bolt app, side by
 * side), the time until the first reply reaches the fake Slack, and SageMaker calls per command.
 */
import { performance } from "node:perf_hooks";
import { slashCommandPayload } from "../src/console/payloads.js";
import type { LocalSlackApi, SlackApiCall } from "../src/console/slack-api.js";
import type { Sandbox } from "../src/sandbox/index.js";
import { SlackHttpClient } from "../test/support/slack-http.js";
import { sleep } from "./stats.js";

export const USER = "U0ENGINEER";
export const CHANNEL = "C0MLOPS";

export interface BenchCommand {
  label: string;
  command: string;
  text: string;
  /** Where its first reply shows: the response URL (an answer) or the channel (a plan). */
  replies: "response_url" | "plan";
}

export const COMMANDS: readonly BenchCommand[] = [
  { label: "/sageops help", command: "/sageops", text: "help", replies: "response_url" },
  { label: "/train churn-xgb", command: "/train", text: "churn-xgb", replies: "plan" },
  { label: "/deploy churn-xgb/1 to churn-staging env=dev", command: "/deploy", text: "churn-xgb/1 to churn-staging env=dev", replies: "plan" },
];

/** One slash command sent as Slack sends it; resolves with its ack latency in ms and its response URL. */
async function send(client: SlackHttpClient, slack: LocalSlackApi, command: BenchCommand): Promise<{ ackMs: number; responseUrl: string; sentAt: number }> {
  const responseUrl = slack.newResponseUrl({ channel: CHANNEL, user: USER });
  const payload = slashCommandPayload({ userId: USER, teamId: slack.teamId, command: command.command, text: command.text, channelId: CHANNEL, responseUrl });
  const sentAt = performance.now();
  const response = await client.postCommand(payload);
  const ackMs = performance.now() - sentAt;
  if (response.status !== 200) throw new Error(`${command.label} got HTTP ${response.status}: ${response.body}`);
  return { ackMs, responseUrl, sentAt };
}

/** `concurrency` copies of a command at once; their ack latencies. */
export async function ackBurst(url: string, signingSecret: string, slack: LocalSlackApi, command: BenchCommand, concurrency: number): Promise<number[]> {
  const client = new SlackHttpClient(url, signingSecret);
  const results = await Promise.all(Array.from({ length: concurrency }, () => send(client, slack, command)));
  return results.map((result) => result.ackMs);
}

/** Waits until the sandbox has had no call for `quietMs` (the bot's work after its acks is done), at most `maxMs`. */
export async function untilSageMakerQuiet(sandbox: Sandbox, quietMs = 60, maxMs = 5000): Promise<void> {
  const deadline = performance.now() + maxMs;
  let seen = sandbox.calls.length;
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    await sleep(10);
    if (sandbox.calls.length !== seen) {
      seen = sandbox.calls.length;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= quietMs) return;
  }
}

/**
 * Watches the fake Slack for first replies: a post to a command's own response URL, or, for a
 * plan, the next top-level message in the channel (plans of one burst are alike, so they are
 * matched to commands in the order sent).
 */
export class FirstReplies {
  private readonly byUrl = new Map<string, (at: number) => void>();
  private readonly planWaiters: { url: string; resolve: (at: number) => void }[] = [];
  /** Commands expecting a plan that got a response-URL answer instead (a refusal or a problem). */
  unexpectedAnswers = 0;
  private readonly listener = (call: SlackApiCall): void => this.onCall(call);

  constructor(private readonly slack: LocalSlackApi) {
    slack.on("call", this.listener);
  }

  close(): void {
    this.slack.off("call", this.listener);
  }

  private onCall(call: SlackApiCall): void {
    const at = performance.now();
    if (call.method === "response_url" && call.url) {
      this.byUrl.get(call.url)?.(at);
      return;
    }
    if (call.method === "chat.postMessage" && call.status === 200 && call.args["channel"] === CHANNEL && call.args["thread_ts"] === undefined) this.planWaiters.shift()?.resolve(at);
  }

  /** Sends the command and resolves with ms from sending until its first reply arrived. */
  async time(client: SlackHttpClient, command: BenchCommand, timeoutMs = 180_000): Promise<number> {
    const responseUrl = this.slack.newResponseUrl({ channel: CHANNEL, user: USER });
    let settle: (at: number) => void = () => undefined;
    const replied = new Promise<number>((resolve) => (settle = resolve));
    this.byUrl.set(responseUrl, (at) => {
      if (command.replies === "plan") {
        this.unexpectedAnswers += 1;
        const index = this.planWaiters.findIndex((waiter) => waiter.url === responseUrl);
        if (index >= 0) this.planWaiters.splice(index, 1);
      }
      settle(at);
    });
    if (command.replies === "plan") this.planWaiters.push({ url: responseUrl, resolve: settle });
    const payload = slashCommandPayload({ userId: USER, teamId: this.slack.teamId, command: command.command, text: command.text, channelId: CHANNEL, responseUrl });
    const sentAt = performance.now();
    const response = await client.postCommand(payload);
    if (response.status !== 200) throw new Error(`${command.label} got HTTP ${response.status}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error(`no reply to ${command.label} within ${timeoutMs} ms`)), timeoutMs)));
    try {
      return (await Promise.race([replied, timeout])) - sentAt;
    } finally {
      clearTimeout(timer);
      this.byUrl.delete(responseUrl);
    }
  }
}

/** SageMaker operations the sandbox saw, by name, over `runs` commands, per command. */
export function callsPerCommand(sandbox: Sandbox, runs: number): { total: number; byOperation: Record<string, number> } {
  const byOperation: Record<string, number> = {};
  for (const call of sandbox.calls) byOperation[call.operation] = (byOperation[call.operation] ?? 0) + 1 / runs;
  for (const key of Object.keys(byOperation)) byOperation[key] = Math.round((byOperation[key] ?? 0) * 100) / 100;
  return { total: Math.round((sandbox.calls.length / runs) * 100) / 100, byOperation };
}
