import { describe, expect, it } from "vitest";
import { ActionRequests } from "../../src/actions/requests.js";
import { BUILTIN_POLICY } from "../../src/guard/builtin-policy.js";

const requester = { userId: "U0ENGINEER", channelId: "C0MLOPS" };

/** With no model group governed by the policy, nothing is planned, so neither port is reached. */
function requestsWithoutGroups(): ActionRequests {
  const unreachable = () => {
    throw new Error("nothing should be planned");
  };
  return new ActionRequests({ policy: BUILTIN_POLICY, context: unreachable, plans: { submit: unreachable } });
}

describe("a deploy naming a version without its group", () => {
  it("asks which group the version is from when the policy governs no single group", async () => {
    const result = await requestsWithoutGroups().deploy(undefined, "churn-dev", { modelVersion: 2 }, requester);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.what).toBe("Which model package group is version 2 from?");
    expect(result.problem.fix).toContain("churn-xgb/2");
  });

  it("asks the same of a batch transform, and asks for the version itself when none was named", async () => {
    const requests = requestsWithoutGroups();
    const batch = await requests.batch(undefined, { modelVersion: "latest-approved" }, requester);
    expect(batch.ok ? "" : batch.problem.what).toBe("Which model package group is the latest approved version from?");
    const bare = await requests.deploy(undefined, "churn-dev", {}, requester);
    expect(bare.ok ? "" : bare.problem.what).toBe("Which model version should I deploy?");
  });
});
