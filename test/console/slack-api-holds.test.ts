import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalSlackApi } from "../../src/console/slack-api.js";
import { BOT_TOKEN } from "../support/constants.js";
import { settle } from "../support/wait.js";

describe("the local Slack API holding calls and failing after delivery", () => {
  const slack = new LocalSlackApi();
  beforeAll(async () => {
    await slack.start();
  });
  afterAll(async () => {
    await slack.close();
  });

  const post = (text: string): Promise<{ status: number; body: Record<string, unknown> }> =>
    fetch(`${slack.apiUrl}chat.postMessage`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${BOT_TOKEN}` }, body: JSON.stringify({ channel: "C0HOLD", text }) }).then(
      async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
      (error: unknown) => ({ status: 0, body: { error: String(error) } }),
    );

  it("a held post is not stored until released; delivered, it is stored and answered", async () => {
    const hold = slack.hold((method, args) => method === "chat.postMessage" && args["text"] === "held");
    const answer = post("held");
    expect((await hold.arrived).args["text"]).toBe("held");
    expect((await post("not held")).body["ok"]).toBe(true);
    expect(slack.messagesIn("C0HOLD").map((m) => m.text)).toEqual(["not held"]);
    hold.release("deliver");
    expect((await answer).body["ok"]).toBe(true);
    expect(slack.messagesIn("C0HOLD").map((m) => m.text)).toEqual(["not held", "held"]);
  });

  it("a dropped post is never stored and its connection is cut", async () => {
    const hold = slack.hold((method, args) => method === "chat.postMessage" && args["text"] === "dropped");
    const answer = post("dropped");
    await hold.arrived;
    hold.release("drop");
    expect((await answer).status).toBe(0);
    await settle(20);
    expect(slack.messagesIn("C0HOLD").some((m) => m.text === "dropped")).toBe(false);
  });

  it("an interceptor may fail a call after carrying it out: the message is stored, the caller hears a 500", async () => {
    const remove = slack.intercept((method, args) => (method === "chat.postMessage" && args["text"] === "stored anyway" ? { status: 500, body: { ok: false, error: "internal_error" }, afterDelivering: true } : undefined));
    const answer = await post("stored anyway");
    remove();
    expect(answer).toEqual({ status: 500, body: { ok: false, error: "internal_error" } });
    expect(slack.messagesIn("C0HOLD").filter((m) => m.text === "stored anyway")).toHaveLength(1);
  });
});
