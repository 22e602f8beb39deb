import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/cli.js";

/** The domain core (docs/architecture.md, section 2) talks to Slack and AWS only through ports. */
const DOMAIN = ["src/catalog", "src/interpret", "src/guard", "src/actions", "src/watch", "src/notify"];
/** Adapters that live inside domain folders by design. */
const ALLOWED = new Set(["src/interpret/bedrock.ts", "src/notify/slack-poster.ts"]);
/** Only src/config.ts reads the environment. */
const ENV_READERS = new Set(["src/config.ts", "src/cli/main.ts"]);

function sourceFiles(dir: string): string[] {
  const full = path.join(REPO_ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return rel.endsWith(".ts") ? [rel] : [];
  });
}

function imports(file: string): string[] {
  const source = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
  return [...source.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2] ?? "");
}

describe("architecture", () => {
  it("the domain folders import no Slack or AWS SDK package", () => {
    const offenders = DOMAIN.flatMap(sourceFiles)
      .filter((file) => !ALLOWED.has(file))
      .flatMap((file) => imports(file).filter((spec) => spec.startsWith("@slack/") || spec.startsWith("@aws-sdk/")).map((spec) => `${file} imports ${spec}`));
    expect(offenders).toEqual([]);
    expect(DOMAIN.flatMap(sourceFiles).length).toBeGreaterThan(0);
  });

  it("only the config module reads process.env", () => {
    const offenders = sourceFiles("src")
      .filter((file) => !ENV_READERS.has(file))
      .filter((file) => /process\.env/.test(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
