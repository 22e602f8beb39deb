import path from "node:path";
import { describe, expect, it } from "vitest";
import { policyCommand } from "../../src/cli/policy.js";
import { REPO_ROOT } from "../support/cli.js";
import { EXAMPLE_POLICY_PATH } from "../support/constants.js";

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await policyCommand(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe("sageops policy check FILE", () => {
  it("an administrator checks the example policy and is told it is fine, with what it holds", async () => {
    const file = EXAMPLE_POLICY_PATH;
    const result = await run(["check", file]);
    expect(result).toEqual({ code: 0, out: [`${file}: ok (2 environments, 1 recipe)`], err: [] });
  });

  it("a policy with mistakes gets one FILE:LINE: path: message line per problem and exit code 2", async () => {
    const file = path.join(REPO_ROOT, "test/fixtures/policies/typos.yml");
    const result = await run(["check", file]);
    expect(result.code).toBe(2);
    expect(result.out).toHaveLength(9);
    expect(result.out).toContain(`${file}:15: environments.dev.maxInstanceCont: unknown key "maxInstanceCont"; did you mean maxInstanceCount?`);
    for (const line of result.out) expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+: [\\w.\\[\\]-]+: .+`));
  });

  it("a file that is not there is one line on stderr and exit code 2", async () => {
    const result = await run(["check", "/nowhere/policy.yml"]);
    expect(result).toEqual({ code: 2, out: [], err: ["/nowhere/policy.yml: no such file"] });
  });

  it("bad usage prints the usage and exits 2", async () => {
    for (const args of [[], ["check"], ["lint", "policy.yml"], ["check", "a.yml", "b.yml"]]) {
      const result = await run(args);
      expect(result).toEqual({ code: 2, out: [], err: ["usage: sageops policy check FILE"] });
    }
  });
});
