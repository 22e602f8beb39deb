/**
 * Fuzzing the real bot over signed HTTP (one harness for the file, a fixed seed so a failure is
 * replayed by running the file again): slash commands, button clicks, Events API deliveries and
 * form submissions, built by fast-check. Whatever comes in, the bot answers Slack, answers people
 * with a clear message, stays up and creates nothing in SageMaker. Policy files are fuzzed through
 * the loader and `sageops policy check`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { policyCommand } from "../../src/cli/policy.js";
import { eventEnvelope, slashCommandPayload } from "../../src/console/payloads.js";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { parsePolicy } from "../../src/guard/policy.js";
import { DEPLOY_MODAL } from "../../src/slack/blocks/deploy-modal.js";
import { DRIFT_BUTTONS } from "../../src/slack/blocks/drift-alert.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { TRAIN_MODAL } from "../../src/slack/blocks/train-modal.js";
import { SAGEOPS_SUBCOMMANDS } from "../../src/slack/commands/usage.js";
import { EXAMPLE_POLICY_PATH } from "../support/constants.js";
import { planIdOf, useHttpHarness } from "../support/harness.js";
import { settle, waitFor } from "../support/wait.js";
import { expectClearMessage, expectStillUp, internalFailures, mutatingCalls, repliesTo } from "./checks.js";

const SEED = 20261126;
/** Runs per kind of request: enough to reach the odd corners, few enough for two cores. */
const RUNS = 25;

let sequence = 0;
/** A trigger id never used before: Slack gives each request its own. */
function freshTriggerId(): string {
  sequence += 1;
  return `fuzz.${sequence}.${Date.now()}`;
}

const MARKUP = [
  "<!channel>", "<!here>", "<!everyone>", "<@U0ADMIN>", "<@U0APPROVER|approver>", "<#C0MLOPS|mlops>", "<!subteam^S0TEAM>", "<https://evil.example|click>",
  "<mailto:a@b.c>", "*bold*", "_it_", "~s~", "`code`", "```", "&amp;", "&lt;", "&gt;", ">", "\n", ":rocket:", "\u202E", "\u200B", "\u0000", "\\", "%00",
];
const KEYS = [
  "data", "instance", "count", "env", "max-runtime", "trials", "parallel", "name", "input", "output", "max_depth", "eta", "__proto__", "constructor",
  "prototype", "toString", "hasOwnProperty", "valueOf", "", "to", "=", "TrainingInstanceType",
];
const VALUES = fc.oneof(
  fc.constantFrom("__proto__", "{}", "[]", "null", "-1", "0", "1e309", "NaN", "9".repeat(30), "s3://sageops-demo/churn/", "s3://", "ml.p4d.24xlarge", "2h", "99d", "prod", "dev", "0.05..0.2", '"', "'", "<!channel>"),
  fc.string({ maxLength: 20 }),
);
const keyValueSoup = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 10 })), VALUES, fc.constantFrom("=", " = ", "==", ":")), { maxLength: 30 })
  .map((pairs) => pairs.map(([key, value, sep]) => `${key}${sep}${value}`).join(" "));
const markup = fc.array(fc.oneof(fc.constantFrom(...MARKUP), fc.string({ maxLength: 8 })), { maxLength: 20 }).map((parts) => parts.join(" "));
const huge = fc.oneof(fc.string({ minLength: 7990, maxLength: 8010 }), fc.integer({ min: 1000, max: 3000 }).map((n) => `churn-xgb ${"k=v ".repeat(n)}`));
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 100 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 100 }) },
  { weight: 3, arbitrary: markup },
  { weight: 3, arbitrary: keyValueSoup },
  { weight: 1, arbitrary: huge },
);

/** What people type first after each command, so the fuzz reaches the planners and not only the parsers. */
const HEADS: Record<string, string[]> = {
  "/train": ["", "churn-xgb", "churn-xbg", "toString", "__proto__"],
  "/deploy": ["", "churn-xgb/1 to churn-prod", "churn-xgb@latest-approved to churn-dev", "batch churn-xgb/1", "rollback churn-prod", "__proto__/1 to constructor"],
  "/sageops": ["", ...Object.keys(SAGEOPS_SUBCOMMANDS).filter((sub) => sub !== "freeze"), "tune churn-xgb", "pipeline start churn-retrain", "drift subscribe churn-prod", "__proto__", "constructor"],
};
const USERS = fc.oneof({ weight: 5, arbitrary: fc.constantFrom("U0ENGINEER", "U0APPROVER", "U0ADMIN", "U0STRANGER") }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) });
const CHANNELS = fc.oneof({ weight: 5, arbitrary: fc.constantFrom("C0MLOPS", "C0ALERTS", "D0ENGINEER", "C0NOWHERE") }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) });

describe("fuzzed Slack requests over signed HTTP: the bot always answers, clearly, and creates nothing in SageMaker", () => {
  const world = useHttpHarness();
  /** A plan waiting for U0ENGINEER's confirmation; fuzzed clicks by anyone else must leave it waiting. */
  let waiting: StoredMessage;

  beforeAll(async () => {
    waiting = await world.ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
  });

  afterEach(async () => {
    await expectStillUp(world.h);
    expect(mutatingCalls(world.h)).toEqual([]);
  });

  it("any text after /train, /deploy or /sageops gets a 200 and a clear private answer or a form, and never starts anything", async () => {
    const { h } = world;
    const request = fc.constantFrom("/train", "/deploy", "/sageops").chain((command) =>
      fc.record({ command: fc.constant(command), head: fc.constantFrom(...(HEADS[command] ?? [""])), tail: anyText, userId: USERS, channelId: CHANNELS }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ command, head, tail, userId, channelId }) => {
        const text = `${head} ${tail}`.trim() === "" ? "" : `${head} ${tail}`;
        const logsBefore = h.logs.length;
        const postsBefore = h.slack.callsTo("chat.postMessage").length;
        const viewsBefore = h.slack.callsTo("views.open").length;
        const payload = slashCommandPayload({ userId, teamId: h.slack.teamId, command, text, channelId, responseUrl: h.slack.newResponseUrl({ channel: channelId, user: userId }) });
        payload.trigger_id = freshTriggerId();
        const response = await h.client.postCommand(payload);
        expect(response.status).toBe(200);
        const reply = () => repliesTo(h, payload.response_url);
        await waitFor(() => reply() !== undefined || h.slack.callsTo("views.open").length > viewsBefore, { what: `an answer to ${command} ${text.slice(0, 80)}`, timeoutMs: 8000 });
        const answer = reply();
        if (answer) {
          expectClearMessage(answer, `${command} ${text.slice(0, 80)}`);
          expect(answer.args["response_type"]).toBe("ephemeral");
        }
        for (const post of h.slack.callsTo("chat.postMessage").slice(postsBefore)) expectClearMessage(post, `a message after ${command} ${text.slice(0, 80)}`);
        expect(internalFailures(h, logsBefore)).toEqual([]);
        expect(mutatingCalls(h)).toEqual([]);
      }),
      { numRuns: RUNS * 3, seed: SEED },
    );
  });

  it("button clicks with odd, missing or wrongly typed fields, unknown plans or someone else's plan are refused in words; nothing runs and the waiting plan still waits", async () => {
    const { h, ws } = world;
    const waitingId = planIdOf(waiting);
    const planButtons: string[] = Object.values(PLAN_BUTTONS);
    const value = fc.oneof(
      fc.stringMatching(/^p-[0-9a-f]{24}$/),
      fc.constant(waitingId),
      fc.constantFrom("__proto__", "constructor", "<!channel>", "p-", `p-${"0".repeat(41)}`, "", `${waitingId} `, waitingId.toUpperCase()),
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.constant(null),
      fc.constant(undefined),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    );
    const action = fc.record(
      {
        type: fc.oneof(fc.constant("button"), fc.string({ maxLength: 10 })),
        action_id: fc.constantFrom(...planButtons, ...Object.values(DRIFT_BUTTONS)),
        block_id: fc.string({ maxLength: 20 }),
        value,
        action_ts: fc.oneof(fc.constant("1796130000.000100"), fc.string({ maxLength: 12 }), fc.integer()),
      },
      { requiredKeys: ["action_id"] },
    );
    // Nobody here may confirm or cancel U0ENGINEER's plan: not its requester, not an admin.
    const user = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom("U0APPROVER", "U0STRANGER", "W0ENTERPRISE").map((id) => ({ id, team_id: h.slack.teamId })) },
      // Not missing altogether: a click without any user never reaches a listener (Bolt reads body.user.id first); test/slack/http-receiver.test.ts covers it.
      { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant({}), fc.record({ id: fc.oneof(fc.integer(), fc.constant(""), fc.constant(null)) })) },
    );
    const click = fc.record(
      {
        user,
        channel: fc.oneof(fc.constant({ id: "C0MLOPS", name: "mlops" }), fc.constant(undefined), fc.string({ maxLength: 5 })),
        container: fc.oneof(fc.constant({ type: "message", message_ts: waiting.ts, channel_id: "C0MLOPS" }), fc.constant(undefined), fc.integer()),
        message: fc.oneof(fc.constant({ type: "message", ts: waiting.ts, text: waiting.text ?? "", blocks: waiting.blocks ?? [] }), fc.constant(undefined), fc.constant(null)),
        actions: fc.array(action, { minLength: 1, maxLength: 3 }),
        withResponseUrl: fc.boolean(),
      },
      { requiredKeys: ["user", "actions", "withResponseUrl"] },
    );
    await fc.assert(
      fc.asyncProperty(click, async ({ withResponseUrl, ...fields }) => {
        const logsBefore = h.logs.length;
        const responseUrl = h.slack.newResponseUrl({ channel: "C0MLOPS", user: "U0APPROVER" });
        const payload = { type: "block_actions", api_app_id: "A0SAGEOPS", team: { id: h.slack.teamId, domain: "sageops" }, trigger_id: freshTriggerId(), ...fields, ...(withResponseUrl ? { response_url: responseUrl } : {}) };
        const response = await h.client.postInteraction(payload);
        expect(response.status).toBe(200);
        const reply = () => repliesTo(h, responseUrl);
        if (withResponseUrl && planButtons.includes(fields.actions[0]?.action_id ?? "")) {
          // Every plan click here is refused (or names a plan that is not there), and the clicker is told.
          await waitFor(reply, { what: `the answer to ${JSON.stringify(payload).slice(0, 200)}`, timeoutMs: 8000 });
        } else {
          await settle(30);
        }
        const answer = reply();
        if (answer) {
          expectClearMessage(answer, JSON.stringify(payload).slice(0, 200));
          expect(answer.args["response_type"]).toBe("ephemeral");
        }
        expect(internalFailures(h, logsBefore)).toEqual([]);
        expect(mutatingCalls(h)).toEqual([]);
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
    expect(h.bot.core.plans.get(waitingId)?.status).toBe("pending");
    expect(planIdOf(ws.message(waiting))).toBe(waitingId);
  });

  it("Events API deliveries with odd events, odd text and missing fields get a 200; whatever the bot posts is clear, and a plain DM is always answered", async () => {
    const { h } = world;
    const text = fc.oneof(anyText, fc.constant(undefined), fc.integer());
    const userId = fc.oneof({ weight: 4, arbitrary: USERS }, { weight: 1, arbitrary: fc.constant(undefined) });
    const message = fc.record(
      {
        type: fc.constant("message"),
        channel_type: fc.oneof({ weight: 4, arbitrary: fc.constant("im") }, { weight: 1, arbitrary: fc.constantFrom("channel", "group", "mpim", "app_home", "") }),
        channel: fc.oneof(fc.constant("D0FUZZ"), fc.string({ minLength: 1, maxLength: 10 })),
        user: userId,
        text,
        subtype: fc.oneof(fc.constant(undefined), fc.constantFrom("bot_message", "message_changed", "message_deleted", "file_share", "weird")),
        bot_id: fc.oneof(fc.constant(undefined), fc.constant("B0OTHER")),
        thread_ts: fc.oneof(fc.constant(undefined), fc.constant("1796130000.000100"), fc.string({ maxLength: 8 })),
      },
      { requiredKeys: ["type", "channel_type", "channel"] },
    );
    const mention = fc.record(
      {
        type: fc.constant("app_mention"),
        channel: fc.oneof(fc.constant("C0MLOPS"), fc.string({ minLength: 1, maxLength: 10 })),
        user: userId,
        text: fc.oneof(anyText.map((t) => `<@${h.slack.botUserId}> ${t}`), text),
        thread_ts: fc.oneof(fc.constant(undefined), fc.constant("1796130000.000100"), fc.string({ maxLength: 8 })),
      },
      { requiredKeys: ["type", "channel"] },
    );
    const home = fc.record({ type: fc.constant("app_home_opened"), user: userId, tab: fc.oneof(fc.constantFrom("home", "messages"), fc.string({ maxLength: 6 })) }, { requiredKeys: ["type"] });
    // Not assistant_thread_started without its thread: Bolt's Assistant throws on it before any listener (reported, harmless).
    const odd = fc.record({ type: fc.oneof(fc.constantFrom("reaction_added", "member_joined_channel", "__proto__"), fc.string({ maxLength: 12 }).filter((type) => !type.startsWith("assistant_"))), user: userId, text });
    const delivery = fc.record({
      event: fc.oneof(message, mention, home, odd),
      withTeam: fc.boolean(),
      withAuthorizations: fc.boolean(),
      withEventId: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(delivery, async ({ event, withTeam, withAuthorizations, withEventId }) => {
        const logsBefore = h.logs.length;
        const postsBefore = h.slack.callsTo("chat.postMessage").length;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, "0")}`;
        const full = eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event: { ts, event_ts: ts, ...event }, eventId: `EvFUZZ${freshTriggerId()}` });
        const { team_id, authorizations, event_id, ...rest } = full;
        const envelope = { ...rest, ...(withTeam ? { team_id } : {}), ...(withAuthorizations ? { authorizations } : {}), ...(withEventId ? { event_id } : {}) };
        const response = await h.client.postEvent(envelope);
        expect(response.status).toBe(200);
        const e: Record<string, unknown> = event;
        const plainDm =
          e["type"] === "message" && e["channel_type"] === "im" && e["channel"] === "D0FUZZ" && typeof e["user"] === "string" && typeof e["text"] === "string" && e["text"].trim() !== "" && e["subtype"] === undefined && e["bot_id"] === undefined && e["thread_ts"] === undefined;
        if (plainDm) await waitFor(() => h.slack.callsTo("chat.postMessage").slice(postsBefore).some((call) => call.args["channel"] === "D0FUZZ"), { what: `the answer to a DM ${JSON.stringify(event).slice(0, 200)}`, timeoutMs: 8000 });
        else await settle(30);
        for (const post of h.slack.callsTo("chat.postMessage").slice(postsBefore)) expectClearMessage(post, `a message after ${JSON.stringify(event).slice(0, 200)}`);
        expect(internalFailures(h, logsBefore)).toEqual([]);
        expect(mutatingCalls(h)).toEqual([]);
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  });

  it("the /train and /deploy forms submitted with any values get field errors Slack can show, or a plan; nothing runs", async () => {
    const { h } = world;
    const fieldValue = fc.oneof(
      fc.constantFrom("churn-xgb", "churn-xgb/1", "churn-xgb/2", "churn-xgb/999", "__proto__", "__proto__/1", "toString", "dev", "prod", "constructor", "2", "-1", "1e309", "0", "churn-dev-fuzz", "churn-prod", "s3://sageops-demo/churn/train/", "s3://elsewhere/", "ml.m5.xlarge", "ml.p4d.24xlarge", " "),
      anyText,
    );
    /** What each field takes, so that many forms get past the parsers and are planned. */
    const GOOD: Record<string, string[]> = {
      recipe: ["churn-xgb"], data: ["s3://sageops-demo/churn/train/"], instance: ["ml.m5.xlarge", "ml.m5.large"], count: ["1", "2"], environment: ["dev", "prod"],
      version: ["churn-xgb/1", "churn-xgb/2"], endpoint: ["churn-dev-fuzz", "churn-prod"],
    };
    const REQUIRED = ["recipe", "version", "endpoint"];
    const entry = (block: string) => {
      const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(GOOD[block] ?? ["x"])) }, { weight: 2, arbitrary: fieldValue });
      return fc.oneof(
        { weight: 15, arbitrary: value.map((v) => ({ type: "plain_text_input", value: v })) },
        { weight: 15, arbitrary: value.map((v) => ({ type: "static_select", selected_option: { value: v } })) },
        { weight: 1, arbitrary: fc.oneof(fc.constant({ type: "static_select", selected_option: null }), fc.constant({ value: null }), fc.record({ value: fc.integer() }), fc.constant(null), fc.string({ maxLength: 4 })) },
      );
    };
    const form = fc.constantFrom(TRAIN_MODAL, DEPLOY_MODAL).chain((modal) => {
      const blocks = Object.values(modal).filter((field): field is { block: string; action: string } => typeof field === "object");
      const values = fc
        .tuple(
          // The required fields (recipe; version and endpoint) are usually there, the optional ones any subset.
          fc
            .tuple(fc.subarray(blocks.map((b) => b.block)), fc.integer({ min: 0, max: 7 }))
            .map(([chosen, dice]) => (dice === 0 ? chosen : [...new Set([...chosen, ...REQUIRED.filter((block) => blocks.some((b) => b.block === block))])]))
            .chain((chosen) => fc.tuple(...chosen.map((block) => entry(block).map((e) => [block, e] as const)))),
          fc.oneof({ weight: 15, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "other").map((block) => [[block, null] as const]) }),
        )
        .map(([fields, odd]) => Object.fromEntries<unknown>([...fields, ...odd]));
      return fc.record({
        callbackId: fc.constant(modal.callbackId),
        blockIds: fc.constant(blocks.map((b) => b.block)),
        actionOf: fc.constant(Object.fromEntries(blocks.map((b) => [b.block, b.action]))),
        values,
        metadata: fc.oneof(
          { weight: 20, arbitrary: fc.constant(JSON.stringify({ channelId: "C0MLOPS" })) },
          { weight: 1, arbitrary: fc.constantFrom("", "{not json", "null", "[]", JSON.stringify({ channelId: "" }), JSON.stringify({ channelId: 5 }), '{"__proto__":{"channelId":"C0MLOPS"}}') },
          { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
        ),
        userId: fc.oneof({ weight: 20, arbitrary: fc.constantFrom("U0ENGINEER", "U0APPROVER", "U0STRANGER") }, { weight: 1, arbitrary: fc.constantFrom("", "__proto__") }),
      });
    });
    await fc.assert(
      // Without fast-check's bias to edge cases, which would make most forms unreadable and few reach the planners.
      fc.asyncProperty(fc.noBias(form), async ({ callbackId, blockIds, actionOf, values, metadata, userId }) => {
        const logsBefore = h.logs.length;
        const ephemeralsBefore = h.slack.callsTo("chat.postEphemeral").length;
        // Slack nests each field's state under its block id, then its action id.
        const state = Object.fromEntries(Object.entries(values).map(([block, e]) => [block, e === null ? null : { [actionOf[block] ?? "value"]: e }]));
        const submission = {
          type: "view_submission",
          team: { id: h.slack.teamId, domain: "sageops" },
          user: { id: userId, team_id: h.slack.teamId },
          api_app_id: "A0SAGEOPS",
          trigger_id: freshTriggerId(),
          view: { id: `V${sequence}`, type: "modal", callback_id: callbackId, private_metadata: metadata, state: { values: state } },
        };
        const response = await h.client.postInteraction(submission);
        expect(response.status).toBe(200);
        if (response.body !== "") {
          const answer = JSON.parse(response.body) as { response_action?: string; errors?: Record<string, unknown> };
          expect(answer.response_action).toBe("errors");
          const errors = Object.entries(answer.errors ?? {});
          expect(errors.length).toBeGreaterThan(0);
          for (const [block, message] of errors) {
            expect(blockIds, `an error on a field the form does not have: ${block}`).toContain(block);
            expect(typeof message === "string" && message.trim() !== "").toBe(true);
          }
        } else {
          // An accepted form is planned, and the person is told privately what became of it.
          const told = await waitFor(() => h.slack.callsTo("chat.postEphemeral").slice(ephemeralsBefore).find((call) => call.args["user"] === userId), { what: `the answer to a ${callbackId} form`, timeoutMs: 8000 });
          expectClearMessage(told, `the answer to a ${callbackId} form`);
        }
        expect(internalFailures(h, logsBefore)).toEqual([]);
        expect(mutatingCalls(h)).toEqual([]);
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  });
});

describe("fuzzed policy files: the loader and `sageops policy check` name every problem and never throw", () => {
  const example = fs.readFileSync(EXAMPLE_POLICY_PATH, "utf8");
  const exampleValue: unknown = parse(example);

  /** Every path to a value in a parsed YAML document. */
  function pathsIn(value: unknown, at: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(value)) return [at, ...value.flatMap((item, i) => pathsIn(item, [...at, i]))];
    if (typeof value === "object" && value !== null) return [at, ...Object.entries(value).flatMap(([key, item]) => pathsIn(item, [...at, key]))];
    return [at];
  }
  const examplePaths = pathsIn(exampleValue).filter((p) => p.length > 0);

  /** The example policy with the value at one path replaced (or removed), as YAML. */
  function mutated(pathIndex: number, replacement: unknown, remove: boolean): string {
    const copy = JSON.parse(JSON.stringify(exampleValue)) as Record<string | number, unknown>;
    const where = examplePaths[pathIndex % examplePaths.length] ?? [];
    let parent: Record<string | number, unknown> = copy;
    for (const key of where.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = where.at(-1) ?? "version";
    if (remove) delete parent[last];
    else parent[last] = replacement;
    return stringify(copy);
  }

  const hostile = fc.constantFrom(
    // An alias bomb: a few lines that expand to billions of nodes.
    ['a: &a ["x","x","x","x","x","x","x","x","x"]', "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]", "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]", "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]", "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]"].join("\n"),
    `${"[".repeat(5000)}${"]".repeat(5000)}`,
    `${"a:\n ".repeat(2000)}b`,
    "__proto__:\n  admins: [U0EVIL]\nversion: 1",
    "version: 1\nconstructor:\n  prototype:\n    admins: [U0EVIL]",
    "base: &base {mode: live}\nenvironments:\n  dev:\n    <<: *base\n",
    "version: !!js/function 'function(){}'\n",
    "version: !!binary aGVsbG8=\n",
    "version: 1\nversion: 2\n",
    "version: 1\nadmins: *nobody\n",
    "version: 1e400\nadmins: ~\n",
    "\uFEFFversion: 1\n\u0000",
    "---\nversion: 1\n---\nversion: 2\n",
    "",
    "   \n\t\n",
  );
  const text = fc.oneof(
    { weight: 2, arbitrary: fc.string({ maxLength: 300 }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => stringify(value)) },
    { weight: 4, arbitrary: fc.tuple(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("__proto__", "*", "", -1, 1e308, "s3://", "ml.", "U0ADMIN")), fc.boolean()).map(([i, v, remove]) => mutated(i, v, remove)) },
    { weight: 1, arbitrary: hostile },
  );

  function checkResult(result: ReturnType<typeof parsePolicy>, lines: number): void {
    if (result.ok) {
      expect(typeof result.policy.environments).toBe("object");
      return;
    }
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) {
      expect(typeof problem.path).toBe("string");
      expect(problem.message.trim()).not.toBe("");
      if (problem.line !== undefined) {
        expect(Number.isInteger(problem.line)).toBe(true);
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.line).toBeLessThanOrEqual(lines + 1);
      }
    }
  }

  it("any text, any YAML value and any one-value change to the example is accepted or refused with located problems, without polluting prototypes", () => {
    fc.assert(
      fc.property(text, (yamlText) => {
        const result = parsePolicy(yamlText);
        checkResult(result, yamlText.split("\n").length);
        expect(({} as Record<string, unknown>)["admins"]).toBeUndefined();
      }),
      { numRuns: 250, seed: SEED },
    );
  });

  it("`sageops policy check` on fuzzed files exits 0 with one ok line or 2 with one FILE:LINE line per problem", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-policy-fuzz-"));
    try {
      await fc.assert(
        fc.asyncProperty(text, async (yamlText) => {
          const file = path.join(dir, "policy.yml");
          fs.writeFileSync(file, yamlText);
          const out: string[] = [];
          const err: string[] = [];
          const code = await policyCommand(["check", file], { out: (line) => out.push(line), err: (line) => err.push(line) });
          const expected = parsePolicy(yamlText);
          expect(err).toEqual([]);
          if (expected.ok) {
            expect(code).toBe(0);
            expect(out).toHaveLength(1);
            expect(out[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ok \\(`));
          } else {
            expect(code).toBe(2);
            expect(out).toHaveLength(expected.problems.length);
            for (const line of out) expect(line.startsWith(`${file}`)).toBe(true);
          }
        }),
        { numRuns: 60, seed: SEED },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
