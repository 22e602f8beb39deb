import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { sandboxTarget } from "../../src/aws/clients.js";
import { loadConfig } from "../../src/config.js";
import { slashCommandPayload } from "../../src/console/payloads.js";
import { LocalSlackApi } from "../../src/console/slack-api.js";
import { type RunningBot, startBot } from "../../src/index.js";
import { createLogger } from "../../src/logger.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/index.js";
import { BOT_TOKEN } from "../support/constants.js";
import { waitFor } from "../support/wait.js";

describe("the bot in Socket Mode", () => {
  let slack: LocalSlackApi;
  let sandbox: Sandbox;
  let wss: WebSocketServer;
  let bot: RunningBot;
  let socket: WebSocket | undefined;
  const received: unknown[] = [];

  beforeAll(async () => {
    wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
    const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
    wss.on("connection", (ws) => {
      socket = ws;
      ws.on("message", (data: Buffer) => received.push(JSON.parse(data.toString("utf8"))));
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "local" }, connection_info: { app_id: "A0SAGEOPS" } }));
    });
    slack = new LocalSlackApi({ socketModeUrl: () => wsUrl });
    const apiUrl = await slack.start();
    sandbox = await startSandbox();
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: "xapp-socket-test", SLACK_API_URL: apiUrl, SAGEOPS_DB: ":memory:" });
    bot = await startBot({ config, io: { stdin: process.stdin, write: () => undefined }, awsTarget: sandboxTarget(sandbox.url, sandbox.region), logger: createLogger({ level: "silent" }) });
  });

  afterAll(async () => {
    await bot.stop();
    socket?.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await sandbox.close();
    await slack.close();
  });

  it("opens a connection with the app token, acks a slash-command envelope and posts the reply", async () => {
    expect(bot.mode).toBe("socket");
    const open = await waitFor(() => slack.callsTo("apps.connections.open")[0], { what: "apps.connections.open" });
    expect(open.token).toBe("xapp-socket-test");
    const ws = await waitFor(() => socket, { what: "the socket connection" });

    const payload = slashCommandPayload({
      userId: "U0ENGINEER",
      teamId: slack.teamId,
      command: "/sageops",
      text: "help",
      channelId: "C0MLOPS",
      responseUrl: slack.newResponseUrl({ channel: "C0MLOPS", user: "U0ENGINEER" }),
    });
    ws.send(JSON.stringify({ envelope_id: "env-1", type: "slash_commands", accepts_response_payload: true, payload }));

    const ack = await waitFor(() => received.find((message) => typeof message === "object" && message !== null && "envelope_id" in message && message.envelope_id === "env-1"), { what: "the ack" });
    expect(ack).toMatchObject({ envelope_id: "env-1" });
    const reply = await waitFor(() => slack.callsTo("response_url")[0], { what: "the reply" });
    expect(String(reply.args["text"])).toContain("/train");
  });
});
