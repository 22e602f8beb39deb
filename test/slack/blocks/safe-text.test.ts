import { describe, expect, it } from "vitest";
import type { Plan } from "../../../src/actions/plan.js";
import { escapeMrkdwn, fitLines, safeOutgoing, showInvisible } from "../../../src/slack/blocks/kit.js";
import { renderPlan } from "../../../src/slack/blocks/plan.js";

describe("text from outside, on its way to Slack", () => {
  it("escaping leaves no link, mention or broadcast to form, and shows invisible characters", () => {
    expect(escapeMrkdwn("<!channel> <https://evil|x> <!subteam^S1> a&b")).toBe("&lt;!channel&gt; &lt;https://evil|x&gt; &lt;!subteam^S1&gt; a&amp;b");
    expect(showInvisible("safe\u202Egnp.exe\u200B")).toBe("safe[U+202E]gnp.exe[U+200B]");
  });

  it("the last step defuses broadcasts and shows hidden characters in every text field, and keeps intended mentions and links", () => {
    const out = safeOutgoing({
      text: "hi <!here> \u2066x\u2069",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "<@U0ENGINEER> see <https://docs.aws.amazon.com|docs> <!everyone>" } }],
    });
    expect(out.text).toBe("hi @here [U+2066]x[U+2069]");
    expect(out.blocks[0]?.text.text).toBe("<@U0ENGINEER> see <https://docs.aws.amazon.com|docs> @everyone");
  });

  it("a long fallback text is cut between lines and says how many were left out", () => {
    const text = Array.from({ length: 400 }, (_, i) => `line ${i} ${"x".repeat(20)}`).join("\n");
    const cut = fitLines(text, 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut).toMatch(/…and \d+ more lines\.$/);
    expect(cut.split("\n").slice(0, -1).every((line) => /^line \d+ x{20}$/.test(line))).toBe(true);
  });

  it("a plan's fallback text escapes what the requester and SageMaker wrote, as its blocks do", () => {
    const plan: Plan = {
      id: "p-0000000000000000000000aa",
      kind: "train",
      status: "failed",
      requester: "U0ENGINEER",
      channel: "C0MLOPS",
      environment: "dev",
      mode: "live",
      title: "Train churn-xgb",
      resourceName: "churn-xgb-1",
      details: [{ label: "Hyperparameters", value: "note=<!channel>" }],
      steps: [],
      approvals: [],
      createdAt: "2026-11-26T09:00:00Z",
      expiresAt: "2026-11-26T09:15:00Z",
      outcome: { message: "SageMaker refused: bad value <!here> <https://evil|x>" },
    };
    const rendered = renderPlan(plan);
    expect(rendered.text).not.toMatch(/<!(channel|here)|<https:\/\/evil/);
    expect(rendered.text).toContain("note=&lt;!channel&gt;");
    expect(JSON.stringify(rendered.blocks)).not.toMatch(/<!(channel|here)|<https:\/\/evil/);
  });
});
