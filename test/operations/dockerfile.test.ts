import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { REPO_ROOT } from "../support/cli.js";

/**
 * What can be known about the image without building it: the base, the install, who runs the
 * bot, its health check and command, and that everything it copies is there and not ignored.
 */

const read = (file: string): string => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Dockerfile instructions, continuation lines joined and comments dropped, as Docker reads them. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: { parts: string[]; line: number } | undefined;
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line.startsWith("#") || (line === "" && !pending)) continue;
    const continues = line.endsWith("\\");
    const part = continues ? line.slice(0, -1).trim() : line;
    pending = pending ? { ...pending, parts: [...pending.parts, part] } : { parts: [part], line: index + 1 };
    if (continues) continue;
    const joined = pending.parts.join(" ");
    const [keyword = "", ...rest] = joined.split(/\s+/);
    out.push({ keyword: keyword.toUpperCase(), args: rest.join(" "), line: pending.line });
    pending = undefined;
  }
  return out;
}

/** The instructions of the last stage: what the running container is. */
function finalStage(all: readonly Instruction[]): Instruction[] {
  const from = all.map((i) => i.keyword).lastIndexOf("FROM");
  return all.slice(from);
}

/** COPY's sources, without options; none for a copy from another stage. */
function copySources(instruction: Instruction): string[] {
  const words = instruction.args.split(/\s+/);
  if (words.some((word) => word.startsWith("--from="))) return [];
  const paths = words.filter((word) => !word.startsWith("--"));
  return paths.slice(0, -1);
}

/** True when a .dockerignore pattern leaves the path out of the build context. */
function ignored(file: string, patterns: readonly string[]): boolean {
  const normal = file.replace(/^\.\//, "").replace(/\/$/, "");
  return patterns.some((pattern) => {
    const glob = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/.*)?$`);
    return glob.test(normal);
  });
}

const dockerignorePatterns = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));

/** What bin/sageops.mjs and the runtime read from the repository (src/compose/policy.ts, src/interpret/prompts.ts). */
const RUNTIME_PATHS = ["package.json", "package-lock.json", "bin", "src", "prompts", "policy.example.yml"] as const;

/** Everything that keeps the Dockerfile from building the bot's image as the operator's kit says. */
function dockerfileProblems(dockerfile: string, dockerignore: string, exists: (file: string) => boolean): string[] {
  const problems: string[] = [];
  const all = instructions(dockerfile);
  const last = finalStage(all);
  const ignore = dockerignorePatterns(dockerignore);
  const having = (keyword: string, stage: readonly Instruction[] = last): Instruction[] => stage.filter((i) => i.keyword === keyword);

  for (const from of having("FROM", all)) if (!/^node:20-bookworm-slim(\s+AS\s+\S+)?$/i.test(from.args)) problems.push(`line ${from.line}: FROM ${from.args}, not node:20-bookworm-slim`);
  const runs = having("RUN", all);
  if (!runs.some((run) => /\bnpm ci\b[^&;]*--omit=dev/.test(run.args))) problems.push("no RUN npm ci --omit=dev");
  for (const run of runs) if (/--ignore-scripts/.test(run.args)) problems.push(`line ${run.line}: --ignore-scripts would skip better-sqlite3's native build`);

  const cmd = having("CMD").at(-1);
  if (!cmd) problems.push("no CMD in the final stage");
  else if (!/bin\/sageops\.mjs",\s*"start"|npm",\s*"start"/.test(cmd.args)) problems.push(`CMD ${cmd.args} does not start the bot`);
  const users = having("USER").filter((user) => cmd === undefined || user.line < cmd.line);
  const user = users.at(-1)?.args;
  if (user === undefined || user === "root" || user === "0" || user.startsWith("0:") || user.startsWith("root:")) problems.push(`the bot runs as ${user ?? "root"}: set USER node before CMD`);

  const health = having("HEALTHCHECK").at(-1);
  if (!health) problems.push("no HEALTHCHECK");
  else {
    if (!/"node"/.test(health.args)) problems.push("HEALTHCHECK does not run node");
    if (/\b(curl|wget)\b/.test(health.args)) problems.push("HEALTHCHECK uses curl or wget, which node:20-bookworm-slim does not have");
    if (!health.args.includes("/healthz") || !health.args.includes("process.env.PORT")) problems.push("HEALTHCHECK does not ask /healthz on $PORT");
  }
  if (!having("ENV").some((env) => /\bNODE_ENV=production\b/.test(env.args))) problems.push("no ENV NODE_ENV=production");
  if (!having("EXPOSE").some((expose) => expose.args.split(/\s+/).includes("3000"))) problems.push("no EXPOSE 3000");
  if (!having("VOLUME").some((volume) => volume.args.includes("/app/data"))) problems.push("no VOLUME /app/data for SAGEOPS_DB");
  const userLine = users.at(-1)?.line ?? Number.POSITIVE_INFINITY;
  if (!having("RUN").some((run) => run.line < userLine && /chown\s+(-R\s+)?node(:node)?\s+\/app\/data/.test(run.args))) problems.push("/app/data is not given to the node user before USER node");

  const copied = all.filter((i) => i.keyword === "COPY" || i.keyword === "ADD").flatMap(copySources);
  for (const source of copied) {
    if (!exists(source)) problems.push(`COPY ${source}: not in the repository`);
    if (ignored(source, ignore)) problems.push(`COPY ${source}: left out of the build context by .dockerignore`);
  }
  const finalCopies = last.filter((i) => i.keyword === "COPY").flatMap(copySources);
  for (const needed of RUNTIME_PATHS) if (!finalCopies.some((source) => source.replace(/\/$/, "") === needed)) problems.push(`the final stage does not COPY ${needed}, which the bot reads at run time`);

  for (const left of ["node_modules", ".git", "test", "data", "bench"]) if (!ignore.includes(left)) problems.push(`.dockerignore does not leave out ${left}`);
  return problems;
}

const PackageJson = z.looseObject({
  dependencies: z.record(z.string(), z.string()),
  devDependencies: z.record(z.string(), z.string()).optional(),
  allowScripts: z.record(z.string(), z.boolean()).optional(),
});

const exists = (file: string): boolean => fs.existsSync(path.join(REPO_ROOT, file));

describe("the Dockerfile", () => {
  it("builds a node 20 slim image that installs production modules, runs as node, checks /healthz and starts the bot", () => {
    expect(dockerfileProblems(read("Dockerfile"), read(".dockerignore"), exists)).toEqual([]);
  });

  it("can run the sources with production modules only: the loader bin/sageops.mjs uses is a dependency, and better-sqlite3 may build", () => {
    const pkg = PackageJson.parse(JSON.parse(read("package.json")));
    const loaders = [...read("bin/sageops.mjs").matchAll(/from\s+["']((?:@[^/"']+\/)?[^/"']+)[^"']*["']/g)].map((m) => m[1] ?? "").filter((name) => !name.startsWith("node:") && !name.startsWith("."));
    expect(loaders).toContain("tsx");
    for (const loader of loaders) expect(Object.keys(pkg.dependencies), `${loader} must be a production dependency: npm ci --omit=dev leaves devDependencies out`).toContain(loader);
    expect(Object.keys(pkg.dependencies)).toContain("better-sqlite3");
    // npm versions that enforce allowScripts would otherwise skip its native build.
    expect(pkg.allowScripts?.["better-sqlite3"]).toBe(true);
  });

  it("reports a root user, another base, a missing copy, a curl health check and an ignored source", () => {
    const dockerfile = read("Dockerfile");
    const dockerignore = read(".dockerignore");
    const swap = (from: string, to: string): string => {
      if (!dockerfile.includes(from)) throw new Error(`the Dockerfile no longer contains ${from}`);
      return dockerfile.replace(from, to);
    };
    expect(dockerfileProblems(swap("USER node\n", ""), dockerignore, exists)).toEqual(["the bot runs as root: set USER node before CMD"]);
    expect(dockerfileProblems(swap("FROM node:20-bookworm-slim\n", "FROM node:22-alpine\n"), dockerignore, exists)).toEqual([`line ${instructions(dockerfile).filter((i) => i.keyword === "FROM")[1]?.line}: FROM node:22-alpine, not node:20-bookworm-slim`]);
    expect(dockerfileProblems(swap("COPY prompts ./prompts\n", "COPY prompt ./prompts\n"), dockerignore, exists)).toEqual(["COPY prompt: not in the repository", "the final stage does not COPY prompts, which the bot reads at run time"]);
    expect(dockerfileProblems(swap('CMD ["node", "-e"', 'CMD ["curl", "-f", "http://127.0.0.1:3000/healthz", "node", "-e"'), dockerignore, exists)).toContain("HEALTHCHECK uses curl or wget, which node:20-bookworm-slim does not have");
    expect(dockerfileProblems(dockerfile, `${dockerignore}\nprompts\n`, exists)).toEqual(["COPY prompts: left out of the build context by .dockerignore"]);
  });
});
