import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalSlackApi } from "../../../src/console/slack-api.js";
import type { Rendered } from "../../../src/slack/blocks/kit.js";
import { SlackRateLimited, SlackRefused, toSlackError } from "../../../src/slack/notify/errors.js";
import { PacedPoster } from "../../../src/slack/notify/pacer.js";
import { WebApiPoster } from "../../../src/slack/notify/slack-poster.js";
import { BOT_TOKEN } from "../../support/constants.js";
import { ManualClock } from "../../support/manual-clock.js";
import { settle, waitFor } from "../../support/wait.js";

const text = (body: string): Rendered => ({ text: body, blocks: [] });

describe("the pacer between the bot and Slack", () => {
  let api: LocalSlackApi;
  let clock: ManualClock;
  let slack: WebApiPoster;
  let paced: PacedPoster;

  beforeEach(async () => {
    api = new LocalSlackApi();
    await api.start();
    clock = new ManualClock();
    // As the bot must create it: 429s come back to the pacer instead of being retried inside the client.
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
    slack = new WebApiPoster(client);
    paced = new PacedPoster(slack, { clock, intervalMs: 1000, burst: 2 });
  });

  afterEach(async () => {
    await api.close();
  });

  const posts = (): string[] => api.callsTo("chat.postMessage").filter((c) => c.status === 200).map((c) => String(c.args["text"]));

  it("lets a short burst through, then sends about one message per second to a channel", async () => {
    const sent = ["one", "two", "three", "four"].map((body) => paced.post("C0MLOPS", text(body)));
    await waitFor(() => posts().length === 2, { what: "the burst" });
    await settle(100);
    expect(posts()).toEqual(["one", "two"]);

    clock.advance(1000);
    await waitFor(() => posts().length === 3, { what: "the third message" });
    await settle(100);
    expect(posts()).toHaveLength(3);

    clock.advance(1000);
    const results = await Promise.all(sent);
    expect(posts()).toEqual(["one", "two", "three", "four"]);
    expect(new Set(results.map((r) => r.ts)).size).toBe(4);
  });

  it("counts the interval from Slack's answer, so a message slow to get there does not let the next land early", async () => {
    paced = new PacedPoster(slack, { clock, intervalMs: 1000, burst: 1 });
    const slow = api.hold((method) => method === "chat.postMessage");
    const sent = ["slow", "next"].map((body) => paced.post("C0MLOPS", text(body)));
    await slow.arrived;
    // The first is on its way for most of a second before Slack takes it.
    clock.advance(900);
    slow.release();
    await waitFor(() => posts().length === 1, { what: "the slow message" });
    clock.advance(200);
    await settle(100);
    expect(posts()).toEqual(["slow"]);
    clock.advance(800);
    await Promise.all(sent);
    expect(posts()).toEqual(["slow", "next"]);
  });

  it("keeps channels apart: a busy channel does not hold up another", async () => {
    const busy = ["a", "b", "c"].map((body) => paced.post("C0MLOPS", text(body)));
    await paced.post("C0ALERTS", text("alert"));
    expect(api.messagesIn("C0ALERTS").map((m) => m.text)).toEqual(["alert"]);
    // The busy channel's burst is out; its third message waits an interval from the second's answer.
    await waitFor(() => api.messagesIn("C0MLOPS").length === 2, { what: "the busy channel's burst" });
    clock.advance(1000);
    await Promise.all(busy);
  });

  it("waits out Slack's Retry-After on a 429 in that channel, while other channels go on, and then delivers every message, in order", async () => {
    let refusals = 0;
    api.intercept((method) => {
      if (method !== "chat.postMessage" || refusals >= 1) return undefined;
      refusals += 1;
      return { status: 429, headers: { "retry-after": "5" }, body: { ok: false, error: "ratelimited" } };
    });
    const limited: number[] = [];
    paced = new PacedPoster(slack, { clock, intervalMs: 1000, burst: 2, onRateLimited: (info) => limited.push(info.retryAfterMs) });

    const sent = ["first", "second", "final: training completed"].map((body) => paced.post("C0MLOPS", text(body)));
    await waitFor(() => limited.length === 1, { what: "the 429" });
    await settle(150);
    // Nothing more goes out in the limited channel while Slack asked it to wait; another channel is not held up.
    const other = paced.post("C0ALERTS", text("meanwhile elsewhere"));
    await other;
    expect(posts().filter((t) => t !== "meanwhile elsewhere")).toEqual([]);
    expect(limited).toEqual([5000]);

    clock.advance(4000);
    await settle(150);
    expect(posts().filter((t) => t !== "meanwhile elsewhere")).toEqual([]);

    clock.advance(1000);
    // The burst after the wait (two in the limited channel), then a moment for the pacer to take their
    // answers and set the third's time: a clock moved before that would never reach it.
    await waitFor(() => api.messagesIn("C0MLOPS").length >= 2, { what: "delivery after the wait" });
    await settle(150);
    clock.advance(1000);
    await Promise.all(sent);
    expect(api.messagesIn("C0MLOPS").map((m) => m.text)).toEqual(["first", "second", "final: training completed"]);
    expect(api.messagesIn("C0ALERTS").map((m) => m.text)).toEqual(["meanwhile elsewhere"]);
  });

  it("sends only the latest content of an update still waiting, and tells every caller it is done", async () => {
    const { ts } = await paced.post("C0MLOPS", text("Training job: Starting"));
    await paced.post("C0MLOPS", text("another message"));
    // The bucket is empty now: these wait, and merge.
    const updates = ["Downloading", "Training", "Uploading", "Completed"].map((status) => paced.update("C0MLOPS", ts, text(`Training job: ${status}`)));
    const reply = paced.post("C0MLOPS", text("Training job completed"), { threadTs: ts });
    await settle(100);
    expect(api.callsTo("chat.update")).toHaveLength(0);

    clock.advance(1000);
    await Promise.all(updates);
    clock.advance(1000);
    await reply;

    const sentUpdates = api.callsTo("chat.update");
    expect(sentUpdates).toHaveLength(1);
    expect(sentUpdates[0]?.args["text"]).toBe("Training job: Completed");
    expect(api.messagesIn("C0MLOPS", ts).map((m) => m.text)).toEqual(["Training job: Completed", "Training job completed"]);
  });

  it("does not merge an update into one already on its way to Slack", async () => {
    const { ts } = await paced.post("C0MLOPS", text("v0"));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Slack answers the first update slowly: the second arrives while the first is in flight.
    let first = true;
    const slowSlack = {
      post: slack.post.bind(slack),
      ephemeral: slack.ephemeral.bind(slack),
      upload: slack.upload.bind(slack),
      update: async (channel: string, messageTs: string, message: Rendered) => {
        if (first) {
          first = false;
          await gate;
        }
        await slack.update(channel, messageTs, message);
      },
    };
    const pacer = new PacedPoster(slowSlack, { clock, intervalMs: 1000, burst: 5 });
    const v1 = pacer.update("C0MLOPS", ts, text("v1"));
    await settle(50);
    const v2 = pacer.update("C0MLOPS", ts, text("v2"));
    release();
    await Promise.all([v1, v2]);
    expect(api.callsTo("chat.update").map((c) => c.args["text"])).toEqual(["v1", "v2"]);
  });

  it("passes other errors to the caller instead of retrying them", async () => {
    api.intercept((method) => (method === "chat.postMessage" ? { status: 200, body: { ok: false, error: "channel_not_found" } } : undefined));
    await expect(paced.post("C0NOWHERE", text("hello"))).rejects.toThrow(/channel_not_found/);
  });

  it("turns the Web API client's errors into typed ones: a rate limit with its wait, a refusal with its code", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: api.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
    const poster = new WebApiPoster(client);
    const stopLimiting = api.intercept(() => ({ status: 429, headers: { "retry-after": "7" }, body: { ok: false, error: "ratelimited" } }));
    const limited: unknown = await poster.post("C0MLOPS", text("x")).catch((e: unknown) => e);
    stopLimiting();
    expect(limited).toBeInstanceOf(SlackRateLimited);
    expect(limited instanceof SlackRateLimited && limited.retryAfterMs).toBe(7000);
    api.intercept(() => ({ status: 200, body: { ok: false, error: "not_in_channel" } }));
    const refused: unknown = await poster.post("C0PRIVATE", text("x")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SlackRefused);
    expect(refused instanceof SlackRefused && refused.code).toBe("not_in_channel");
    expect(toSlackError("chat.postMessage", new Error("socket hang up"))).toEqual(new Error("socket hang up"));
  });
});
