/** The shape of bench/results.json, and the table printed from it. */
import type { DeliveryFigures } from "./delivery.js";
import type { MicroFigure } from "./micro.js";
import type { Goal, Summary } from "./stats.js";
import type { TrackingFigures } from "./tracking.js";

export interface BenchResults {
  meta: { at: string; node: string; cpus: number; platform: string; seconds: number; policy: string };
  ack: { command: string; concurrency: number; bot: Summary; bare: Summary; p95Ratio: number; met: boolean }[];
  firstReply: { rows: { command: string; concurrency: number; summary: Summary; met?: boolean }[]; plansAnsweredWithAProblem: number };
  sageMakerCallsPerCommand: { command: string; perCommand: number; byOperation: Record<string, number> }[];
  tracking: TrackingFigures[];
  delivery: DeliveryFigures;
  memory: {
    idleMb: number;
    bareBoltIdleMb: number;
    following: { jobs: number; active: number; described: number; seconds: number; peakMb: number; lastMb: number; sageMakerCalls: number };
    met: boolean;
  };
  interpreter: MicroFigure;
  micro: MicroFigure[];
  goals: Goal[];
}

function table(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === "number" ? (Number.isNaN(cell) ? "—" : String(cell)) : cell)))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]): string => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(" | ")} |`;
  console.log(`\n${title}`);
  console.log(line(cells[0] ?? []));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}

const mark = (met: boolean | undefined): string => (met === undefined ? "" : met ? "met" : "MISSED");

export function printTable(r: BenchResults): void {
  console.log(`sageops bench, ${r.meta.at}, node ${r.meta.node}, ${r.meta.cpus} cpus, ${r.meta.seconds} s; policy: ${r.meta.policy}`);
  table(
    "Ack latency, signed slash commands over HTTP (ms): the bot against a bare Bolt app that only acks",
    ["command", "conc", "n", "bot p50", "bot p95", "bot p99", "bare p50", "bare p95", "bare p99", "p95 ratio", "goal ≤1.3×"],
    r.ack.map((row) => [row.command, row.concurrency, row.bot.n, row.bot.p50, row.bot.p95, row.bot.p99, row.bare.p50, row.bare.p95, row.bare.p99, `${row.p95Ratio}×`, mark(row.met)]),
  );
  table(
    "Time to the first visible reply at the fake Slack (ms)",
    ["command", "conc", "n", "p50", "p99", "max", "goal p99 < 1 s"],
    r.firstReply.rows.map((row) => [row.command, row.concurrency, row.summary.n, row.summary.p50, row.summary.p99, row.summary.max, mark(row.met)]),
  );
  table(
    "SageMaker calls per command (counted at the sandbox, one at a time)",
    ["command", "calls", "by operation"],
    r.sageMakerCallsPerCommand.map((row) => [row.command, row.perCommand, Object.entries(row.byOperation).map(([operation, count]) => `${operation} ${count}`).join(", ") || "none"]),
  );
  table(
    "Tracking cost: the real Tracker following N training jobs in the sandbox (simulated time, the tracker's own schedule)",
    ["jobs", "warm-up rounds/calls", "sim min", "rounds", "calls/min", "List/poll max", "allowance", "Describes", "changes", "wasted", "quiet calls/poll", "naive calls/min", "deferred rounds"],
    r.tracking.map((row) => [row.jobs, `${row.warmUp.rounds}/${row.warmUp.calls}`, row.simulatedMinutes, row.rounds, row.callsPerMinute, row.listsPerRoundMax, row.listAllowancePerRound, row.describes, row.changes, row.wastedDescribes, row.quietCallsPerRound, row.naiveCallsPerMinute, row.deferredRounds]),
  );
  const d = r.delivery;
  table(
    "Delivery: status updates through the paced poster to a Slack allowing 1 message/s per channel",
    ["updates", "seen by tracker", "channels", "seconds", "busiest channel msgs", "physical limit s", "ratio", "lost", "duplicates", "429s", "fewest possible msgs/channel"],
    [[d.updates, d.seenByTracker, d.channels, d.seconds, d.busiestChannelMessages, d.physicalLimitSeconds, `${Math.round((d.seconds / d.physicalLimitSeconds) * 100) / 100}×`, d.lost, d.duplicates, d.rateLimited, d.fewestPossibleMessages]],
  );
  const m = r.memory;
  table(
    "Memory: resident set of the bot process (MB)",
    ["state", "RSS MB", "notes"],
    [
      ["idle (after start)", m.idleMb, `bare Bolt app idle: ${m.bareBoltIdleMb} MB`],
      [`following ${m.following.jobs} jobs (peak over ${m.following.seconds} s)`, m.following.peakMb, `last ${m.following.lastMb} MB; ${m.following.described}/${m.following.active} described so far; ${m.following.sageMakerCalls} SageMaker calls`],
    ],
  );
  table(
    "Interpreter and function benches (µs)",
    ["bench", "n", "p50", "p99", "max", "per second"],
    [r.interpreter, ...r.micro].map((f) => [f.name, f.summary.n, f.summary.p50, f.summary.p99, f.summary.max, f.perSecond]),
  );
  table("Goals", ["goal", "measured", ""], r.goals.map((g) => [g.goal, g.measured, mark(g.met)]));
}
