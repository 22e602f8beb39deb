import fs from "node:fs";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalSlackApi } from "../../../src/console/slack-api.js";
import { ConsoleView } from "../../../src/console/view.js";
import type { Rendered } from "../../../src/slack/blocks/kit.js";
import { SlackRefused } from "../../../src/slack/notify/errors.js";
import { PacedPoster } from "../../../src/slack/notify/pacer.js";
import { WebApiPoster } from "../../../src/slack/notify/slack-poster.js";
import { ManualClock } from "../../support/manual-clock.js";
import { settle, waitFor } from "../../support/wait.js";

const THREAD_TS = "1764147600.000100";
const text = (body: string): Rendered => ({ text: body, blocks: [] });

/** Every byte value, twice: bytes that are not UTF-8 must arrive unchanged. */
const CHART_BYTES = new Uint8Array(512).map((_, i) => (i * 7) % 256);
const CHART = { filename: "drift-churn-prod.png", title: "Drift on churn-prod", bytes: CHART_BYTES, altText: "Baseline and current distributions of tenure_months" };

describe("file uploads from the bot to Slack", () => {
  let api: LocalSlackApi;
  let poster: WebApiPoster;
  let clock: ManualClock;

  beforeEach(async () => {
    api = new LocalSlackApi();
    await api.start();
    // As the bot creates it: 429s come back to the pacer instead of being retried inside the client.
    poster = new WebApiPoster(new WebClient("xoxb-test", { slackApiUrl: api.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } }));
    clock = new ManualClock();
  });

  afterEach(async () => {
    await api.close();
  });

  it("shares the file in the thread, bytes, name, title and alt text intact, in the three calls files.uploadV2 makes", async () => {
    await poster.upload("C0ALERTS", CHART, { threadTs: THREAD_TS });

    const [file, ...others] = api.files();
    expect(others).toEqual([]);
    expect(file).toMatchObject({ filename: CHART.filename, title: CHART.title, altText: CHART.altText, channel: "C0ALERTS", threadTs: THREAD_TS });
    expect(Buffer.from(file?.bytes ?? []).equals(Buffer.from(CHART_BYTES))).toBe(true);

    expect(api.callsTo("files.getUploadURLExternal").map((call) => call.args)).toEqual([{ filename: CHART.filename, length: String(CHART_BYTES.byteLength), alt_text: CHART.altText }]);
    expect(api.callsTo("file_upload").map((call) => call.args)).toEqual([{ file_id: file?.id, length: CHART_BYTES.byteLength }]);
    expect(api.callsTo("files.completeUploadExternal").map((call) => call.args)).toEqual([{ files: [{ id: file?.id, title: CHART.title }], channel_id: "C0ALERTS", thread_ts: THREAD_TS }]);
  });

  it("shares in the channel itself when no thread is given", async () => {
    await poster.upload("C0ALERTS", { filename: "chart.png", title: "Chart", bytes: CHART_BYTES });
    expect(api.files()).toMatchObject([{ channel: "C0ALERTS", threadTs: undefined, title: "Chart" }]);
    expect(api.callsTo("files.completeUploadExternal")[0]?.args).not.toHaveProperty("thread_ts");
  });

  it("turns a not_in_channel refusal into SlackRefused, and shares nothing", async () => {
    api.intercept((method) => (method === "files.completeUploadExternal" ? { status: 200, body: { ok: false, error: "not_in_channel" } } : undefined));
    const refused: unknown = await poster.upload("C0PRIVATE", CHART, { threadTs: THREAD_TS }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SlackRefused);
    expect(refused instanceof SlackRefused && { method: refused.method, code: refused.code }).toEqual({ method: "files.uploadV2", code: "not_in_channel" });
    expect(api.files()).toEqual([]);

    // Through the pacer too: a refusal is the caller's to handle, not retried.
    const paced = new PacedPoster(poster, { clock, intervalMs: 1000, burst: 2 });
    await expect(paced.upload("C0PRIVATE", CHART)).rejects.toBeInstanceOf(SlackRefused);
    expect(api.callsTo("files.getUploadURLExternal")).toHaveLength(2);
  });

  it("refuses what filesUploadV2 would never send: no filename, no files, a file never uploaded", async () => {
    const client = new WebClient("xoxb-test", { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
    await expect(client.files.getUploadURLExternal({ filename: "", length: 3 })).rejects.toThrow(/invalid_arguments/);
    const { file_id: fileId } = await client.files.getUploadURLExternal({ filename: "x.png", length: 3 });
    expect(fileId).toMatch(/^F\d{8}$/);
    await expect(client.files.completeUploadExternal({ files: [{ id: String(fileId) }], channel_id: "C0ALERTS" })).rejects.toThrow(/file_not_found/);
    expect(api.files()).toEqual([]);
  });

  it("paces uploads in the channel's queue with its posts, and sends one again after a rate limit", async () => {
    const paced = new PacedPoster(poster, { clock, intervalMs: 1000, burst: 1 });
    const posted = paced.post("C0ALERTS", text("Drift on churn-prod"));
    const uploaded = paced.upload("C0ALERTS", CHART, { threadTs: THREAD_TS });
    await posted;
    await settle(100);
    // The burst went to the post: the upload waits for the channel's next turn.
    expect(api.callsTo("files.getUploadURLExternal")).toHaveLength(0);

    let limited = 0;
    api.intercept((method) => {
      if (method !== "files.getUploadURLExternal" || limited >= 1) return undefined;
      limited += 1;
      return { status: 429, headers: { "retry-after": "3" }, body: { ok: false, error: "ratelimited" } };
    });
    clock.advance(1000);
    await waitFor(() => limited === 1, { what: "the rate-limited upload" });
    await settle(100);
    expect(api.files()).toEqual([]);
    clock.advance(3000);
    await uploaded;
    expect(api.files()).toMatchObject([{ filename: CHART.filename, channel: "C0ALERTS", threadTs: THREAD_TS }]);
    expect(api.callsTo("files.getUploadURLExternal").map((call) => call.status)).toEqual([429, 200]);
  });

  it("prints a shared file's path in the console, written where the person can open it", async () => {
    const lines: string[] = [];
    new ConsoleView(api, (chunk) => lines.push(chunk));
    await poster.upload("C0ALERTS", CHART, { threadTs: THREAD_TS });
    await poster.upload("C0ALERTS", { ...CHART, filename: "../drift-churn-prod.png" });

    const printed = lines.join("");
    const paths = [...printed.matchAll(/^ {2}chart: (.+)$/gm)].map((match) => match[1] ?? "");
    try {
      expect(printed).toContain("sageops › C0ALERTS (in thread)\n  chart: ");
      expect(paths).toHaveLength(2);
      // The second name tried to leave the folder: it stays inside, beside the first under a new name.
      expect(paths.map((file) => path.basename(file))).toEqual(["drift-churn-prod.png", "drift-churn-prod-2.png"]);
      expect(new Set(paths.map((file) => path.dirname(file))).size).toBe(1);
      for (const file of paths) expect(fs.readFileSync(file).equals(Buffer.from(CHART_BYTES))).toBe(true);
    } finally {
      for (const dir of new Set(paths.map((file) => path.dirname(file)))) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
