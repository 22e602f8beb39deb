import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackClient } from "../../../src/compose/slack-client.js";
import { LocalSlackApi } from "../../../src/console/slack-api.js";
import type { Rendered } from "../../../src/slack/blocks/kit.js";
import { PacedPoster } from "../../../src/slack/notify/pacer.js";
import { POST_KEY_EVENT, WebApiPoster } from "../../../src/slack/notify/slack-poster.js";
import { ManualClock } from "../../support/manual-clock.js";

const text = (body: string): Rendered => ({ text: body, blocks: [] });
type Fate = "deliver" | "lose-answer" | "fail-before";

/**
 * Between the bot and the local Slack API: each chat.postMessage meets the next fate in line.
 * "lose-answer" lets Slack take the message and answers HTTP 500, as a proxy failing on the way back does.
 */
async function startLossyProxy(target: string, fates: Fate[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const fate = req.url?.endsWith("/chat.postMessage") ? (fates.shift() ?? "deliver") : "deliver";
      if (fate === "fail-before") {
        res.writeHead(500).end();
        return;
      }
      const forward = http.request(new URL(req.url?.replace(/^\/api\//, "") ?? "", target), { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => body.push(chunk));
        answer.on("end", () => {
          if (fate === "lose-answer") res.writeHead(500).end();
          else res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
        });
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("a post is one message, however often it has to be sent", () => {
  let api: LocalSlackApi;
  let proxy: { url: string; close: () => Promise<void> } | undefined;
  beforeEach(async () => {
    api = new LocalSlackApi();
    await api.start();
  });
  afterEach(async () => {
    await proxy?.close();
    await api.close();
  });

  const posterThrough = async (fates: Fate[]): Promise<WebApiPoster> => {
    proxy = await startLossyProxy(api.apiUrl, fates);
    // As the bot builds it; the retry waits are skipped.
    return new WebApiPoster(createSlackClient("xoxb-test", proxy.url), async () => undefined);
  };

  it("a final reply Slack took but whose answer was lost (HTTP 500) is in the thread once, and the caller gets its ts", async () => {
    const poster = await posterThrough(["deliver", "lose-answer"]);
    const { ts: thread } = await poster.post("C0MLOPS", text("the plan"), { key: "plan:p-0" });
    const { ts } = await poster.post("C0MLOPS", text("Training finished"), { threadTs: thread, key: "reply:job-1" });
    const replies = api.messagesIn("C0MLOPS", thread).filter((m) => m.ts !== thread);
    expect(replies.map((m) => m.text)).toEqual(["Training finished"]);
    expect(replies[0]?.ts).toBe(ts);
    expect(api.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("a plan message whose answer was lost is in the channel once", async () => {
    const poster = await posterThrough(["lose-answer"]);
    const { ts } = await poster.post("C0MLOPS", text("Plan: train churn-xgb"), { key: "plan:p-1" });
    expect(api.messagesIn("C0MLOPS").map((m) => [m.ts, m.text])).toEqual([[ts, "Plan: train churn-xgb"]]);
  });

  it("a post that never reached Slack is sent again and arrives once", async () => {
    const poster = await posterThrough(["fail-before", "fail-before"]);
    await poster.post("C0MLOPS", text("Plan: train churn-xgb"), { key: "plan:p-2" });
    expect(api.messagesIn("C0MLOPS").map((m) => m.text)).toEqual(["Plan: train churn-xgb"]);
  });

  it("a post failing on every try is given up after three, with the error for the caller", async () => {
    const poster = await posterThrough(["fail-before", "fail-before", "fail-before"]);
    await expect(poster.post("C0MLOPS", text("Plan"), { key: "plan:p-3" })).rejects.toThrow();
    expect(api.messagesIn("C0MLOPS")).toEqual([]);
  });

  it("a post an earlier process made before it died is found when asked to look first, brought up to date, and not made again", async () => {
    const poster = await posterThrough([]);
    const first = await poster.post("C0MLOPS", text("Training: InProgress"), { key: "status:job-4" });
    const again = await poster.post("C0MLOPS", text("Training: Completed"), { key: "status:job-4", lookFirst: true });
    expect(again.ts).toBe(first.ts);
    expect(api.messagesIn("C0MLOPS").map((m) => m.text)).toEqual(["Training: Completed"]);
    const other = await poster.post("C0MLOPS", text("Training: Starting"), { key: "status:job-5", lookFirst: true });
    expect(other.ts).not.toBe(first.ts);
  });

  it("through the pacer, a post given no key still carries one, so its retries are one message", async () => {
    proxy = await startLossyProxy(api.apiUrl, ["lose-answer"]);
    const paced = new PacedPoster(new WebApiPoster(createSlackClient("xoxb-test", proxy.url), async () => undefined), { clock: new ManualClock() });
    await paced.post("C0MLOPS", text("Drift subscribed"));
    const [message] = api.messagesIn("C0MLOPS");
    expect(api.messagesIn("C0MLOPS")).toHaveLength(1);
    expect(message?.metadata).toMatchObject({ event_type: POST_KEY_EVENT });
  });
});
