import { describe, expect, it } from "vitest";
import type { Plan } from "../../../src/actions/plan.js";
import type { Rendered } from "../../../src/slack/blocks/kit.js";
import { SlackPlanNotifier } from "../../../src/slack/notify/plan-notifier.js";
import type { SlackPoster } from "../../../src/slack/notify/poster.js";

const confirmed: Plan = {
  id: "p-0123456789abcdef01234567",
  kind: "deploy",
  status: "confirmed",
  requester: "U0ENGINEER",
  channel: "C0MLOPS",
  messageTs: "1700000000.000100",
  environment: "prod",
  mode: "live",
  title: "Deploy churn-xgb/2 to churn-prod",
  resourceName: "churn-prod",
  details: [],
  steps: [],
  approvals: [],
  approval: { required: 1, role: "approvers" },
  createdAt: "2026-11-26T10:15:00.000Z",
  expiresAt: "2026-11-26T10:30:00.000Z",
};

/** A poster whose updates land in order, each only once the test lets it go (Slack's pace). */
function heldPoster() {
  const updates: Rendered[] = [];
  const held: (() => void)[] = [];
  const poster: SlackPoster = {
    post: async () => ({ ts: "1700000000.000100" }),
    update: (_channel, _ts, message) =>
      new Promise<void>((resolve) => {
        held.push(() => {
          updates.push(message);
          resolve();
        });
      }),
    ephemeral: async () => {},
    upload: async () => {},
  };
  return { poster, updates, release: () => held.shift()?.() };
}

const text = (message: Rendered | undefined): string => JSON.stringify(message?.blocks ?? []);

describe("the plan message kept current", () => {
  it("shows the plan as the store has it once an update that waited its turn has gone: another replica moved it on meanwhile", async () => {
    const { poster, updates, release } = heldPoster();
    let stored: Plan = confirmed;
    const notifier = new SlackPlanNotifier(poster, { approversFor: () => [], current: () => stored });
    const showing = notifier.planChanged(confirmed);
    // While the Confirm's update waits, the other replica's approval starts the deploy and shows it.
    stored = { ...confirmed, status: "started", approvals: ["U0APPROVER"] };
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await showing;
    expect(updates).toHaveLength(2);
    expect(text(updates[0])).toContain("waiting for approval");
    expect(text(updates[1])).toContain("Started");
    expect(text(updates[1])).not.toContain("waiting for approval");
  });

  it("sends one update when nothing changed meanwhile", async () => {
    const { poster, updates, release } = heldPoster();
    const notifier = new SlackPlanNotifier(poster, { approversFor: () => [], current: () => confirmed });
    const showing = notifier.planChanged(confirmed);
    release();
    await showing;
    expect(updates).toHaveLength(1);
  });
});
